using System.Xml.Linq;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Rendering;

namespace ErrorCodeGen.Generator.Emitting
{
    /// <summary>
    /// The XML documentation the emitter composes: elements built with <see cref="XElement"/> from plain strings (made
    /// XML-safe first), serialized through <see cref="XmlFragment"/> so nothing can escape a <c>///</c> line.
    /// </summary>
    internal static class DocComment
    {
        public static string Summary(params object[] content) => Element(new XElement("summary", Safe(content)));

        /// <summary>A summary from catalog Markdown, already rendered to safe XML.</summary>
        public static string Summary(RenderedText text) => "<summary>" + text.XmlDoc + "</summary>";

        public static string Param(string name, params object[] content)
            => Element(new XElement("param", new XAttribute("name", name), Safe(content)));

        public static string Returns(params object[] content) => Element(new XElement("returns", Safe(content)));

        public static XElement Cref(string target) => new XElement("see", new XAttribute("cref", target));

        public static XElement Code(string text) => new XElement("c", XmlFragment.XmlSafe(text));

        /// <summary>A <c>&lt;para&gt;</c> from plain text.</summary>
        public static string Para(params object[] content) => Element(new XElement("para", Safe(content)));

        public static string Element(XElement element) => XmlFragment.MakeDocCommentSafe(XmlFragment.Serialize(element));

        public static string XmlSafe(string text) => XmlFragment.XmlSafe(text);

        private static object[] Safe(object[] content)
        {
            var result = new object[content.Length];
            for (int i = 0; i < content.Length; i++)
            {
                result[i] = content[i] is string s ? XmlFragment.XmlSafe(s) : content[i];
            }

            return result;
        }
    }
}

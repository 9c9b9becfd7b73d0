using System.Text;

namespace ErrorCodeGen.Generator.Emitting
{
    /// <summary>A StringBuilder with indentation and <c>\n</c> line ends, so output is the same on every OS.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _sb = new StringBuilder(16 * 1024);
        private int _indent;

        public void Line(string text = "")
        {
            if (text.Length > 0)
            {
                _sb.Append(' ', _indent * 4);
                _sb.Append(text);
            }

            _sb.Append('\n');
        }

        /// <summary>Writes each line of an XML documentation fragment behind <c>///</c>.</summary>
        public void Doc(string xml)
        {
            if (xml.Length == 0)
            {
                return;
            }

            foreach (string line in xml.Split('\n'))
            {
                Line("/// " + line);
            }
        }

        public void Open(string text)
        {
            Line(text);
            Line("{");
            _indent++;
        }

        public void Close(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
        }

        public void Indent() => _indent++;

        public void Unindent() => _indent--;

        public override string ToString() => _sb.ToString();
    }
}

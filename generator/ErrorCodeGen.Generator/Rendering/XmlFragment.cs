using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ErrorCodeGen.Generator.Rendering
{
    /// <summary>
    /// XML documentation fragments as text: serialized from <see cref="XElement"/> (never by hand), with characters
    /// XML cannot carry replaced and line separators the C# lexer honours written as character references.
    /// </summary>
    internal static class XmlFragment
    {
        /// <summary>
        /// One writer per thread, reused: <see cref="XmlWriter.Create(TextWriter, XmlWriterSettings)"/> allocates kilobytes
        /// of buffers, and a catalog serializes several nodes per code. A fragment writer between complete nodes holds no
        /// state that shows in the next node's text, so the output is what a fresh writer produces.
        /// </summary>
        [ThreadStatic]
        private static CachedWriter? t_writer;

        public static string Serialize(XNode node)
        {
            CachedWriter writer = t_writer ?? new CachedWriter();
            t_writer = null;
            node.WriteTo(writer.Xml);
            writer.Xml.Flush();
            StringBuilder sb = writer.Text.GetStringBuilder();
            string text = sb.ToString();
            sb.Clear();

            // Only a writer that finished its node is put back; one that threw is dropped with its state.
            t_writer = writer;
            return text;
        }

        /// <summary>
        /// Writes a fragment straight to the thread's writer, without building <see cref="XElement"/>s first: the same
        /// writer and settings, so the same text as serializing the elements <paramref name="write"/> writes.
        /// </summary>
        public static string Write<T>(T state, Action<Fragment, T> write)
        {
            CachedWriter writer = t_writer ?? new CachedWriter();
            t_writer = null;
            write(writer.Fragment, state);
            writer.Xml.Flush();
            StringBuilder sb = writer.Text.GetStringBuilder();
            string text = sb.ToString();
            sb.Clear();
            t_writer = writer;
            return text;
        }

        /// <summary>What <see cref="Write"/> writes to: the XML writer, and line breaks between complete nodes.</summary>
        public sealed class Fragment
        {
            private readonly CachedWriter _writer;

            internal Fragment(CachedWriter writer) => _writer = writer;

            public XmlWriter Xml => _writer.Xml;

            /// <summary>
            /// Text that is already XML, between two complete nodes: a line break (the documentation's one block per
            /// line), or a tag made by serializing an element.
            /// </summary>
            public void Append(string xml)
            {
                _writer.Xml.Flush();
                _writer.Text.GetStringBuilder().Append(xml);
            }
        }

        internal sealed class CachedWriter
        {
            private static readonly XmlWriterSettings s_settings = new XmlWriterSettings
            {
                OmitXmlDeclaration = true,
                ConformanceLevel = ConformanceLevel.Fragment,
                Indent = false,
                NewLineChars = "\n",
                NewLineHandling = NewLineHandling.Entitize,
                CheckCharacters = true,
            };

            public CachedWriter()
            {
                Text = new StringWriter(CultureInfo.InvariantCulture);
                Xml = XmlWriter.Create(Text, s_settings);
                Fragment = new Fragment(this);
            }

            public Fragment Fragment { get; }

            public StringWriter Text { get; }

            public XmlWriter Xml { get; }
        }

        /// <summary>
        /// The C# lexer ends a <c>///</c> line at U+0085, U+2028 and U+2029 as well as at CR and LF; XML carries them
        /// as character references instead, so no text can ever escape the comment.
        /// </summary>
        public static string MakeDocCommentSafe(string xml)
            => xml.Replace("\r", "&#xD;").Replace("\u0085", "&#x85;").Replace("\u2028", "&#x2028;").Replace("\u2029", "&#x2029;");

        /// <summary>Replaces characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF) with U+FFFD.</summary>
        public static string XmlSafe(string text)
        {
            StringBuilder? sb = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool ok;
                if (char.IsHighSurrogate(c))
                {
                    ok = i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                    if (ok)
                    {
                        sb?.Append(c).Append(text[i + 1]);
                        i++;
                        continue;
                    }
                }
                else if (char.IsLowSurrogate(c))
                {
                    ok = false;
                }
                else
                {
                    ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != '\uFFFE' && c != '\uFFFF');
                }

                if (!ok && sb is null)
                {
                    sb = new StringBuilder(text.Length);
                    sb.Append(text, 0, i);
                }

                if (sb != null)
                {
                    sb.Append(ok ? c : '\uFFFD');
                }
            }

            return sb?.ToString() ?? text;
        }
    }
}

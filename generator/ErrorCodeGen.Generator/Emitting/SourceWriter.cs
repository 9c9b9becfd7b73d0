using System.Collections.Generic;
using System.Text;

namespace ErrorCodeGen.Generator.Emitting
{
    /// <summary>A StringBuilder with indentation and <c>\n</c> line ends, so output is the same on every OS.</summary>
    internal sealed class SourceWriter
    {
        /// <summary>Where a line is broken when a break is possible.</summary>
        public const int MaxLineLength = 120;

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

        public void Close()
        {
            _indent--;
            Line("}");
        }

        public void Indent() => _indent++;

        public void Unindent() => _indent--;

        /// <summary>
        /// Writes <paramref name="head"/> followed by <paramref name="items"/>, each but the last followed by
        /// <paramref name="separator"/>, packing items onto a line while it stays within <see cref="MaxLineLength"/> and
        /// continuing one indent deeper (at the same indent when there is no head); an item longer than a line gets a line of its own. With
        /// <paramref name="firstFit"/> an item goes on the first line with room for it (for named arguments, whose
        /// order is free), else on the last. <paramref name="tail"/> closes the list.
        /// </summary>
        public void Packed(string head, IReadOnlyList<string> items, string tail, string separator = ",", bool firstFit = false)
        {
            int limit = MaxLineLength - (_indent * 4);
            int hanging = head.Length > 0 ? 1 : 0;
            var lines = new List<StringBuilder> { new StringBuilder(head) };
            var empty = new List<bool> { head.Length == 0 || head.EndsWith("(", System.StringComparison.Ordinal) };
            foreach (string raw in items)
            {
                string item = raw + separator;
                int target = -1;
                for (int l = firstFit ? 0 : lines.Count - 1; l < lines.Count && target < 0; l++)
                {
                    int width = (l == 0 ? 0 : hanging * 4) + lines[l].Length + (empty[l] ? 0 : 1) + item.Length;
                    if (width <= limit || (empty[l] && (l > 0 || head.Length == 0)))
                    {
                        target = l;
                    }
                }

                if (target < 0)
                {
                    lines.Add(new StringBuilder());
                    empty.Add(true);
                    target = lines.Count - 1;
                }

                lines[target].Append(empty[target] ? string.Empty : " ").Append(item);
                empty[target] = false;
            }

            StringBuilder end = lines[lines.Count - 1];
            if (items.Count > 0)
            {
                end.Length -= separator.Length;
            }

            end.Append(tail);
            for (int l = 0; l < lines.Count; l++)
            {
                _indent += l > 0 ? hanging : 0;
                Line(lines[l].ToString());
                _indent -= l > 0 ? hanging : 0;
            }
        }

        /// <summary>Writes <c>left = right;</c> on one line when it fits, else breaks after the <c>=</c>.</summary>
        public void Assignment(string left, string right)
        {
            if (Fits(left + " = " + right + ";"))
            {
                Line(left + " = " + right + ";");
                return;
            }

            Line(left + " =");
            _indent++;
            Line(right + ";");
            _indent--;
        }

        /// <summary>Whether <paramref name="text"/> fits on a line at the current indentation.</summary>
        public bool Fits(string text) => (_indent * 4) + text.Length <= MaxLineLength;

        public override string ToString() => _sb.ToString();
    }
}

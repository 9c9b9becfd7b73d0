using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ErrorCodeGen.Generator.Emitting
{
    /// <summary>A StringBuilder with indentation and <c>\n</c> line ends, so output is the same on every OS.</summary>
    internal sealed class SourceWriter
    {
        /// <summary>Where a line is broken when a break is possible.</summary>
        public const int MaxLineLength = 120;

        private readonly StringBuilder _sb;
        private int _indent;
        private char[] _copy = new char[256];

        /// <summary>
        /// A writer whose buffer starts at <paramref name="capacity"/> characters: sized for the whole file, it is one
        /// array the collector never copies, where a growing builder adds thousands of small chunks that survive each
        /// collection while the file is written.
        /// </summary>
        public SourceWriter(int capacity = 16 * 1024)
        {
            _sb = new StringBuilder(capacity);
        }

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
            xml.CopyTo(0, Room(xml.Length), 0, xml.Length);
            DocLines(xml.Length);
        }

        /// <summary><see cref="Doc(string)"/> of a fragment in a builder, without making a string of it.</summary>
        public void Doc(StringBuilder xml)
        {
            xml.CopyTo(0, Room(xml.Length), 0, xml.Length);
            DocLines(xml.Length);
        }

        /// <summary>The first <paramref name="length"/> characters of <see cref="_copy"/>, line by line behind <c>///</c> (none when empty).</summary>
        private void DocLines(int length)
        {
            if (length == 0)
            {
                return;
            }

            int start = 0;
            while (true)
            {
                int end = Array.IndexOf(_copy, '\n', start, length - start);
                _sb.Append(' ', _indent * 4).Append("/// ");
                if (end < 0)
                {
                    _sb.Append(_copy, start, length - start).Append('\n');
                    return;
                }

                _sb.Append(_copy, start, end - start).Append('\n');
                start = end + 1;
            }
        }

        /// <summary>Writes <c>/// &lt;summary&gt;</c>, one line of XML documentation, and <c>&lt;/summary&gt;</c> on one line.</summary>
        public void DocSummaryLine(string xml)
        {
            if (xml.IndexOf('\n') >= 0)
            {
                Doc("<summary>" + xml + "</summary>");
                return;
            }

            _sb.Append(' ', _indent * 4).Append("/// <summary>").Append(xml).Append("</summary>\n");
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
        /// continuing one indent deeper (at the same indent when there is no head); an item longer than a line gets a
        /// line of its own. <paramref name="tail"/> closes the list.
        /// </summary>
        public void Packed(string head, IReadOnlyList<string> items, string tail, string separator = ",")
        {
            int hanging = head.Length > 0 ? 1 : 0;
            var lines = new List<StringBuilder> { new StringBuilder(head) };
            bool fresh = head.Length == 0 || head.EndsWith("(", System.StringComparison.Ordinal);
            foreach (string item in items)
            {
                string text = item + separator;
                StringBuilder last = lines[lines.Count - 1];
                int extra = lines.Count == 1 ? 0 : hanging;
                bool fits = fresh
                    ? ((_indent + extra) * 4) + last.Length + text.Length <= MaxLineLength
                    : FitsAfter(last, extra, text);
                if (!fits && !(fresh && (lines.Count > 1 || head.Length == 0)))
                {
                    last = new StringBuilder();
                    lines.Add(last);
                    fresh = true;
                }

                last.Append(fresh ? string.Empty : " ").Append(text);
                fresh = false;
            }

            WriteLines(lines, items.Count > 0 ? separator.Length : 0, tail, hanging);
        }

        /// <summary>
        /// Like <see cref="Packed"/> for named arguments, whose order is free. The <paramref name="leading"/> items go
        /// right after the head, in order, while they fit there (the rest join the short items); each long item (over 60 characters) gets a line of its own, in
        /// order; every other short item, longest first, goes on the line with the least room that still fits it,
        /// else on a line of short items after the head.
        /// </summary>
        public void PackedNamed(string head, IReadOnlyList<string> leading, IReadOnlyList<string> items, string tail)
        {
            const string Separator = ",";
            const int ShortItem = 60;
            // Each line sized for a full one (and the tail) up front, so that packing items onto it does not grow it; the
            // lines of one call are the next call's (every descriptor of a catalog is one call).
            List<StringBuilder> lines = _packedLines;
            lines.Clear();
            lines.Add(SpareLine().Append(head));
            int shortLines = 0;
            var shortItems = new List<string>();
            bool onHead = true;
            foreach (string item in leading)
            {
                onHead &= FitsAfter(lines[0], 0, item.Length + Separator.Length);
                if (onHead)
                {
                    lines[0].Append(' ').Append(item).Append(Separator);
                }
                else
                {
                    shortItems.Add(item);
                }
            }

            foreach (string item in items)
            {
                if (item.Length > ShortItem)
                {
                    lines.Add(SpareLine().Append(item).Append(Separator));
                }
                else
                {
                    shortItems.Add(item);
                }
            }

            var order = new List<int>();
            for (int i = 0; i < shortItems.Count; i++)
            {
                order.Add(i);
            }

            order.Sort((a, b) => shortItems[a].Length != shortItems[b].Length ? shortItems[b].Length.CompareTo(shortItems[a].Length) : a.CompareTo(b));
            foreach (int i in order)
            {
                string item = shortItems[i];
                int length = item.Length + Separator.Length;
                int best = -1;
                for (int l = 0; l < lines.Count; l++)
                {
                    if (FitsAfter(lines[l], l == 0 ? 0 : 1, length) && (best < 0 || lines[l].Length > lines[best].Length + (best == 0 ? -4 : 0) - (l == 0 ? -4 : 0)))
                    {
                        best = l;
                    }
                }

                if (best < 0)
                {
                    best = 1 + shortLines++;
                    lines.Insert(best, SpareLine());
                }

                lines[best].Append(lines[best].Length == 0 ? string.Empty : " ").Append(item).Append(Separator);
            }

            WriteLines(lines, leading.Count + items.Count > 0 ? Separator.Length : 0, tail, 1);
            foreach (StringBuilder line in lines)
            {
                if (line.Capacity <= 4 * MaxLineLength)
                {
                    _spareLines.Push(line.Clear());
                }
            }

            lines.Clear();
        }

        private readonly List<StringBuilder> _packedLines = new List<StringBuilder>();

        private readonly Stack<StringBuilder> _spareLines = new Stack<StringBuilder>();

        /// <summary>An empty line builder of <see cref="PackedNamed"/>: one a call before it used, else a new one with room for a line.</summary>
        private StringBuilder SpareLine() => _spareLines.Count > 0 ? _spareLines.Pop() : new StringBuilder(MaxLineLength + 16);

        private bool FitsAfter(StringBuilder line, int extraIndent, string item) => FitsAfter(line, extraIndent, item.Length);

        private bool FitsAfter(StringBuilder line, int extraIndent, int itemLength)
            => ((_indent + extraIndent) * 4) + line.Length + (line.Length == 0 ? 0 : 1) + itemLength <= MaxLineLength;

        private void WriteLines(List<StringBuilder> lines, int trailingSeparator, string tail, int hanging)
        {
            StringBuilder end = lines[lines.Count - 1];
            end.Length -= trailingSeparator;
            end.Append(tail);
            for (int l = 0; l < lines.Count; l++)
            {
                _indent += l > 0 ? hanging : 0;
                Line(lines[l]);
                _indent -= l > 0 ? hanging : 0;
            }
        }

        /// <summary><see cref="Line(string)"/> from a builder, without making a string of it.</summary>
        private void Line(StringBuilder text)
        {
            if (text.Length > 0)
            {
                text.CopyTo(0, Room(text.Length), 0, text.Length);
                _sb.Append(' ', _indent * 4);
                _sb.Append(_copy, 0, text.Length);
            }

            _sb.Append('\n');
        }

        /// <summary><see cref="_copy"/>, grown to hold at least <paramref name="length"/> characters.</summary>
        private char[] Room(int length)
        {
            if (_copy.Length < length)
            {
                _copy = new char[length * 2];
            }

            return _copy;
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

        /// <summary>
        /// The text written, for the compiler: read from the builder in pieces, so that a file too large for one string
        /// below the large-object heap (40,000 characters) never becomes one. Roslyn keeps such a text in chunks of its
        /// own; a smaller one it reads into one string, as <see cref="ToString"/> would make.
        /// </summary>
        public SourceText ToSourceText() => SourceText.From(new BuilderReader(_sb), _sb.Length, Encoding.UTF8);

        /// <summary>A reader over a builder's characters, in order, without copying them into one string first.</summary>
        private sealed class BuilderReader : System.IO.TextReader
        {
            private readonly StringBuilder _sb;
            private int _position;

            public BuilderReader(StringBuilder sb) => _sb = sb;

            public override int Peek() => _position < _sb.Length ? _sb[_position] : -1;

            public override int Read() => _position < _sb.Length ? _sb[_position++] : -1;

            public override int Read(char[] buffer, int index, int count)
            {
                int n = System.Math.Min(count, _sb.Length - _position);
                if (n <= 0)
                {
                    return 0;
                }

                _sb.CopyTo(_position, buffer, index, n);
                _position += n;
                return n;
            }

            public override string ReadToEnd()
            {
                string rest = _position == 0 ? _sb.ToString() : _sb.ToString(_position, _sb.Length - _position);
                _position = _sb.Length;
                return rest;
            }
        }
    }
}

using System.Collections.Generic;
using ErrorCodeGen.Generator.Model;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>
    /// A place in a catalog's text, as YamlDotNet's <see cref="Mark"/> gives it (the index from 0, the line and column from
    /// 1), in 12 bytes instead of 24: every node of the tree carries two, and the tree lives through the parse (about
    /// 3 MB less per run for a catalog of 10,000 codes).
    /// </summary>
    internal readonly struct TextMark
    {
        public TextMark(int index, int line, int column)
        {
            Index = index;
            Line = line;
            Column = column;
        }

        public int Index { get; }

        public int Line { get; }

        public int Column { get; }

        /// <summary>As YamlDotNet's <see cref="Mark"/> writes itself (in test failures and the debugger).</summary>
        public override string ToString() => "Line: " + Line + ", Col: " + Column + ", Idx: " + Index;

        /// <summary>YamlDotNet's mark of the same place (a catalog's text is a string, so every index fits an int).</summary>
        public static implicit operator TextMark(Mark mark)
            => new TextMark((int)System.Math.Min(mark.Index, int.MaxValue), (int)System.Math.Min(mark.Line, int.MaxValue), (int)System.Math.Min(mark.Column, int.MaxValue));
    }

    /// <summary>
    /// A small YAML tree built from YamlDotNet's event parser, with source positions on every node. Aliases are
    /// never expanded (a catalog has no use for them, and expanding them is how "billion laughs" attacks work).
    /// Transient: it lives only inside <see cref="CatalogParser"/> and never reaches the pipeline's models.
    /// </summary>
    internal abstract class YamlNodeBase
    {
        protected YamlNodeBase(TextMark start, TextMark end)
        {
            Start = start;
            End = end;
        }

        public TextMark Start { get; }

        public TextMark End { get; }

        public abstract string KindName { get; }

        /// <summary>The node's place in the file; <paramref name="bomOffset"/> is 1 when a leading U+FEFF was removed before parsing.</summary>
        public LocationInfo Location(string path, int bomOffset = 0)
        {
            int start = (int)System.Math.Max(0, Start.Index) + bomOffset;
            int end = (int)System.Math.Max(start, End.Index + bomOffset);
            var startPos = Position(Start, bomOffset);
            var endPos = Position(End, bomOffset);
            if (endPos < startPos)
            {
                endPos = startPos;
            }

            return new LocationInfo(path, TextSpan.FromBounds(start, end), new LinePositionSpan(startPos, endPos));
        }

        private static LinePosition Position(TextMark mark, int bomOffset)
        {
            int line = (int)System.Math.Max(0, mark.Line - 1);
            int column = (int)System.Math.Max(0, mark.Column - 1);
            return new LinePosition(line, line == 0 ? column + bomOffset : column);
        }
    }

    internal sealed class YamlScalarNode : YamlNodeBase
    {
        public YamlScalarNode(TextMark start, TextMark end, string value, ScalarStyle style, string? tag)
            : base(start, end)
        {
            Value = value;
            Style = style;
            Tag = tag;
        }

        public string Value { get; }

        public ScalarStyle Style { get; }

        public string? Tag { get; }

        /// <summary>Plain (unquoted) scalars are the only ones that can be numbers, booleans or null.</summary>
        public bool IsPlain => Style == ScalarStyle.Plain || Style == ScalarStyle.Any;

        public bool IsNull => IsPlain && Tag is null && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

        public override string KindName => IsNull ? "null" : "a scalar";
    }

    internal sealed class YamlSequence : YamlNodeBase
    {
        public YamlSequence(TextMark start, TextMark end, List<YamlNodeBase> items)
            : base(start, end) => Items = items;

        public List<YamlNodeBase> Items { get; }

        public override string KindName => "a list";
    }

    internal sealed class YamlMapping : YamlNodeBase
    {
        public YamlMapping(TextMark start, TextMark end, List<KeyValuePair<YamlNodeBase, YamlNodeBase>> entries)
            : base(start, end) => Entries = entries;

        public List<KeyValuePair<YamlNodeBase, YamlNodeBase>> Entries { get; }

        public override string KindName => "a mapping";
    }

    /// <summary>An alias (<c>*name</c>); kept only so the parser can report it where it stands.</summary>
    internal sealed class YamlAliasNode : YamlNodeBase
    {
        public YamlAliasNode(TextMark start, TextMark end, string anchor)
            : base(start, end) => Anchor = anchor;

        public string Anchor { get; }

        public override string KindName => "an alias";
    }
}

using System.Collections.Generic;
using System.Threading;
using YamlDotNet.Core;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>
    /// Reads the YAML a catalog is usually written in without YamlDotNet: block mappings with plain keys, block
    /// sequences, one-line plain, single- and double-quoted (no escapes) scalars, <c>|</c> literal blocks and <c>&gt;</c> folded blocks
    /// (clipped or stripped), one-line flow lists of plain words, with comments and blank lines. Anything else (tabs, CR, anchors, tags, folded or
    /// multi-line flow scalars, escapes, document markers, unusual characters...) makes <see cref="TryRead"/> answer null,
    /// and the text goes to YamlDotNet as before. The tree is the one <see cref="YamlTreeBuilder"/> builds from
    /// YamlDotNet's events: the same nodes, values and styles, and for every one-line scalar the same marks.
    /// Collections' and literal blocks' end marks may differ, so <see cref="CatalogParser"/> keeps a tree read here only
    /// when the catalog it gives has no diagnostic at all (a clean catalog shows no mark but its provider name's); any
    /// diagnostic and the catalog is read again through YamlDotNet (<c>SimpleYamlReaderTests</c> compare the two).
    /// </summary>
    internal sealed class SimpleYamlReader
    {
        /// <summary>Deeper than this is left to YamlDotNet (and its limits).</summary>
        private const int MaxDepth = 16;

        private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

        private readonly string _text;
        private readonly CancellationToken _cancellationToken;
        private int _pos;
        private int _line;

        /// <summary>Where the current line (<see cref="_line"/>) starts, so a mark is found without searching back for it.</summary>
        private int _lineStart;
        private int _nodes;

        private SimpleYamlReader(string text, CancellationToken cancellationToken)
        {
            _text = text;
            _cancellationToken = cancellationToken;
        }

        /// <summary>The root of <paramref name="text"/>, or null when it is not in the subset.</summary>
        public static YamlNodeBase? TryRead(string text, CancellationToken cancellationToken = default)
        {
            foreach (char c in text)
            {
                if (c != '\n' && !IsPrintable(c))
                {
                    return null;
                }
            }

            var reader = new SimpleYamlReader(text, cancellationToken);
            if (reader.NextContentIndent() != 0 || !reader.LooksLikeKey(reader._pos))
            {
                return null;
            }

            YamlNodeBase? root = reader.ReadMapping(0, reader._pos, 0);
            return root != null && reader.NextContentIndent() < 0 ? root : null;
        }

        /// <summary>What YAML reads as content: no control characters, line separators, BOM, surrogates or non-characters.</summary>
        private static bool IsPrintable(char c)
            => c >= ' ' && c != '\u007F' && !(c >= '\u0080' && c <= '\u009F') && c != '\u2028' && c != '\u2029' && c != '\uFEFF'
            && !char.IsSurrogate(c) && c < '\uFFFE';

        private int LineEnd(int from)
        {
            int end = _text.IndexOf('\n', from);
            return end < 0 ? _text.Length : end;
        }

        /// <summary>Skips blank and comment lines from the current line start; the next line's indent, or -1 at the end.</summary>
        private int NextContentIndent()
        {
            while (_pos < _text.Length)
            {
                int end = LineEnd(_pos);
                int i = _pos;
                while (i < end && _text[i] == ' ')
                {
                    i++;
                }

                if (i < end && _text[i] != '#')
                {
                    return i - _pos;
                }

                AdvanceLine(end);
            }

            return -1;
        }

        private void AdvanceLine(int end)
        {
            _pos = end < _text.Length ? end + 1 : end;
            _line++;
            _lineStart = _pos;
        }

        /// <summary>
        /// The mark of <paramref name="index"/> on the current line: its column from the line's start, kept as lines are read
        /// (searching back for it made a flow list of N items on one line cost N times the line).
        /// </summary>
        private TextMark MarkAt(int index) => new TextMark(index, _line + 1, index - (index >= _lineStart ? _lineStart : LineStart(index)) + 1);

        private int LineStart(int index)
        {
            int start = index > 0 ? _text.LastIndexOf('\n', index - 1) : -1;
            return start + 1;
        }

        /// <summary>A plain key (<c>name:</c> followed by a space or the line's end) at <paramref name="i"/>.</summary>
        private bool LooksLikeKey(int i) => KeyEnd(i) > i;

        private int KeyEnd(int i)
        {
            int end = LineEnd(i);
            int j = i;
            if (j >= end || !(char.IsLetter(_text[j]) || _text[j] == '_'))
            {
                return -1;
            }

            while (j < end && (char.IsLetterOrDigit(_text[j]) || _text[j] == '_' || _text[j] == '-'))
            {
                j++;
            }

            return j < end && _text[j] == ':' && (j + 1 == end || _text[j + 1] == ' ') ? j : -1;
        }

        private bool Count()
        {
            if ((++_nodes & 1023) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            return _nodes < YamlTreeBuilder.MaxNodes;
        }

        /// <summary>
        /// The key at <paramref name="at"/>: the same string as the last key of that length and those ends, when it is the
        /// same text. A catalog repeats a dozen keys in every code's mapping; without this each was a string of its own, and
        /// the tree keeps them all through the parse.
        /// </summary>
        private string Key(int at, int length)
        {
            int slot = ((length * 31) + (_text[at] * 7) + _text[at + length - 1]) & (KeySlots - 1);
            string? known = _keys[slot];
            if (known != null && known.Length == length && string.CompareOrdinal(_text, at, known, 0, length) == 0)
            {
                return known;
            }

            string key = _text.Substring(at, length);
            _keys[slot] = key;
            return key;
        }

        private const int KeySlots = 64;

        private readonly string?[] _keys = new string?[KeySlots];

        /// <summary>
        /// A block mapping whose keys stand at column <paramref name="indent"/>; the first at <paramref name="first"/>
        /// (after a sequence's <c>- </c> on the current line, or at the line's indent).
        /// </summary>
        private YamlMapping? ReadMapping(int indent, int first, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            var entries = new List<KeyValuePair<YamlNodeBase, YamlNodeBase>>();
            TextMark start = MarkAt(first);
            int keyAt = first;
            while (true)
            {
                int keyEnd = KeyEnd(keyAt);
                if (keyEnd < 0 || !Count())
                {
                    return null;
                }

                var key = new YamlScalarNode(MarkAt(keyAt), MarkAt(keyEnd), Key(keyAt, keyEnd - keyAt), ScalarStyle.Plain, null);
                YamlNodeBase? value = ReadValue(indent, keyEnd + 1, depth);
                if (value is null)
                {
                    return null;
                }

                entries.Add(new KeyValuePair<YamlNodeBase, YamlNodeBase>(key, value));
                int next = NextContentIndent();
                if (next < indent)
                {
                    return new YamlMapping(start, MarkAt(_pos), entries);
                }

                if (next > indent || !LooksLikeKey(_pos + next))
                {
                    return null;
                }

                keyAt = _pos + next;
            }
        }

        /// <summary>The value after a key's colon at <paramref name="i"/>; on return the current line is the value's last.</summary>
        private YamlNodeBase? ReadValue(int indent, int i, int depth)
        {
            int end = LineEnd(i);
            while (i < end && _text[i] == ' ')
            {
                i++;
            }

            if (i == end || (_text[i] == '#' && _text[i - 1] == ' '))
            {
                // The value is a block on the next lines: deeper, or a sequence at the key's own indent.
                AdvanceLine(end);
                int next = NextContentIndent();
                if (next > indent)
                {
                    int at = _pos + next;
                    return _text[at] == '-' ? ReadSequence(next, depth + 1) : LooksLikeKey(at) ? ReadMapping(next, at, depth + 1) : null;
                }

                return next == indent && _text[_pos + next] == '-' ? ReadSequence(next, depth + 1) : null;
            }

            if (_text[i] == '|' || _text[i] == '>')
            {
                return ReadBlockScalar(indent, i, end);
            }

            YamlNodeBase? scalar = ReadInlineScalar(i, end, flow: false);
            return scalar != null && EndsHere(indent, end) ? scalar : null;
        }

        /// <summary>
        /// After a one-line value: moves to the next line, and answers whether no line more indented than the
        /// mapping's keys follows (it would continue a plain scalar, or be an error YamlDotNet reports).
        /// </summary>
        private bool EndsHere(int indent, int end)
        {
            AdvanceLine(end);
            int save = _pos, line = _line, lineStart = _lineStart;
            while (_pos < _text.Length)
            {
                int lineEnd = LineEnd(_pos);
                int i = _pos;
                while (i < lineEnd && _text[i] == ' ')
                {
                    i++;
                }

                if (i < lineEnd)
                {
                    bool ok = i - _pos <= indent;
                    _pos = save;
                    _line = line;
                    _lineStart = lineStart;
                    return ok;
                }

                AdvanceLine(lineEnd);
            }

            _pos = save;
            _line = line;
            _lineStart = lineStart;
            return true;
        }

        /// <summary>A block sequence whose dashes stand at column <paramref name="indent"/> of the current line.</summary>
        private YamlSequence? ReadSequence(int indent, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            var items = new List<YamlNodeBase>();
            TextMark start = MarkAt(_pos + indent);
            while (true)
            {
                int dash = _pos + indent;
                int end = LineEnd(dash);
                if (_text[dash] != '-' || dash + 2 >= end || _text[dash + 1] != ' ' || _text[dash + 2] == ' ' || !Count())
                {
                    return null;
                }

                int at = dash + 2;
                YamlNodeBase? item;
                if (LooksLikeKey(at))
                {
                    item = ReadMapping(indent + 2, at, depth + 1);
                }
                else
                {
                    item = ReadInlineScalar(at, end, flow: false);
                    if (item != null && !EndsHere(indent, end))
                    {
                        return null;
                    }
                }

                if (item is null)
                {
                    return null;
                }

                items.Add(item);
                int next = NextContentIndent();
                if (next < indent || (next == indent && _text[_pos + next] != '-'))
                {
                    return new YamlSequence(start, MarkAt(_pos), items);
                }

                if (next > indent)
                {
                    return null;
                }
            }
        }

        /// <summary>
        /// A scalar or flow list that ends on its line: plain (no indicator first, no <c>: </c> or <c> #</c> inside), quoted
        /// without escapes, or <c>[a, b]</c>; only spaces and a comment may follow. Null for anything else.
        /// </summary>
        private YamlNodeBase? ReadInlineScalar(int i, int end, bool flow)
        {
            char c = _text[i];
            int close;
            YamlNodeBase node;
            if (c == '\'' || c == '"')
            {
                var value = new System.Text.StringBuilder();
                int j = i + 1;
                while (true)
                {
                    if (j >= end || (c == '"' && _text[j] == '\\'))
                    {
                        return null;
                    }

                    if (_text[j] == c)
                    {
                        if (c == '\'' && j + 1 < end && _text[j + 1] == '\'')
                        {
                            value.Append('\'');
                            j += 2;
                            continue;
                        }

                        break;
                    }

                    value.Append(_text[j]);
                    j++;
                }

                close = j + 1;
                node = new YamlScalarNode(MarkAt(i), MarkAt(close), value.ToString(), c == '\'' ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted, null);
            }
            else if (c == '[' && !flow)
            {
                return ReadFlowSequence(i, end);
            }
            else
            {
                if (Indicators.IndexOf(c) >= 0 || c == ' ')
                {
                    return null;
                }

                int j = i;
                int last = i;
                while (j < end)
                {
                    char d = _text[j];
                    if (d == ' ')
                    {
                        if (j + 1 < end && _text[j + 1] == '#')
                        {
                            break;
                        }
                    }
                    else if (d == ':' && (j + 1 == end || _text[j + 1] == ' '))
                    {
                        return null;
                    }
                    else if (flow && (d == ',' || d == '[' || d == ']' || d == '{' || d == '}' || d == '#' || d == ':' || d == '\'' || d == '"'))
                    {
                        break;
                    }
                    else
                    {
                        last = j + 1;
                    }

                    j++;
                }

                close = last;
                node = new YamlScalarNode(MarkAt(i), MarkAt(close), _text.Substring(i, close - i), ScalarStyle.Plain, null);
                if (flow)
                {
                    return node;
                }
            }

            return RestIsComment(close, end) && Count() ? node : null;
        }

        /// <summary>Whether only spaces and a comment (after a space) follow <paramref name="i"/> on its line.</summary>
        private bool RestIsComment(int i, int end)
        {
            while (i < end && _text[i] == ' ')
            {
                i++;
            }

            return i == end || (_text[i] == '#' && _text[i - 1] == ' ');
        }

        /// <summary><c>[a, b]</c> (or <c>[]</c>) on one line, of plain words.</summary>
        private YamlSequence? ReadFlowSequence(int i, int end)
        {
            var items = new List<YamlNodeBase>();
            int j = i + 1;
            while (j < end && _text[j] == ' ')
            {
                j++;
            }

            while (j >= end || _text[j] != ']')
            {
                if (j >= end || !(_text[j] is not ' ' and not ',' and not ']') || !(ReadInlineScalar(j, end, flow: true) is YamlScalarNode item) || item.Value.Length == 0)
                {
                    return null;
                }

                items.Add(item);
                j = (int)item.End.Index;
                while (j < end && _text[j] == ' ')
                {
                    j++;
                }

                if (j >= end)
                {
                    return null;
                }

                if (_text[j] == ']')
                {
                    break;
                }

                if (_text[j] != ',')
                {
                    return null;
                }

                j++;
                while (j < end && _text[j] == ' ')
                {
                    j++;
                }

                if (j < end && _text[j] == ']')
                {
                    // A trailing comma: left to YamlDotNet.
                    return null;
                }
            }

            int close = j + 1;
            return RestIsComment(close, end) && Count() ? new YamlSequence(MarkAt(i), MarkAt(close), items) : null;
        }

        /// <summary>
        /// A block scalar after a key at <paramref name="indent"/>: its lines, indented deeper than the key and at least
        /// as deep as the first, without that indent; <c>|</c> joins them with line breaks, <c>&gt;</c> folds them (a
        /// space between lines, a break for each blank line); one final break (clip), or none after <c>-</c> (strip).
        /// </summary>
        private YamlScalarNode? ReadBlockScalar(int indent, int bar, int end)
        {
            bool folded = _text[bar] == '>';
            bool strip = bar + 2 == end && _text[bar + 1] == '-';
            if (bar + 1 != end && !strip)
            {
                return null;
            }

            TextMark start = MarkAt(bar);
            AdvanceLine(end);
            int contentIndent = -1;
            var value = new System.Text.StringBuilder();
            int pendingBreaks = 0;
            bool any = false;
            while (_pos < _text.Length)
            {
                int lineEnd = LineEnd(_pos);
                int i = _pos;
                while (i < lineEnd && _text[i] == ' ')
                {
                    i++;
                }

                if (i == lineEnd)
                {
                    // A blank line: a break inside the block, or after it.
                    if (contentIndent < 0 || lineEnd - _pos > contentIndent)
                    {
                        return null;
                    }

                    pendingBreaks++;
                    AdvanceLine(lineEnd);
                    continue;
                }

                int lineIndent = i - _pos;
                if (contentIndent < 0)
                {
                    if (lineIndent <= indent)
                    {
                        return null;
                    }

                    contentIndent = lineIndent;
                }

                if (lineIndent < contentIndent)
                {
                    if (lineIndent > indent)
                    {
                        return null;
                    }

                    break;
                }

                if (folded && (lineIndent > contentIndent || _text[lineEnd - 1] == ' '))
                {
                    // A more-indented line keeps its breaks, and trailing spaces are content: left to YamlDotNet.
                    return null;
                }

                if (any)
                {
                    if (folded && pendingBreaks == 0)
                    {
                        value.Append(' ');
                    }
                    else
                    {
                        value.Append('\n', (folded ? 0 : 1) + pendingBreaks);
                    }
                }

                pendingBreaks = 0;
                any = true;
                value.Append(_text, _pos + contentIndent, lineEnd - _pos - contentIndent);
                if (lineEnd == _text.Length)
                {
                    // The file ends inside the block, without a line break: left to YamlDotNet.
                    return null;
                }

                AdvanceLine(lineEnd);
            }

            if (!any)
            {
                return null;
            }

            if (!strip)
            {
                value.Append('\n');
            }

            // Back to the start of the line after the block's last: the caller reads on from there.
            return Count() ? new YamlScalarNode(start, MarkAt(_pos), value.ToString(), folded ? ScalarStyle.Folded : ScalarStyle.Literal, null) : null;
        }
    }
}

using System.Collections.Generic;

namespace ErrorCodeGen.Generator.Rendering
{
    /// <summary>
    /// The common subset of catalog Markdown, read without Markdig: paragraphs and lists (<c>*</c>, <c>-</c> or
    /// <c>1.</c>, one line per item) separated by blank lines, whose text is letters, digits, single spaces and
    /// harmless punctuation with <c>`code`</c> spans, <c>**bold**</c> and <c>[links](url)</c>. <see cref="TryParse"/>
    /// answers null for anything else, however ordinary, and the text goes to Markdig: the subset is chosen so that
    /// every text in it is read by Markdig as the same blocks and inlines (<c>RemediationRendererTests</c> and
    /// <c>SimpleMarkdownTests</c> hold the two renderings equal over the curated catalogs and generated texts).
    /// </summary>
    internal static class SimpleMarkdown
    {
        /// <summary>Punctuation Markdig reads as literal text inside a line of the subset.</summary>
        private const string PlainPunctuation = ".,;:?!'\"()/%-+=@$\u2018\u2019\u201C\u201D\u2013\u2014\u2026";

        /// <summary>Characters of a link destination that Markdig keeps as written (no escapes, entities, spaces or brackets).</summary>
        private const string UrlPunctuation = "-._~:/?#@+=%,;!$";

        /// <summary>The blocks of <paramref name="markdown"/> if it is in the subset, else null.</summary>
        public static List<SimpleBlock>? TryParse(string markdown)
        {
            var blocks = new List<SimpleBlock>();
            int i = 0;
            int length = markdown.Length;
            SimpleBlock? current = null;
            while (i < length)
            {
                int end = markdown.IndexOf('\n', i);
                if (end < 0)
                {
                    end = length;
                }

                if (end == i)
                {
                    // A blank line ends the block.
                    current = null;
                    i = end + 1;
                    continue;
                }

                if (markdown[end - 1] == ' ')
                {
                    // A trailing space: a hard break (two or more) or nothing; either way, Markdig decides.
                    return null;
                }

                char first = markdown[i];
                if (IsBulletStart(markdown, i, end))
                {
                    if (current != null && (!current.IsList || current.Ordered || current.Bullet != first))
                    {
                        return null;
                    }

                    if (current is null)
                    {
                        if (blocks.Count > 0 && blocks[blocks.Count - 1].IsList)
                        {
                            // After a blank line, a list of the same kind would continue a loose list; another kind starts one.
                            return null;
                        }

                        current = new SimpleBlock(isList: true, ordered: false, bullet: first, start: 1);
                        blocks.Add(current);
                    }

                    List<SimpleInline>? item = ParseInlines(markdown, i + 2, end, itemStart: true);
                    if (item is null)
                    {
                        return null;
                    }

                    current.Items.Add(item);
                }
                else if (OrderedMarkerLength(markdown, i, end, out int number) is int marker and > 0)
                {
                    if (current != null && (!current.IsList || !current.Ordered))
                    {
                        return null;
                    }

                    if (current is null)
                    {
                        if (blocks.Count > 0 && blocks[blocks.Count - 1].IsList)
                        {
                            return null;
                        }

                        current = new SimpleBlock(isList: true, ordered: true, bullet: '.', start: number);
                        blocks.Add(current);
                    }

                    List<SimpleInline>? item = ParseInlines(markdown, i + marker, end, itemStart: true);
                    if (item is null)
                    {
                        return null;
                    }

                    current.Items.Add(item);
                }
                else
                {
                    if (current != null && current.IsList)
                    {
                        // A line after an item without a blank line continues it (lazily): Markdig decides.
                        return null;
                    }

                    if (!char.IsLetter(first) && first != '`' && first != '[' && !(first == '*' && end - i > 2 && markdown[i + 1] == '*' && char.IsLetterOrDigit(markdown[i + 2])))
                    {
                        return null;
                    }

                    List<SimpleInline>? line = ParseInlines(markdown, i, end, itemStart: false);
                    if (line is null)
                    {
                        return null;
                    }

                    if (current is null)
                    {
                        current = new SimpleBlock(isList: false, ordered: false, bullet: ' ', start: 1);
                        blocks.Add(current);
                    }
                    else
                    {
                        current.Inlines.Add(SimpleInline.SoftBreak);
                    }

                    current.Inlines.AddRange(line);
                }

                i = end + 1;
            }

            return blocks.Count == 0 ? null : blocks;
        }

        /// <summary><c>* x</c> or <c>- x</c>: the marker, one space, and content that starts no other block.</summary>
        private static bool IsBulletStart(string text, int i, int end)
            => (text[i] == '*' || text[i] == '-') && end - i > 2 && text[i + 1] == ' ' && text[i + 2] != ' ';

        /// <summary>The length of <c>12. </c> at <paramref name="i"/> (digits, a dot, one space), or 0.</summary>
        private static int OrderedMarkerLength(string text, int i, int end, out int number)
        {
            number = 0;
            int j = i;
            while (j < end && j - i < 9 && text[j] >= '0' && text[j] <= '9')
            {
                number = (number * 10) + (text[j] - '0');
                j++;
            }

            if (j == i || j - i > 8 || j + 2 >= end || text[j] != '.' || text[j + 1] != ' ' || text[j + 2] == ' ')
            {
                return 0;
            }

            return j + 2 - i;
        }

        /// <summary>The inlines of one line, <paramref name="start"/> to <paramref name="end"/>, or null when it leaves the subset.</summary>
        private static List<SimpleInline>? ParseInlines(string text, int start, int end, bool itemStart)
        {
            if (itemStart)
            {
                // An item's content must not start a block of its own (a nested list, heading, quote, rule, code).
                char c = text[start];
                bool bold = c == '*' && end - start > 2 && text[start + 1] == '*' && char.IsLetterOrDigit(text[start + 2]);
                if (!char.IsLetter(c) && c != '`' && c != '[' && !bold)
                {
                    return null;
                }
            }

            var inlines = new List<SimpleInline>();
            int literal = start;
            int i = start;
            while (i < end)
            {
                char c = text[i];
                if (c == '`')
                {
                    int close = text.IndexOf('`', i + 1, end - i - 1);
                    if (close < 0 || close == i + 1 || text[i + 1] == ' ' || text[close - 1] == ' ' || (close + 1 < end && text[close + 1] == '`'))
                    {
                        return null;
                    }

                    for (int k = i + 1; k < close; k++)
                    {
                        if (char.IsControl(text[k]) || char.IsSurrogate(text[k]))
                        {
                            return null;
                        }
                    }

                    AddLiteral(inlines, text, literal, i);
                    inlines.Add(new SimpleInline(SimpleInlineKind.Code, text.Substring(i + 1, close - i - 1), null));
                    i = literal = close + 1;
                }
                else if (c == '*')
                {
                    // **bold**: opened after a space (or at the start) before a letter or digit, closed after one.
                    if (!(i + 2 < end && text[i + 1] == '*' && char.IsLetterOrDigit(text[i + 2]) && (i == start || text[i - 1] == ' ')))
                    {
                        return null;
                    }

                    int close = text.IndexOf("**", i + 2, end - i - 2, System.StringComparison.Ordinal);
                    if (close < 0 || !char.IsLetterOrDigit(text[close - 1]) || !PlainRun(text, i + 2, close)
                        || (close + 2 < end && text[close + 2] != ' ' && PlainPunctuation.IndexOf(text[close + 2]) < 0))
                    {
                        return null;
                    }

                    AddLiteral(inlines, text, literal, i);
                    inlines.Add(new SimpleInline(SimpleInlineKind.Bold, text.Substring(i + 2, close - i - 2), null));
                    i = literal = close + 2;
                }
                else if (c == '[')
                {
                    // [text](url): plain text, then a destination Markdig keeps as written.
                    int closeText = text.IndexOf(']', i + 1, end - i - 1);
                    if (closeText < 0 || closeText == i + 1 || closeText + 1 >= end || text[closeText + 1] != '('
                        || text[i + 1] == ' ' || text[closeText - 1] == ' ' || !PlainRun(text, i + 1, closeText) || (i > start && text[i - 1] == '!'))
                    {
                        return null;
                    }

                    int closeUrl = text.IndexOf(')', closeText + 2, end - closeText - 2);
                    if (closeUrl < 0 || closeUrl == closeText + 2 || !UrlRun(text, closeText + 2, closeUrl))
                    {
                        return null;
                    }

                    AddLiteral(inlines, text, literal, i);
                    inlines.Add(new SimpleInline(SimpleInlineKind.Link, text.Substring(i + 1, closeText - i - 1), text.Substring(closeText + 2, closeUrl - closeText - 2)));
                    i = literal = closeUrl + 1;
                }
                else if (c == ' ')
                {
                    if (i + 1 < end && text[i + 1] == ' ')
                    {
                        return null;
                    }

                    i++;
                }
                else if (char.IsLetterOrDigit(c) || PlainPunctuation.IndexOf(c) >= 0)
                {
                    i++;
                }
                else
                {
                    return null;
                }
            }

            AddLiteral(inlines, text, literal, end);
            return inlines;
        }

        private static void AddLiteral(List<SimpleInline> inlines, string text, int start, int end)
        {
            if (end > start)
            {
                inlines.Add(new SimpleInline(SimpleInlineKind.Text, text.Substring(start, end - start), null));
            }
        }

        /// <summary>Text without Markdown syntax: letters, digits, single spaces and <see cref="PlainPunctuation"/>.</summary>
        private static bool PlainRun(string text, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c == ' ' ? text[i - 1] == ' ' : !char.IsLetterOrDigit(c) && PlainPunctuation.IndexOf(c) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool UrlRun(string text, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || UrlPunctuation.IndexOf(c) >= 0))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>A paragraph (its inlines, lines joined by soft breaks) or a list (one line of inlines per item).</summary>
    internal sealed class SimpleBlock
    {
        public SimpleBlock(bool isList, bool ordered, char bullet, int start)
        {
            IsList = isList;
            Ordered = ordered;
            Bullet = bullet;
            Start = start;
        }

        public bool IsList { get; }

        public bool Ordered { get; }

        public char Bullet { get; }

        /// <summary>The number of an ordered list's first item.</summary>
        public int Start { get; }

        public List<SimpleInline> Inlines { get; } = new List<SimpleInline>();

        public List<List<SimpleInline>> Items { get; } = new List<List<SimpleInline>>();
    }

    internal enum SimpleInlineKind
    {
        Text,
        Code,
        Bold,
        Link,
        SoftBreak,
    }

    /// <summary>Literal text, a code span, bold text, a link (text and destination as written) or a soft line break.</summary>
    internal sealed class SimpleInline
    {
        public static readonly SimpleInline SoftBreak = new SimpleInline(SimpleInlineKind.SoftBreak, " ", null);

        public SimpleInline(SimpleInlineKind kind, string text, string? url)
        {
            Kind = kind;
            Text = text;
            Url = url;
        }

        public SimpleInlineKind Kind { get; }

        public string Text { get; }

        public string? Url { get; }
    }
}

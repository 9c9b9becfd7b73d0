using System;
using System.Text;

namespace ErrorCodeGen
{
    /// <summary>Short, single-line, secret-free excerpts of server text for messages.</summary>
    internal static class TextExcerpt
    {
        private const int MaxExcerptBytes = 64 * 1024;

        /// <summary>The most server text looked at for one excerpt; the reader already bounds every string it keeps.</summary>
        private const int MaxInputChars = 16 * 1024;

        /// <summary>The HTML title of a non-JSON body, or else the start of its text on one line (at most 200 characters).</summary>
        public static string? FromNonJson(ReadOnlySpan<byte> body)
        {
            ReadOnlySpan<byte> head = body.Length > MaxExcerptBytes ? body.Slice(0, MaxExcerptBytes) : body;
            string? candidate = null;
            if (TryFindTitle(head, out int start, out int length))
            {
                // Only the title is decoded: UTF-8 is self-synchronising at ASCII bytes, so this gives the same text as
                // decoding the whole head and cutting the title out of it.
                candidate = System.Net.WebUtility.HtmlDecode(Utf8Text.Decode(head.Slice(start, length)));
            }

            if (string.IsNullOrWhiteSpace(candidate))
            {
                string text = Utf8Text.Decode(head);
                // Byte-order marks are not white space to Trim, but they are not content either.
                if (StartsWithTag(text))
                {
                    return "an HTML page";
                }

                candidate = text;
            }

            string line = SingleLine(candidate!, 200);
            return line.Length == 0 ? null : line;
        }

        /// <summary>Whether the first character after white space and byte-order marks (in any order and number) opens a tag.</summary>
        private static bool StartsWithTag(string text)
        {
            foreach (char c in text)
            {
                if (c != '\uFEFF' && !char.IsWhiteSpace(c))
                {
                    return c == '<';
                }
            }

            return false;
        }

        /// <summary>
        /// Finds the first <c>&lt;title…&gt;text&lt;/title&gt;</c> (ASCII letters in any case), as the regular expression
        /// <c>&lt;title[^&gt;]*&gt;([^&lt;]*)&lt;/title&gt;</c> would, in one linear scan of the bytes: after a <c>&lt;title</c> the text
        /// runs from the first <c>&gt;</c> to the next <c>&lt;</c>, which must open <c>&lt;/title&gt;</c>; when it does not, no
        /// <c>&lt;title</c> before that <c>&lt;</c> can match either, so the scan goes on from there.
        /// </summary>
        internal static bool TryFindTitle(ReadOnlySpan<byte> html, out int start, out int length)
        {
            start = length = 0;
            int i = 0;
            while (i < html.Length)
            {
                int open = html.Slice(i).IndexOf((byte)'<');
                if (open < 0)
                {
                    return false;
                }

                open += i;
                if (!StartsWithAsciiIgnoreCase(html, open + 1, "title"))
                {
                    i = open + 1;
                    continue;
                }

                int close = html.Slice(open + 6).IndexOf((byte)'>');
                if (close < 0)
                {
                    // No later <title can have its > either.
                    return false;
                }

                int textStart = open + 6 + close + 1;
                int textEnd = html.Slice(textStart).IndexOf((byte)'<');
                if (textEnd < 0)
                {
                    return false;
                }

                textEnd += textStart;
                if (html.Length - textEnd >= 8 && html[textEnd + 1] == (byte)'/' && StartsWithAsciiIgnoreCase(html, textEnd + 2, "title")
                    && html[textEnd + 7] == (byte)'>')
                {
                    start = textStart;
                    length = textEnd - textStart;
                    return true;
                }

                i = textEnd;
            }

            return false;
        }

        private static bool StartsWithAsciiIgnoreCase(ReadOnlySpan<byte> bytes, int at, string lowerAscii)
        {
            if (at < 0 || bytes.Length - at < lowerAscii.Length)
            {
                return false;
            }

            for (int k = 0; k < lowerAscii.Length; k++)
            {
                // Setting 0x20 folds ASCII upper case to lower case; no other byte folds onto a lower-case letter.
                if ((bytes[at + k] | 0x20) != lowerAscii[k])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Makes <paramref name="text"/> one line of at most <paramref name="max"/> characters: control, bidirectional-override
        /// and zero-width characters removed, white space collapsed, then secrets masked (<see cref="SecretMasker"/>), and
        /// only then shortened, so that no secret straddles the cut.
        /// </summary>
        public static string SingleLine(string text, int max) => SingleLine(text, max, redact: true);

        /// <summary>As <see cref="SingleLine(string, int)"/>; <paramref name="redact"/> is false only for text that is already safe (the catalog's own, or parts already redacted).</summary>
        public static string SingleLine(string text, int max, bool redact)
        {
            string line = Sanitize(text);
            if (!redact)
            {
                return Shorten(line, max);
            }

            if (!ReferenceEquals(line, text))
            {
                // Removing an invisible character can join a key to the word before it ("key\u200Bsk-…" becomes
                // "keysk-…", where no key starts a word): keys and tokens are masked in the text as it came first; the
                // name and scheme rules run once, after cleaning, when a value that a line break split is whole again
                // ("Bearer\nabc").
                line = Sanitize(SecretMasker.RedactKeys(text.Length > MaxInputChars ? text.Substring(0, MaxInputChars) : text));
            }

            return Shorten(SecretMasker.Redact(line), max);
        }

        /// <summary>One line without invisible or direction-changing characters; the same instance when nothing changes.</summary>
        private static string Sanitize(string text)
        {
            int length = Math.Min(text.Length, MaxInputChars);
            if (length == text.Length && IsClean(text))
            {
                return text;
            }

            var sb = new StringBuilder(length);
            bool space = false;
            for (int i = 0; i < length; i++)
            {
                char ch = text[i];
                if (ch > ' ' && ch < '\u007F')
                {
                    // Printable ASCII, most of any text: kept, after the space that a run of white space before it became.
                    if (space)
                    {
                        sb.Append(' ');
                        space = false;
                    }

                    sb.Append(ch);
                    continue;
                }

                if (IsInvisible(ch))
                {
                    continue;
                }

                if (char.IsControl(ch) || char.IsWhiteSpace(ch))
                {
                    space = sb.Length > 0;
                    continue;
                }

                if (space)
                {
                    sb.Append(' ');
                    space = false;
                }

                sb.Append(ch);
            }

            return sb.ToString();
        }

        /// <summary>Whether <paramref name="text"/> is already one clean line: no leading, trailing or double spaces, nothing invisible.</summary>
        private static bool IsClean(string text)
        {
#if NET8_0_OR_GREATER
            // Printable ASCII throughout, the common case, decided 8 or 16 characters at a time: then only the spaces can
            // make it unclean.
            if (text.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0)
            {
                return text.Length == 0 || (text[0] != ' ' && text[text.Length - 1] != ' ' && !text.Contains("  ", StringComparison.Ordinal));
            }
#endif
            for (int i = 0; i < text.Length; i++)
            {
                char ch = text[i];
                if (ch == ' ')
                {
                    if (i == 0 || i == text.Length - 1 || text[i - 1] == ' ')
                    {
                        return false;
                    }
                }
                else if (ch < ' ' || (ch >= '\u007F' && (char.IsControl(ch) || char.IsWhiteSpace(ch) || IsInvisible(ch))))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Characters that change how a log line reads without being seen: bidirectional embeddings, overrides and isolates
        /// (U+202A–U+202E, U+2066–U+2069, U+061C), zero-width and direction marks (U+200B–U+200F, U+2060–U+2064), the
        /// byte-order mark (U+FEFF), the soft hyphen (U+00AD).
        /// </summary>
        private static bool IsInvisible(char ch)
            => (ch >= '\u200B' && ch <= '\u200F') || (ch >= '\u202A' && ch <= '\u202E') || (ch >= '\u2066' && ch <= '\u2069')
            || (ch >= '\u2060' && ch <= '\u2064') || ch == '\u061C' || ch == '\uFEFF' || ch == '\u00AD';

        /// <summary>Masks credentials (see <see cref="SecretMasker"/>).</summary>
        public static string Redact(string text) => SecretMasker.Redact(text);

        /// <summary>At most <paramref name="max"/> characters, the last an ellipsis when cut; never splits a surrogate pair.</summary>
        public static string Shorten(string text, int max)
        {
            if (text.Length <= max)
            {
                return text;
            }

            int cut = max - 1;
            if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }

            return text.Substring(0, cut) + "…";
        }
    }
}

using System;
using System.Text;
using System.Text.RegularExpressions;

namespace ErrorCodeGen
{
    /// <summary>Short, single-line, secret-free excerpts of server text for messages.</summary>
    internal static class TextExcerpt
    {
        private const int MaxExcerptBytes = 64 * 1024;

        private static readonly Regex s_title = new Regex(
            "<title[^>]*>(?<t>[^<]*)</title>",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(200));

        private static readonly Regex s_bearer = new Regex(
            @"(?<k>\b(?:Bearer|Basic|Token)\s+)[A-Za-z0-9\-._~+/=]{6,}",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(200));

        private static readonly Regex s_keyValue = new Regex(
            @"(?<k>\b(?:api[_-]?key|apikey|access[_-]?token|token|secret|password|authorization)\b[""']?\s*[:=]\s*[""']?)(?!\*\*\*)[^\s""',;&]{4,}",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(200));

        /// <summary>The HTML title, or else the first line of text, of a non-JSON body.</summary>
        public static string? FromNonJson(ReadOnlySpan<byte> body)
        {
            ReadOnlySpan<byte> head = body.Length > MaxExcerptBytes ? body.Slice(0, MaxExcerptBytes) : body;
            string text = new UTF8Encoding(false, false).GetString(head.ToArray());
            string? candidate = null;
            try
            {
                Match m = s_title.Match(text);
                if (m.Success)
                {
                    candidate = System.Net.WebUtility.HtmlDecode(m.Groups["t"].Value);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                candidate = null;
            }

            if (string.IsNullOrWhiteSpace(candidate))
            {
                if (text.TrimStart().StartsWith("<", StringComparison.Ordinal))
                {
                    return "an HTML page";
                }

                candidate = text;
            }

            string line = SingleLine(candidate!, 200);
            return line.Length == 0 ? null : line;
        }

        /// <summary>Makes <paramref name="text"/> one line with no control characters, at most <paramref name="max"/> characters, secrets masked.</summary>
        public static string SingleLine(string text, int max) => SingleLine(text, max, redact: true);

        /// <summary>As <see cref="SingleLine(string, int)"/>; <paramref name="redact"/> is false only for text that is already safe (the catalog's own, or parts already redacted).</summary>
        public static string SingleLine(string text, int max, bool redact)
        {
            var sb = new StringBuilder(Math.Min(text.Length, max + 16));
            bool space = false;
            foreach (char ch in text)
            {
                if (char.IsControl(ch) || char.IsWhiteSpace(ch) || ch == '\u2028' || ch == '\u2029')
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
                if (sb.Length >= max * 2)
                {
                    break;
                }
            }

            string line = sb.ToString();
            return Shorten(redact ? Redact(line) : line, max);
        }

        private static readonly string[] s_secretHints = { "bearer", "basic", "token", "key", "secret", "password", "authorization" };

        /// <summary>Masks bearer tokens and <c>api_key=…</c>-like values.</summary>
        public static string Redact(string text)
        {
            // Both patterns need one of these words; most messages have none, and skip the regexes.
            bool hint = false;
            foreach (string word in s_secretHints)
            {
                if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    hint = true;
                    break;
                }
            }

            if (!hint)
            {
                return text;
            }

            try
            {
                text = s_bearer.Replace(text, "${k}***");
                return s_keyValue.Replace(text, "${k}***");
            }
            catch (RegexMatchTimeoutException)
            {
                return "(message withheld: it could not be checked for secrets)";
            }
        }

        public static string Shorten(string text, int max)
        {
            if (text.Length <= max)
            {
                return text;
            }

            int cut = max - 1;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }

            return text.Substring(0, cut) + "…";
        }
    }
}

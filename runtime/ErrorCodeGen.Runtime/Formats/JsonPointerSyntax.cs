using System.Collections.Generic;
using System.Text;

namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// RFC 6901 JSON Pointers as error shapes use them: <c>""</c> is the whole document, otherwise a pointer is <c>/</c>
    /// followed by reference tokens separated by <c>/</c>, in which <c>~1</c> stands for <c>/</c> and <c>~0</c> for
    /// <c>~</c> (any other <c>~</c> is an error). This file is compiled into the generator as well (linked), so a catalog's
    /// pointer is accepted by the generator exactly when the runtime accepts it.
    /// </summary>
    internal static class JsonPointerSyntax
    {
        /// <summary>The most reference tokens one pointer may have (error bodies are shallow; the reader's depth is 64).</summary>
        public const int MaxSegments = 16;

        /// <summary>
        /// Splits <paramref name="pointer"/> into its unescaped reference tokens (none for <c>""</c>), or says what is wrong
        /// with it and how to fix it.
        /// </summary>
        public static bool TryParse(string? pointer, out string[] segments, out string? problem)
        {
            segments = new string[0];
            if (pointer is null)
            {
                problem = "a pointer is required; write \"\" for the whole body or /name for a member";
                return false;
            }

            if (pointer.Length == 0)
            {
                problem = null;
                return true;
            }

            if (pointer[0] != '/')
            {
                problem = "'" + pointer + "' is not an RFC 6901 JSON Pointer: it must start with '/' (write '/" + pointer + "'), or be \"\" for the whole body";
                return false;
            }

            var list = new List<string>();
            var token = new StringBuilder();
            for (int i = 1; i <= pointer.Length; i++)
            {
                if (i == pointer.Length || pointer[i] == '/')
                {
                    list.Add(token.ToString());
                    token.Clear();
                    continue;
                }

                char c = pointer[i];
                if (c != '~')
                {
                    token.Append(c);
                    continue;
                }

                char next = i + 1 < pointer.Length ? pointer[i + 1] : '\0';
                if (next == '0' || next == '1')
                {
                    token.Append(next == '0' ? '~' : '/');
                    i++;
                    continue;
                }

                problem = "'" + pointer + "' is not an RFC 6901 JSON Pointer: '~' must be followed by 0 (for '~') or 1 (for '/'); write '~0' for a literal '~'";
                return false;
            }

            if (list.Count > MaxSegments)
            {
                problem = "'" + pointer + "' has " + list.Count + " reference tokens; at most " + MaxSegments + " are read";
                return false;
            }

            segments = list.ToArray();
            problem = null;
            return true;
        }

        /// <summary>The pointer of <paramref name="segments"/>, escaped (the inverse of <see cref="TryParse"/>).</summary>
        public static string Format(IReadOnlyList<string> segments)
        {
            var sb = new StringBuilder();
            foreach (string segment in segments)
            {
                sb.Append('/').Append(segment.Replace("~", "~0").Replace("/", "~1"));
            }

            return sb.ToString();
        }
    }
}

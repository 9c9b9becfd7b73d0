using System.Globalization;
using System.Text;

namespace ErrorCodeGen.Generator.Emitting
{
    /// <summary>The one way text reaches generated code: as a C# literal that compiles back to exactly the same string.</summary>
    internal static class CSharpLiteral
    {
        /// <summary>A regular quoted string literal (valid at every language version), or <c>null</c>.</summary>
        public static string String(string? value)
        {
            if (value is null)
            {
                return "null";
            }

            // Most texts (codes, messages, links) need no escape: the literal is then the text between quotes, one string.
            if (!NeedsEscape(value))
            {
                return "\"" + value + "\"";
            }

            var sb = new StringBuilder(value.Length + 8);
            sb.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"':
                        sb.Append("\\\"");
                        break;
                    case '\\':
                        sb.Append("\\\\");
                        break;
                    case '\0':
                        sb.Append("\\0");
                        break;
                    case '\a':
                        sb.Append("\\a");
                        break;
                    case '\b':
                        sb.Append("\\b");
                        break;
                    case '\f':
                        sb.Append("\\f");
                        break;
                    case '\n':
                        sb.Append("\\n");
                        break;
                    case '\r':
                        sb.Append("\\r");
                        break;
                    case '\t':
                        sb.Append("\\t");
                        break;
                    case '\v':
                        sb.Append("\\v");
                        break;
                    default:
                        // Control characters, line separators (which end a line in C# source) and lone surrogates
                        // are written as \uXXXX; a valid surrogate pair is written as is.
                        bool pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
                        if (pair)
                        {
                            sb.Append(c).Append(value[i + 1]);
                            i++;
                        }
                        else if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\uFEFF')
                        {
                            sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }

            sb.Append('"');
            return sb.ToString();
        }

        /// <summary>Whether any character of <paramref name="value"/> is written otherwise than as itself by <see cref="String"/>.</summary>
        private static bool NeedsEscape(string value)
        {
            foreach (char c in value)
            {
                // Printable ASCII but the quote and the backslash is written as itself; anything else is decided by String.
                if (c < ' ' || c > '~' || c == '"' || c == '\\')
                {
                    return true;
                }
            }

            return false;
        }

        public static string Bool(bool value) => value ? "true" : "false";

        public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}

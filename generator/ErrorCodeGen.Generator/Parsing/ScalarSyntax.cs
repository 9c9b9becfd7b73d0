namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>
    /// The few shapes the parser recognises in a scalar, matched by hand: a regular expression costs more to construct
    /// in a cold compiler process than a whole catalog costs to check. Each method says the pattern it replaces, with
    /// .NET's meaning of it (<c>\s</c> is <see cref="char.IsWhiteSpace(char)"/>; <c>[0-9]</c> is ASCII digits).
    /// </summary>
    internal static class ScalarSyntax
    {
        /// <summary><c>^[+-]?[0-9]+$</c> (with <paramref name="allowPlus"/>), else <c>^-?[0-9]+$</c>; the value has no line break at its end.</summary>
        public static bool IsInteger(string value, bool allowPlus)
        {
            int i = 0;
            if (value.Length > 0 && (value[0] == '-' || (allowPlus && value[0] == '+')))
            {
                i = 1;
            }

            if (i == value.Length)
            {
                return false;
            }

            for (; i < value.Length; i++)
            {
                if (value[i] < '0' || value[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>^\s*(?&lt;n&gt;[0-9]+(?:\.[0-9]+)?)\s*(?&lt;u&gt;ms|s|sec|m|min|h)?\s*$</c>, ignoring case (ASCII only, as .NET's
        /// invariant regex casing does for these letters): the number and the unit as written (null when there is none).
        /// </summary>
        public static bool TryMatchDuration(string value, out string number, out string? unit)
        {
            number = string.Empty;
            unit = null;
            int i = 0;
            while (i < value.Length && char.IsWhiteSpace(value[i]))
            {
                i++;
            }

            int start = i;
            i = SkipDigits(value, i);
            if (i == start)
            {
                return false;
            }

            if (i + 1 < value.Length && value[i] == '.' && IsDigit(value[i + 1]))
            {
                i = SkipDigits(value, i + 1);
            }

            number = value.Substring(start, i - start);
            while (i < value.Length && char.IsWhiteSpace(value[i]))
            {
                i++;
            }

            int unitStart = i;
            while (i < value.Length && !char.IsWhiteSpace(value[i]))
            {
                i++;
            }

            if (i > unitStart)
            {
                unit = value.Substring(unitStart, i - unitStart);
                if (!IsDurationUnit(unit))
                {
                    return false;
                }
            }

            while (i < value.Length && char.IsWhiteSpace(value[i]))
            {
                i++;
            }

            return i == value.Length;
        }

        /// <summary><c>^[A-Za-z][A-Za-z0-9+.-]*:</c>: the URL starts with a scheme.</summary>
        public static bool HasUriScheme(string url)
        {
            if (url.Length == 0 || !IsAsciiLetter(url[0]))
            {
                return false;
            }

            for (int i = 1; i < url.Length; i++)
            {
                char c = url[i];
                if (c == ':')
                {
                    return true;
                }

                if (!IsAsciiLetter(c) && !IsDigit(c) && c != '+' && c != '.' && c != '-')
                {
                    return false;
                }
            }

            return false;
        }

        private static bool IsDurationUnit(string unit)
        {
            switch (unit.Length)
            {
                case 1:
                    return Is(unit[0], 's') || Is(unit[0], 'm') || Is(unit[0], 'h');
                case 2:
                    return Is(unit[0], 'm') && Is(unit[1], 's');
                case 3:
                    return (Is(unit[0], 's') && Is(unit[1], 'e') && Is(unit[2], 'c')) || (Is(unit[0], 'm') && Is(unit[1], 'i') && Is(unit[2], 'n'));
                default:
                    return false;
            }
        }

        /// <summary>A case-insensitive match of one lower-case ASCII letter.</summary>
        private static bool Is(char c, char lower) => c == lower || c == (char)(lower - 32);

        private static int SkipDigits(string value, int i)
        {
            while (i < value.Length && IsDigit(value[i]))
            {
                i++;
            }

            return i;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsAsciiLetter(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}

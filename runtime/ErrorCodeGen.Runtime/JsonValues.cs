using System;
using System.Globalization;
using System.Text.Json;

namespace ErrorCodeGen
{
    /// <summary>
    /// Reading values for the wire formats. Every method consumes the whole value at the reader, whatever its type (so a
    /// duplicate key or an unexpected object never puts the rest of the body out of step), and every string it returns is
    /// cut to the bound it is given.
    /// </summary>
    internal static class JsonValues
    {
        /// <summary>
        /// The value at the reader as text: strings unescaped, numbers as written (integral ones as their digits), booleans
        /// as <c>true</c>/<c>false</c>, <see langword="null"/> for null, raw JSON for objects and arrays.
        /// </summary>
        public static string? Text(ref JsonTokenReader r, ReadOnlySpan<byte> body, int max)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String:
                    return StringValue(ref r, max);
                case JsonTokenType.Number:
                    return NumberText(ref r, max);
                case JsonTokenType.True:
                    return "true";
                case JsonTokenType.False:
                    return "false";
                case JsonTokenType.Null:
                    return null;
                default:
                    return Raw(ref r, body, Math.Min(max, ReaderLimits.MaxRawJsonLength));
            }
        }

        /// <summary>
        /// <see cref="Text"/> for a value that is an identifier more often than not (an error code, a task type, a parameter
        /// name): a short unescaped string or integer of the identifier alphabet comes from <see cref="TokenStrings"/>, the
        /// same characters <see cref="Text"/> would give without a new string per body.
        /// </summary>
        public static string? Token(ref JsonTokenReader r, ReadOnlySpan<byte> body, int max)
            => (max >= TokenStrings.MaxLength ? Kept(ref r) : null) ?? Text(ref r, body, max);

        /// <summary>First occurrence wins, as <see cref="Take"/>, through <see cref="Token"/>.</summary>
        public static void TakeToken(ref string? field, ref JsonTokenReader r, ReadOnlySpan<byte> body, int max)
        {
            if (field is null)
            {
                field = Token(ref r, body, max);
            }
            else
            {
                r.Skip();
            }
        }

        /// <summary>
        /// The string <see cref="TokenStrings"/> keeps for the token at the reader, when it has one: an unescaped property
        /// name or string, or a number that is nothing but digits (its text as <see cref="Text"/> gives it: <c>128</c> is
        /// "128", while <c>1.0</c>, <c>-0</c> and <c>1e3</c> are normalised, so they are not kept); null for anything else.
        /// </summary>
        private static string? Kept(ref JsonTokenReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.PropertyName:
                case JsonTokenType.String:
                    return r.ValueIsEscaped ? null : TokenStrings.TryGet(r.ValueSpan);
                case JsonTokenType.Number:
                    return IsDigits(r.ValueSpan) ? TokenStrings.TryGet(r.ValueSpan) : null;
                default:
                    return null;
            }
        }

        /// <summary>Whether a number is nothing but digits: then its text (<see cref="Text"/>) is those digits.</summary>
        internal static bool IsDigits(ReadOnlySpan<byte> number)
        {
            foreach (byte c in number)
            {
                if ((uint)(c - '0') > 9)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>First occurrence wins: reads into <paramref name="field"/> when it is still empty, else skips the value.</summary>
        public static void Take(ref string? field, ref JsonTokenReader r, ReadOnlySpan<byte> body, int max)
        {
            if (field is null)
            {
                field = Text(ref r, body, max);
            }
            else
            {
                r.Skip();
            }
        }

        /// <summary>
        /// Whether the property name at the reader is <paramref name="utf8Name"/>. A name with an escape that decodes to no
        /// valid text (a lone surrogate, <c>\ud83d</c>) is no name we know, not an exception.
        /// </summary>
        public static bool NameIs(ref JsonTokenReader r, ReadOnlySpan<byte> utf8Name)
        {
            if (!r.ValueIsEscaped)
            {
                return r.ValueSpan.SequenceEqual(utf8Name);
            }

            try
            {
                return r.ValueTextEquals(utf8Name);
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        /// <summary>The property name at the reader, unescaped and cut to <paramref name="max"/> characters.</summary>
        public static string PropertyName(ref JsonTokenReader r, int max)
            => (max >= TokenStrings.MaxLength ? Kept(ref r) : null) ?? StringValue(ref r, max);

        /// <summary>The raw JSON text of the value at the reader (skipping over it), cut to <paramref name="max"/> characters.</summary>
        public static string Raw(ref JsonTokenReader r, ReadOnlySpan<byte> body, int max)
        {
            // A small integer's raw text is its digits (an extra field's "min": 128); string values are never kept there.
            if (r.TokenType == JsonTokenType.Number && max >= TokenStrings.MaxLength && Kept(ref r) is string kept)
            {
                return kept;
            }

            int start = (int)r.TokenStartIndex;
            r.Skip();
            int end = Math.Min((int)r.BytesConsumed, body.Length);
            return Utf8Text.DecodeBounded(body.Slice(start, Math.Max(0, end - start)), max);
        }

        /// <summary>A wait in seconds, from a number or a numeric string; <see langword="null"/> when it is neither or is negative.</summary>
        public static TimeSpan? Seconds(ref JsonTokenReader r, ReadOnlySpan<byte> body)
        {
            if (r.TokenType == JsonTokenType.Number)
            {
                // Whole seconds without the floating-point parser: the same wait (any integer it could round differently
                // is past Waits.MaxReported).
                if (r.TryGetInt64(out long whole))
                {
                    return Waits.FromSeconds(whole);
                }

                if (r.TryGetDouble(out double seconds))
                {
                    return Waits.FromSeconds(seconds);
                }

                // A JSON number that no double holds is past the range of one (1e400): the longest wait, or, negative, none.
                // Decided here so that every runtime agrees (.NET Framework's double.TryParse fails on it).
                ReadOnlySpan<byte> number = r.ValueSpan;
                return number.Length > 0 && number[0] == (byte)'-' ? null : Waits.MaxReported;
            }

            string? text = Text(ref r, body, 64);
            if (text != null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
            {
                return Waits.FromSeconds(parsed);
            }

            return null;
        }

        private static string StringValue(ref JsonTokenReader r, int max)
        {
            // The reader is always built over one span, so a value is never a sequence.
            ReadOnlySpan<byte> raw = r.ValueSpan;
            if (!r.ValueIsEscaped)
            {
                return Utf8Text.DecodeBounded(raw, max);
            }

            try
            {
                // An escape shrinks a value, never grows it: the unescaped value is at most as long as the raw bytes.
                return TextExcerpt.Shorten(r.GetString() ?? string.Empty, max);
            }
            catch (InvalidOperationException)
            {
                // Invalid UTF-8 or a lone surrogate escape: keep the text as written rather than lose it.
                return Utf8Text.DecodeBounded(raw, max);
            }
        }

        private static string NumberText(ref JsonTokenReader r, int max)
        {
            // Integral numbers are kept exactly as digits; 42258.0 and 4.2258e4 normalise to 42258.
            if (r.TryGetInt64(out long n))
            {
                return n.ToString(CultureInfo.InvariantCulture);
            }

            if (r.ValueSpan.Length <= 32 && r.TryGetDecimal(out decimal d) && d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue)
            {
                return ((long)d).ToString(CultureInfo.InvariantCulture);
            }

            return Utf8Text.DecodeBounded(r.ValueSpan, max);
        }
    }
}

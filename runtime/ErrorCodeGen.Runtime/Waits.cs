using System;
using System.Collections.Generic;
using System.Globalization;

namespace ErrorCodeGen
{
    /// <summary>Turning the waits a server gives (<c>Retry-After</c>, a body's <c>retry_after</c>) into time spans.</summary>
    internal static class Waits
    {
        /// <summary>The longest wait reported; a server's larger value (a date decades ahead, 10^12 seconds) is reported as this.</summary>
        public static readonly TimeSpan MaxReported = TimeSpan.FromDays(36500);

        private static readonly string[] s_httpDateFormats =
        {
            "r", "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy",
        };

        /// <summary>
        /// A wait of <paramref name="seconds"/>, at most <see cref="MaxReported"/> (a number past the range of a double, such
        /// as 10^400, reads as infinity and is that longest wait, not none); <see langword="null"/> for a negative value or NaN.
        /// </summary>
        public static TimeSpan? FromSeconds(double seconds)
        {
            if (double.IsNaN(seconds) || seconds < 0)
            {
                return null;
            }

            return seconds >= MaxReported.TotalSeconds ? MaxReported : TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        /// <summary>
        /// Whole seconds up to this many have ticks (seconds × 10^7) below 2^53, where a double holds every integer: up to it
        /// the integer product is the wait <see cref="FromSeconds(double)"/> computes, exactly.
        /// </summary>
        private const long ExactWholeSeconds = 900_000_000;

        /// <summary>A wait of <paramref name="seconds"/> whole seconds: the same as <see cref="FromSeconds(double)"/>, without floating point for the usual values.</summary>
        public static TimeSpan? FromSeconds(long seconds)
        {
            if (seconds >= 0 && seconds <= ExactWholeSeconds)
            {
                return new TimeSpan(seconds * TimeSpan.TicksPerSecond);
            }

            return FromSeconds((double)seconds);
        }

        /// <summary>
        /// Parses one <c>Retry-After</c> value: delta-seconds or an HTTP date (RFC 9110 §10.2.3). A date that is not in the
        /// future gives no wait (<see langword="null"/>), as does anything unreadable.
        /// </summary>
        public static TimeSpan? ParseRetryAfter(string value, TimeProvider time)
        {
            // Whole seconds, as nearly every server sends them: nothing but digits has nothing to trim.
            if (TryParseDigits(value, out long seconds))
            {
                return FromSeconds(seconds);
            }

            return ParseOtherRetryAfter(value, time);
        }

        /// <summary>
        /// <see cref="ParseRetryAfter"/> for a value that is not plain whole seconds (white space, a fraction, a date): a
        /// method of its own, so that the common case above keeps a small frame.
        /// </summary>
        private static TimeSpan? ParseOtherRetryAfter(string value, TimeProvider time)
        {
            string v = value.Trim();
            if (v.Length == 0)
            {
                return null;
            }

            if (v[0] >= '0' && v[0] <= '9')
            {
                // Whole seconds with white space around them, without the general parser (the same value: any wait it
                // could round differently is past MaxReported).
                if (TryParseDigits(v, out long whole))
                {
                    return FromSeconds(whole);
                }

                // More whole seconds than 18 digits hold is far past MaxReported. Decided here, not by double.TryParse,
                // which on .NET Framework fails for a value past the range of a double (310 digits) where .NET gives infinity.
                if (LeadingDigits(v) > 18 && IsDecimal(v))
                {
                    return MaxReported;
                }

                return double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double fraction)
                    ? FromSeconds(fraction)
                    : null;
            }

            if (DateTimeOffset.TryParseExact(
                    v,
                    s_httpDateFormats,
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal,
                    out DateTimeOffset date))
            {
                TimeSpan wait = date - time.GetUtcNow();
                return wait <= TimeSpan.Zero ? null : FromSeconds(wait.TotalSeconds);
            }

            return null;
        }

        /// <summary>
        /// Reads <paramref name="text"/> when it is nothing but ASCII digits, at most 18 of them (so it cannot overflow), as
        /// <see cref="long.TryParse(string, out long)"/> would; false for anything else (signs, spaces, points), which the
        /// callers hand to the general parser.
        /// </summary>
        public static bool TryParseDigits(string text, out long value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 18)
            {
                return false;
            }

            long n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int digit = text[i] - '0';
                if ((uint)digit > 9)
                {
                    return false;
                }

                n = (n * 10) + digit;
            }

            value = n;
            return true;
        }

        private static int LeadingDigits(string text)
        {
            int i = 0;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                i++;
            }

            return i;
        }

        /// <summary>Digits, then at most one decimal point and more digits: what <see cref="NumberStyles.AllowDecimalPoint"/> reads.</summary>
        private static bool IsDecimal(string text)
        {
            int i = LeadingDigits(text);
            if (i < text.Length && text[i] == '.')
            {
                i++;
                while (i < text.Length && (uint)(text[i] - '0') <= 9)
                {
                    i++;
                }
            }

            return i == text.Length;
        }

        /// <summary>The longer of two waits the server gave, so that no retry comes earlier than either asked.</summary>
        public static TimeSpan? Longer(TimeSpan? a, TimeSpan? b)
        {
            if (a is null)
            {
                return b;
            }

            return b is null || a.GetValueOrDefault() >= b.GetValueOrDefault() ? a : b;
        }
    }
}

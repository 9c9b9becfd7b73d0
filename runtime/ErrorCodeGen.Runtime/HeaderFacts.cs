using System;
using System.Collections.Generic;
using System.Globalization;

namespace ErrorCodeGen
{
    /// <summary>The few response headers that matter for errors. Never keeps any other header.</summary>
    internal readonly struct HeaderFacts
    {
        private HeaderFacts(TimeSpan? retryAfter, string? requestId, RateLimitInfo? rateLimit)
        {
            RetryAfter = retryAfter;
            RequestId = requestId;
            RateLimit = rateLimit;
        }

        public TimeSpan? RetryAfter { get; }

        public string? RequestId { get; }

        public RateLimitInfo? RateLimit { get; }

        /// <summary>The clock used to turn an HTTP-date <c>Retry-After</c> into a wait.</summary>
        internal static Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;

        public static HeaderFacts From(IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers)
        {
            if (headers is null)
            {
                return default;
            }

            TimeSpan? retryAfter = null;
            string? requestId = null;
            long? limit = null, remaining = null;
            DateTimeOffset? reset = null;
            bool anyRate = false;

            foreach (var header in headers)
            {
                string? name = header.Key;
                string? value = First(header.Value);
                if (name is null || value is null)
                {
                    continue;
                }

                if (Is(name, "Retry-After"))
                {
                    retryAfter = ParseRetryAfter(value);
                }
                else if (Is(name, "X-Request-Id") || Is(name, "Request-Id") || Is(name, "X-Amzn-RequestId"))
                {
                    requestId ??= TextExcerpt.SingleLine(value, 200);
                }
                else if (Is(name, "X-RateLimit-Limit"))
                {
                    limit = ParseLong(value);
                    anyRate = true;
                }
                else if (Is(name, "X-RateLimit-Remaining"))
                {
                    remaining = ParseLong(value);
                    anyRate = true;
                }
                else if (Is(name, "X-RateLimit-Reset"))
                {
                    long? epoch = ParseLong(value);
                    if (epoch >= 0 && epoch <= 253402300799L)
                    {
                        reset = DateTimeOffset.FromUnixTimeSeconds(epoch.Value);
                    }

                    anyRate = true;
                }
            }

            return new HeaderFacts(retryAfter, requestId, anyRate ? new RateLimitInfo(limit, remaining, reset) : null);
        }

        /// <summary>Parses <c>Retry-After</c>: delta-seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
        internal static TimeSpan? ParseRetryAfter(string value)
        {
            string v = value.Trim();
            if (v.Length == 0)
            {
                return null;
            }

            if (double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds))
            {
                return ErrorResponseReader.ClampRetryAfter(seconds);
            }

            if (DateTimeOffset.TryParseExact(
                    v,
                    new[] { "r", "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy" },
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal,
                    out DateTimeOffset date))
            {
                TimeSpan wait = date - UtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : ErrorResponseReader.ClampRetryAfter(wait.TotalSeconds);
            }

            return null;
        }

        private static long? ParseLong(string value)
            => long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : (long?)null;

        private static bool Is(string name, string expected) => string.Equals(name.Trim(), expected, StringComparison.OrdinalIgnoreCase);

        private static string? First(IEnumerable<string>? values)
        {
            if (values is null)
            {
                return null;
            }

            foreach (string v in values)
            {
                return v;
            }

            return null;
        }
    }
}

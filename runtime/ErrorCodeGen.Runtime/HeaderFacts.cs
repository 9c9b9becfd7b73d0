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

        /// <summary>The first readable <c>Retry-After</c> value that gives a wait; unreadable values and past dates are ignored.</summary>
        public TimeSpan? RetryAfter { get; }

        public string? RequestId { get; }

        public RateLimitInfo? RateLimit { get; }

        public static HeaderFacts From(IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers, TimeProvider time)
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
                if (name is null || header.Value is null)
                {
                    continue;
                }

                if (Is(name, "Retry-After"))
                {
                    foreach (string? value in header.Value)
                    {
                        if (retryAfter is null && value != null)
                        {
                            retryAfter = Waits.ParseRetryAfter(value, time);
                        }
                    }

                    continue;
                }

                string? first = First(header.Value);
                if (first is null)
                {
                    continue;
                }

                if (Is(name, "X-Request-Id") || Is(name, "Request-Id") || Is(name, "X-Amzn-RequestId"))
                {
                    if (requestId is null && first.Trim().Length > 0)
                    {
                        requestId = TextExcerpt.SingleLine(first, ReaderLimits.MaxRequestIdLength);
                    }
                }
                else if (Is(name, "X-RateLimit-Limit"))
                {
                    limit ??= ParseLong(first);
                    anyRate = true;
                }
                else if (Is(name, "X-RateLimit-Remaining"))
                {
                    remaining ??= ParseLong(first);
                    anyRate = true;
                }
                else if (Is(name, "X-RateLimit-Reset"))
                {
                    long? epoch = ParseLong(first);
                    if (reset is null && epoch >= 0 && epoch <= 253402300799L)
                    {
                        reset = DateTimeOffset.FromUnixTimeSeconds(epoch.Value);
                    }

                    anyRate = true;
                }
            }

            return new HeaderFacts(retryAfter, requestId, anyRate ? new RateLimitInfo(limit, remaining, reset) : null);
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

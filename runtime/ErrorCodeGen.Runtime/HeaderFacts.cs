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

        /// <summary>These facts with the request id a shape's own request-id headers gave (ShapeHeaders).</summary>
        public HeaderFacts WithRequestId(string? requestId) => new HeaderFacts(RetryAfter, requestId, RateLimit);

        public static HeaderFacts From(IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers, TimeProvider time)
        {
            var scan = new Scan(time);
            scan.Add(headers);
            return scan.Result();
        }

        /// <summary>The facts of a response's headers and then its content's, in one scan (no list of all headers is built).</summary>
        public static HeaderFacts From(
            IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers,
            IEnumerable<KeyValuePair<string, IEnumerable<string>>>? moreHeaders,
            TimeProvider time)
        {
            var scan = new Scan(time);
            scan.Add(headers);
            scan.Add(moreHeaders);
            return scan.Result();
        }

        /// <summary>One pass over header sets, in order; for each fact the first readable value wins.</summary>
        private struct Scan
        {
            private readonly TimeProvider _time;
            private TimeSpan? _retryAfter;
            private string? _requestId;
            private long? _limit;
            private long? _remaining;
            private DateTimeOffset? _reset;
            private long? _concurrentLimit;
            private long? _concurrentCurrent;
            private long? _queueLimit;
            private long? _queueCurrent;
            private bool _anyRate;

            public Scan(TimeProvider time)
                : this()
            {
                _time = time;
            }

            public HeaderFacts Result()
                => new HeaderFacts(
                    _retryAfter,
                    _requestId,
                    _anyRate ? new RateLimitInfo(_limit, _remaining, _reset, _concurrentLimit, _concurrentCurrent, _queueLimit, _queueCurrent) : null);

            public void Add(IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers)
            {
                if (headers is null)
                {
                    return;
                }

                // A list is walked by index: no enumerator is allocated for it.
                if (headers is IReadOnlyList<KeyValuePair<string, IEnumerable<string>>> list)
                {
                    for (int i = 0; i < list.Count; i++)
                    {
                        Add(list[i].Key, list[i].Value);
                    }

                    return;
                }

                foreach (var header in headers)
                {
                    Add(header.Key, header.Value);
                }
            }

            private void Add(string? name, IEnumerable<string>? values)
            {
                if (name is null || values is null)
                {
                    return;
                }

                name = name.Trim();
                if (Is(name, "Retry-After"))
                {
                    if (values is string[] array)
                    {
                        for (int i = 0; i < array.Length && _retryAfter is null; i++)
                        {
                            AddRetryAfter(array[i]);
                        }

                        return;
                    }

                    foreach (string? value in values)
                    {
                        AddRetryAfter(value);
                    }

                    return;
                }

                string? first = First(values);
                if (first is null)
                {
                    return;
                }

                if (Is(name, "X-Request-Id") || Is(name, "Request-Id") || Is(name, "X-Amzn-RequestId"))
                {
                    if (_requestId is null && first.Trim().Length > 0)
                    {
                        _requestId = TextExcerpt.SingleLine(first, ReaderLimits.MaxRequestIdLength);
                    }
                }
                else if (Is(name, "X-RateLimit-Limit"))
                {
                    _limit ??= ParseLong(first);
                    _anyRate = true;
                }
                else if (Is(name, "X-RateLimit-Remaining"))
                {
                    _remaining ??= ParseLong(first);
                    _anyRate = true;
                }
                else if (Is(name, "X-Concurrent-Limit"))
                {
                    _concurrentLimit ??= ParseLong(first);
                    _anyRate = true;
                }
                else if (Is(name, "X-Concurrent-Current"))
                {
                    _concurrentCurrent ??= ParseLong(first);
                    _anyRate = true;
                }
                else if (Is(name, "X-Queue-Limit"))
                {
                    _queueLimit ??= ParseLong(first);
                    _anyRate = true;
                }
                else if (Is(name, "X-Queue-Current"))
                {
                    _queueCurrent ??= ParseLong(first);
                    _anyRate = true;
                }
                else if (Is(name, "X-RateLimit-Reset"))
                {
                    long? epoch = ParseLong(first);
                    if (_reset is null && epoch >= 0 && epoch <= 253402300799L)
                    {
                        _reset = DateTimeOffset.FromUnixTimeSeconds(epoch.Value);
                    }

                    _anyRate = true;
                }
            }

            private void AddRetryAfter(string? value)
            {
                if (_retryAfter is null && value != null)
                {
                    _retryAfter = Waits.ParseRetryAfter(value, _time);
                }
            }
        }

        private static long? ParseLong(string value)
            => Waits.TryParseDigits(value, out long digits) ? digits
            : long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : (long?)null;

        /// <summary>Whether a trimmed header name is <paramref name="expected"/>, ignoring case.</summary>
        private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

        private static string? First(IEnumerable<string>? values)
        {
            if (values is null)
            {
                return null;
            }

            if (values is string[] array)
            {
                return array.Length > 0 ? array[0] : null;
            }

            foreach (string v in values)
            {
                return v;
            }

            return null;
        }
    }
}

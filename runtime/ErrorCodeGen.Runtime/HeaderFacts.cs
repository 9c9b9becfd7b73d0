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
            var none = default(NoReader);
            return From(headers, null, time, ref none);
        }

        /// <summary>
        /// The facts of a response's headers and then its content's (either may be null), in one scan (no list of all
        /// headers is built), every header handed to <paramref name="also"/> in the same walk: a header set that can be
        /// walked only once (a caller's iterator) loses nothing to a second reader of it.
        /// </summary>
        public static HeaderFacts From<TAlso>(
            IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers,
            IEnumerable<KeyValuePair<string, IEnumerable<string>>>? moreHeaders,
            TimeProvider time,
            ref TAlso also)
            where TAlso : struct, IHeaderReader
        {
            var scan = new Scan(time);
            scan.Add(headers, ref also);
            scan.Add(moreHeaders, ref also);
            return scan.Result();
        }

        /// <summary>What else reads the headers of a walk (<see cref="Formats.ShapeHeaders"/>): each header as it comes.</summary>
        internal interface IHeaderReader
        {
            /// <summary>One header, as the set gives it (its name or values may be null).</summary>
            void Add(string? name, IEnumerable<string>? values);
#if NET8_0_OR_GREATER

            /// <summary>One header of an <see cref="System.Net.Http.Headers.HttpHeaders"/>, its values as received.</summary>
            void Add(string name, System.Net.Http.Headers.HeaderStringValues values);
#endif
        }

        /// <summary>No other reader: a struct, so that the walk for it is compiled without the call.</summary>
        internal struct NoReader : IHeaderReader
        {
            public void Add(string? name, IEnumerable<string>? values)
            {
            }
#if NET8_0_OR_GREATER

            public void Add(string name, System.Net.Http.Headers.HeaderStringValues values)
            {
            }
#endif
        }

#if NET8_0_OR_GREATER
        /// <summary>
        /// The facts of a response's headers and then its content's, in one scan of the values as they were received
        /// (<see cref="System.Net.Http.Headers.HttpHeaders.NonValidated"/>): the validating enumeration parses every header
        /// and makes an array of strings for each, most of the cost of reading an error from an <c>HttpResponseMessage</c>.
        /// </summary>
        public static HeaderFacts From(System.Net.Http.Headers.HttpHeaders? headers, System.Net.Http.Headers.HttpHeaders? moreHeaders, TimeProvider time)
        {
            var none = default(NoReader);
            return From(headers, moreHeaders, time, ref none);
        }

        /// <summary>
        /// As <see cref="From(System.Net.Http.Headers.HttpHeaders, System.Net.Http.Headers.HttpHeaders, TimeProvider)"/>,
        /// every header handed to <paramref name="also"/> as received in the same walk, so that a declared shape's own
        /// headers cost no second walk of either set.
        /// </summary>
        public static HeaderFacts From<TAlso>(System.Net.Http.Headers.HttpHeaders? headers, System.Net.Http.Headers.HttpHeaders? moreHeaders, TimeProvider time, ref TAlso also)
            where TAlso : struct, IHeaderReader
        {
            var scan = new Scan(time);
            scan.Add(headers, ref also);
            scan.Add(moreHeaders, ref also);
            return scan.Result();
        }
#endif

        /// <summary>One pass over header sets, in order; for each fact the first readable value wins.</summary>
        private struct Scan
        {
            private readonly TimeProvider _time;
            private TimeSpan? _retryAfter;
            private string? _requestId;

            // The rate-limit facts as RateLimitInfo keeps them: plain values and which are present (the first readable
            // value of each header wins), so that it is made from them as they are.
            private long _limit;
            private long _remaining;
            private DateTimeOffset _reset;
            private long _concurrentLimit;
            private long _concurrentCurrent;
            private long _queueLimit;
            private long _queueCurrent;
            private RateLimitInfo.Present _present;
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
                    _anyRate ? new RateLimitInfo(_limit, _remaining, _reset, _concurrentLimit, _concurrentCurrent, _queueLimit, _queueCurrent, _present) : null);

            public void Add<TAlso>(IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers, ref TAlso also)
                where TAlso : struct, IHeaderReader
            {
                if (headers is null)
                {
                    return;
                }

                // A list is walked by index: no enumerator is allocated for it (and a List<T>, the usual case, without
                // an interface call per header).
                if (headers is List<KeyValuePair<string, IEnumerable<string>>> concrete)
                {
                    for (int i = 0; i < concrete.Count; i++)
                    {
                        KeyValuePair<string, IEnumerable<string>> header = concrete[i];
                        Add(header.Key, header.Value);
                        also.Add(header.Key, header.Value);
                    }

                    return;
                }

                if (headers is IReadOnlyList<KeyValuePair<string, IEnumerable<string>>> list)
                {
                    for (int i = 0; i < list.Count; i++)
                    {
                        KeyValuePair<string, IEnumerable<string>> header = list[i];
                        Add(header.Key, header.Value);
                        also.Add(header.Key, header.Value);
                    }

                    return;
                }

                foreach (var header in headers)
                {
                    Add(header.Key, header.Value);
                    also.Add(header.Key, header.Value);
                }
            }

#if NET8_0_OR_GREATER
            /// <summary>The headers' values as received, without parsing them or making an array per header.</summary>
            public void Add<TAlso>(System.Net.Http.Headers.HttpHeaders? headers, ref TAlso also)
                where TAlso : struct, IHeaderReader
            {
                if (headers is null)
                {
                    return;
                }

                foreach (KeyValuePair<string, System.Net.Http.Headers.HeaderStringValues> header in headers.NonValidated)
                {
                    also.Add(header.Key, header.Value);
                    HeaderName name = NameOf(header.Key);
                    if (name == HeaderName.Other)
                    {
                        continue;
                    }

                    foreach (string value in header.Value)
                    {
                        if (name == HeaderName.RetryAfter)
                        {
                            AddRetryAfter(value);
                            continue;
                        }

                        AddFirst(name, value);
                        break;
                    }
                }
            }
#endif

            private void Add(string? name, IEnumerable<string>? values)
            {
                if (name is null || values is null)
                {
                    return;
                }

                // Most headers are none of ours: that is decided by the name's length and at most one comparison.
                HeaderName header = NameOf(name);
                if (header == HeaderName.Other)
                {
                    return;
                }

                if (header == HeaderName.RetryAfter)
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

                AddFirst(header, First(values));
            }

            /// <summary>The first value of one of our headers other than <c>Retry-After</c>.</summary>
            private void AddFirst(HeaderName header, string? first)
            {
                if (first is null)
                {
                    return;
                }

                switch (header)
                {
                    case HeaderName.RequestId:
                        if (_requestId is null && !IsBlank(first))
                        {
                            _requestId = TextExcerpt.SingleLine(first, ReaderLimits.MaxRequestIdLength);
                        }

                        return;
                    case HeaderName.RateLimitLimit:
                        Fill(ref _limit, RateLimitInfo.Present.Limit, first);
                        break;
                    case HeaderName.RateLimitRemaining:
                        Fill(ref _remaining, RateLimitInfo.Present.Remaining, first);
                        break;
                    case HeaderName.ConcurrentLimit:
                        Fill(ref _concurrentLimit, RateLimitInfo.Present.ConcurrentLimit, first);
                        break;
                    case HeaderName.ConcurrentCurrent:
                        Fill(ref _concurrentCurrent, RateLimitInfo.Present.ConcurrentCurrent, first);
                        break;
                    case HeaderName.QueueLimit:
                        Fill(ref _queueLimit, RateLimitInfo.Present.QueueLimit, first);
                        break;
                    case HeaderName.QueueCurrent:
                        Fill(ref _queueCurrent, RateLimitInfo.Present.QueueCurrent, first);
                        break;
                    case HeaderName.RateLimitReset:
                        if ((_present & RateLimitInfo.Present.Reset) == 0 && TryParseLong(first, out long epoch) && epoch >= 0 && epoch <= 253402300799L)
                        {
                            _reset = DateTimeOffset.FromUnixTimeSeconds(epoch);
                            _present |= RateLimitInfo.Present.Reset;
                        }

                        break;
                }

                _anyRate = true;
            }

            /// <summary>The first readable value of a rate-limit header is its fact; a later one is not read.</summary>
            private void Fill(ref long field, RateLimitInfo.Present fact, string value)
            {
                if ((_present & fact) == 0 && TryParseLong(value, out long n))
                {
                    field = n;
                    _present |= fact;
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

        /// <summary>A header's integer: digits alone without the general parser, else <see cref="long.TryParse(string, NumberStyles, IFormatProvider, out long)"/> of the trimmed text.</summary>
        private static bool TryParseLong(string value, out long n)
            => Waits.TryParseDigits(value, out n)
            || long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n);

        /// <summary>The headers read; every other name is <see cref="Other"/>.</summary>
        private enum HeaderName
        {
            Other,
            RetryAfter,
            RequestId,
            RateLimitLimit,
            RateLimitRemaining,
            RateLimitReset,
            ConcurrentLimit,
            ConcurrentCurrent,
            QueueLimit,
            QueueCurrent,
        }

        /// <summary>
        /// Which header <paramref name="name"/> is, ignoring case and surrounding white space: by its length, then one
        /// comparison (two for the two names of 17 characters). A name is trimmed only when it has white space to trim.
        /// </summary>
        private static HeaderName NameOf(string name)
        {
            if (name.Length == 0)
            {
                return HeaderName.Other;
            }

            if (IsWhiteSpace(name[0]) || IsWhiteSpace(name[name.Length - 1]))
            {
                name = name.Trim();
            }

            switch (name.Length)
            {
                case 10:
                    return Is(name, "Request-Id") ? HeaderName.RequestId : HeaderName.Other;
                case 11:
                    return Is(name, "Retry-After") ? HeaderName.RetryAfter : HeaderName.Other;
                case 12:
                    return Is(name, "X-Request-Id") ? HeaderName.RequestId : HeaderName.Other;
                case 13:
                    return Is(name, "X-Queue-Limit") ? HeaderName.QueueLimit : HeaderName.Other;
                case 15:
                    return Is(name, "X-Queue-Current") ? HeaderName.QueueCurrent : HeaderName.Other;
                case 16:
                    return Is(name, "X-Amzn-RequestId") ? HeaderName.RequestId : HeaderName.Other;
                case 17:
                    // The two differ from the thirteenth character on: one comparison, not two.
                    return (name[12] | 0x20) == 'l'
                        ? (Is(name, "X-RateLimit-Limit") ? HeaderName.RateLimitLimit : HeaderName.Other)
                        : (Is(name, "X-RateLimit-Reset") ? HeaderName.RateLimitReset : HeaderName.Other);
                case 18:
                    return Is(name, "X-Concurrent-Limit") ? HeaderName.ConcurrentLimit : HeaderName.Other;
                case 20:
                    return Is(name, "X-Concurrent-Current") ? HeaderName.ConcurrentCurrent : HeaderName.Other;
                case 21:
                    return Is(name, "X-RateLimit-Remaining") ? HeaderName.RateLimitRemaining : HeaderName.Other;
                default:
                    return HeaderName.Other;
            }
        }

        /// <summary>Whether <paramref name="c"/> is white space, deciding the printable ASCII range (every header name's) without a call.</summary>
        private static bool IsWhiteSpace(char c) => (c <= ' ' || c >= '\u007f') && char.IsWhiteSpace(c);

        /// <summary>Whether a trimmed header name of the same length is <paramref name="expected"/>, ignoring case.</summary>
        // The name as the header list spells it (HTTP/1.1 servers and HttpClient's known headers) is one ordinal comparison,
        // cheaper than the case-insensitive one it falls back to (HTTP/2 sends names in lower case).
        private static bool Is(string name, string expected)
            => string.Equals(name, expected) || string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

        /// <summary>Whether <paramref name="value"/> is empty or white space (as <c>Trim().Length == 0</c>, without the copy).</summary>
        private static bool IsBlank(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (!char.IsWhiteSpace(value[i]))
                {
                    return false;
                }
            }

            return true;
        }

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

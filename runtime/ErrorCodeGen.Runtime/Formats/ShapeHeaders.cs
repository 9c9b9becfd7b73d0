using System;
using System.Collections.Generic;

namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// What a declared shape reads from the headers besides <see cref="HeaderFacts"/>: its own request-id headers, and
    /// <c>application/problem+json</c>, which a <see cref="ErrorWireFormat.Json"/> shape reads as problem details. The
    /// presets need neither, so their path pays one check.
    /// </summary>
    internal static class ShapeHeaders
    {
        private const string ProblemMediaType = "application/problem+json";

        /// <summary>
        /// The facts of a response's headers and then its content's (either may be null) and what <paramref name="shape"/>
        /// reads of them, in one walk (a caller's header set may be walkable once); returns the shape to read the body in.
        /// </summary>
        public static ErrorShape ReadWith(
            ErrorShape shape,
            IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers,
            IEnumerable<KeyValuePair<string, IEnumerable<string>>>? moreHeaders,
            TimeProvider time,
            out HeaderFacts facts)
        {
            if (!ReadsHeaders(shape))
            {
                var none = default(HeaderFacts.NoReader);
                facts = HeaderFacts.From(headers, moreHeaders, time, ref none);
                return shape;
            }

            var scan = new Scan(shape);
            facts = HeaderFacts.From(headers, moreHeaders, time, ref scan);
            return scan.Apply(shape, ref facts);
        }

#if NET8_0_OR_GREATER
        /// <summary>As the overload for any header sets, over the values as received (<see cref="HeaderFacts"/> says why), in one walk too.</summary>
        public static ErrorShape ReadWith(ErrorShape shape, System.Net.Http.Headers.HttpHeaders? headers, System.Net.Http.Headers.HttpHeaders? moreHeaders, TimeProvider time, out HeaderFacts facts)
        {
            if (!ReadsHeaders(shape))
            {
                facts = HeaderFacts.From(headers, moreHeaders, time);
                return shape;
            }

            var scan = new Scan(shape);
            facts = HeaderFacts.From(headers, moreHeaders, time, ref scan);
            return scan.Apply(shape, ref facts);
        }
#endif

        /// <summary>Whether the shape reads anything from the headers: request-id headers of its own, or a problem media type.</summary>
        private static bool ReadsHeaders(ErrorShape shape) => shape.RequestIdHeaderNames.Length > 0 || shape.Format == ErrorWireFormat.Json;

        private struct Scan : HeaderFacts.IHeaderReader
        {
            private readonly string[] _names;
            private readonly bool _json;
            private int _rank;

            public Scan(ErrorShape shape)
            {
                _names = shape.RequestIdHeaderNames;
                _json = shape.Format == ErrorWireFormat.Json;
                _rank = int.MaxValue;
                RequestId = null;
                IsProblem = false;
            }

            public string? RequestId { get; private set; }

            public bool IsProblem { get; private set; }

            /// <summary>What the scan found, applied: the shape's request id into the facts, and the problem shape for problem details.</summary>
            public readonly ErrorShape Apply(ErrorShape shape, ref HeaderFacts facts)
            {
                if (_names.Length > 0)
                {
                    facts = facts.WithRequestId(RequestId);
                }

                return IsProblem ? ErrorShape.Problem : shape;
            }

            /// <summary>One header of the walk (<see cref="HeaderFacts.IHeaderReader"/>); a null name or values is none.</summary>
            public void Add(string? name, IEnumerable<string>? values)
            {
                if (name != null && values != null)
                {
                    Read(name, values);
                }
            }

#if NET8_0_OR_GREATER
            /// <summary>One header of an <see cref="System.Net.Http.Headers.HttpHeaders"/> walk; boxed only for the few a declared shape reads.</summary>
            public void Add(string name, System.Net.Http.Headers.HeaderStringValues values)
            {
                if (IsRead(name))
                {
                    Read(name, values);
                }
            }

            private readonly bool IsRead(string name)
            {
                if (_json && string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                foreach (string read in _names)
                {
                    if (string.Equals(name, read, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            }
#endif

            private void Read(string name, IEnumerable<string> values)
            {
                if (_json && !IsProblem && string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (string value in values)
                    {
                        IsProblem = value != null && value.TrimStart().StartsWith(ProblemMediaType, StringComparison.OrdinalIgnoreCase);
                        break;
                    }
                }

                for (int i = 0; i < _names.Length && i < _rank; i++)
                {
                    if (string.Equals(name, _names[i], StringComparison.OrdinalIgnoreCase))
                    {
                        foreach (string value in values)
                        {
                            if (!string.IsNullOrWhiteSpace(value))
                            {
                                RequestId = TextExcerpt.SingleLine(value, ReaderLimits.MaxRequestIdLength);
                                _rank = i;
                                break;
                            }
                        }

                        break;
                    }
                }
            }
        }
    }
}

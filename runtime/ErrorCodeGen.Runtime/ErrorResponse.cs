using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ErrorCodeGen
{
    /// <summary>
    /// An error response read off the wire: what the body and headers said, without interpretation against a catalog.
    /// Produced by <see cref="ErrorResponseReader"/>; never contains request headers or credentials.
    /// </summary>
    public sealed class ErrorResponse
    {
        internal ErrorResponse(
            ErrorWireFormat format,
            int? httpStatus,
            ErrorBodyKind bodyKind,
            string? problem,
            object errors,
            string? requestId,
            TimeSpan? retryAfter,
            RateLimitInfo? rateLimit,
            string? nonJsonExcerpt,
            bool hasErrorPayload,
            Exception? readException)
        {
            // Every error response is made on the error path, so it is kept small: the waits and the status as plain numbers,
            // the three members a well-formed body never has in one object of their own (104 bytes, not 136).
            Format = format;
            _status = httpStatus.GetValueOrDefault();
            _kind = (byte)bodyKind;
            // A body of one error (the usual case) gives that error alone; its list is made when Errors is first read.
            _errors = errors;
            // One reference to the primary error, not a copy of its code and message.
            _primary = errors as ApiError ?? (errors is IReadOnlyList<ApiError> { Count: > 0 } list ? list[0] : null);

            RequestId = requestId;
            _retryAfterTicks = retryAfter.GetValueOrDefault().Ticks;
            _has = (byte)((httpStatus.HasValue ? HasStatus : 0) | (retryAfter.HasValue ? HasWait : 0));
            RateLimit = rateLimit;
            HasErrorPayload = hasErrorPayload;
            if (problem != null || nonJsonExcerpt != null || readException != null)
            {
                _unusual = new Unusual(problem, nonJsonExcerpt, readException);
            }
        }

        /// <summary>Bits of <see cref="_has"/>: a status, a wait.</summary>
        private const byte HasStatus = 1, HasWait = 2;

        private readonly int _status;
        private readonly byte _kind;
        private readonly byte _has;
        private readonly long _retryAfterTicks;
        private readonly Unusual? _unusual;

        /// <summary>What only a body that could not be read whole, or is not JSON, has.</summary>
        private sealed class Unusual
        {
            public Unusual(string? problem, string? nonJsonExcerpt, Exception? readException)
            {
                Problem = problem;
                NonJsonExcerpt = nonJsonExcerpt;
                ReadException = readException;
            }

            public string? Problem { get; }

            public string? NonJsonExcerpt { get; }

            public Exception? ReadException { get; }
        }

        /// <summary>The wire format the body was read as.</summary>
        public ErrorWireFormat Format { get; }

        /// <summary>
        /// The shape the body was read in: the catalog's declared shape, <see cref="ErrorShape.Problem"/> for an
        /// <c>application/problem+json</c> body of a declared JSON shape, else the preset of <see cref="Format"/>
        /// (<see langword="null"/> only for a format value this runtime does not know).
        /// </summary>
        public ErrorShape? Shape => ReadShape ?? ErrorShape.For(Format);

        /// <summary>The shape the reader used, set by it (null for a response made from a format alone).</summary>
        internal ErrorShape? ReadShape { get; set; }

        /// <summary>The HTTP status, or <see langword="null"/> for a message with none (a WebSocket message).</summary>
        public int? HttpStatus => (_has & HasStatus) != 0 ? _status : null;

        /// <summary>What the body was.</summary>
        public ErrorBodyKind BodyKind => (ErrorBodyKind)_kind;

        /// <summary>Why the body could not be read completely, when it could not.</summary>
        public string? Problem => _unusual?.Problem;

        /// <summary>Every error of the body, in body order; the first is the primary one.</summary>
        public IReadOnlyList<ApiError> Errors => _errors as IReadOnlyList<ApiError> ?? ListOfOne();

        // The one error, or the list of every error.
        private object _errors;

        private IReadOnlyList<ApiError> ListOfOne()
        {
            object one = _errors;
            if (one is IReadOnlyList<ApiError> made)
            {
                return made;
            }

            // Racing first reads agree on one list: the first kept is the one every later read gives.
            var list = new[] { (ApiError)one };
            return System.Threading.Interlocked.CompareExchange(ref _errors, list, one) as IReadOnlyList<ApiError> ?? list;
        }

        private readonly ApiError? _primary;

        /// <summary>The primary error's code as on the wire, or <see langword="null"/>.</summary>
        public string? RawCode => _primary?.Code;

        /// <summary>The primary error's message as sent, or <see langword="null"/>.</summary>
        public string? Message => _primary?.Message;

        /// <summary>The request id from the body or the <c>X-Request-Id</c> header.</summary>
        public string? RequestId { get; }

        /// <summary>
        /// The wait the server asked for: the longer of the <c>Retry-After</c> header (its first readable value; a date not
        /// in the future gives none) and the body's <c>retry_after</c>; <see langword="null"/> when the server gave none.
        /// </summary>
        public TimeSpan? RetryAfter => (_has & HasWait) != 0 ? new TimeSpan(_retryAfterTicks) : null;

        /// <summary>The rate-limit headers, when the response had any.</summary>
        public RateLimitInfo? RateLimit { get; }

        /// <summary>For a non-JSON body: its HTML title, or else the start of its text on one line (at most 200 characters), secrets masked.</summary>
        public string? NonJsonExcerpt => _unusual?.NonJsonExcerpt;

        /// <summary>Whether the body itself reports an error (an error code, an <c>errors</c> array or an <c>error</c> object).</summary>
        public bool HasErrorPayload { get; }

        /// <summary>
        /// The failure that stopped the body from being read to its end (a connection reset, a corrupt compressed body, a
        /// time-out), when it broke off; <see cref="BodyKind"/> is then <see cref="ErrorBodyKind.Truncated"/>.
        /// </summary>
        public Exception? ReadException => _unusual?.ReadException;

        /// <summary>The request's method (<c>POST</c>), when the request is known.</summary>
        public string? RequestMethod { get; internal set; }

        /// <summary>The request's path, without the query string (which may hold credentials), when the request is known.</summary>
        public string? RequestPath { get; internal set; }

        /// <summary>
        /// For <see cref="ErrorBodyKind.NoResponse"/>: whether the request may have reached the server (<see langword="false"/>
        /// only when the connection failed before anything was sent, such as a refused connection or a failed DNS lookup).
        /// <see langword="true"/> for every response.
        /// </summary>
        public bool RequestSent { get; internal set; } = true;

        /// <summary>Whether the request may be repeated by the default rules: an idempotent method or an <c>Idempotency-Key</c> header.</summary>
        internal bool RequestRepeatable { get; set; }

        /// <summary>Whether the body is complete JSON that could be read to its end.</summary>
        public bool IsWellFormed => BodyKind == ErrorBodyKind.Json;
    
        /// <summary>
        /// One line for logs: format, status, body kind, code, error count, request id, wait and the primary message.
        /// Server-sent text is shortened and redacted (bearer tokens, keys); headers and the body are never included.
        /// </summary>
        /// <returns>The summary line.</returns>
        public override string ToString()
        {
            var sb = new StringBuilder(128);
            sb.Append("ErrorResponse(").Append(Format.ToString());
            if (HttpStatus is int status)
            {
                sb.Append(", HTTP ").Append(status.ToString(CultureInfo.InvariantCulture));
            }

            sb.Append(", ").Append(BodyKind.ToString());
            if (RawCode != null)
            {
                sb.Append(", code '").Append(TextExcerpt.SingleLine(RawCode, 80)).Append('\'');
            }

            if (Errors.Count > 1)
            {
                sb.Append(", ").Append(Errors.Count.ToString(CultureInfo.InvariantCulture)).Append(" errors");
            }

            if (RequestId != null)
            {
                sb.Append(", request id '").Append(TextExcerpt.SingleLine(RequestId, 80)).Append('\'');
            }

            if (RetryAfter is TimeSpan wait)
            {
                sb.Append(", retry after ").Append(wait.ToString("c", CultureInfo.InvariantCulture));
            }

            sb.Append(')');
            if (!string.IsNullOrWhiteSpace(Message))
            {
                sb.Append(": \"").Append(TextExcerpt.SingleLine(Message!, 200)).Append('"');
            }

            return sb.ToString();
        }
    }
}

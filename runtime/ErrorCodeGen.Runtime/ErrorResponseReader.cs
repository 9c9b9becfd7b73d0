using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen.Formats;

namespace ErrorCodeGen
{
    /// <summary>
    /// Reads error responses in one bounded forward pass over their UTF-8 bytes. Never throws for bad input:
    /// empty, non-JSON, truncated, malformed, deeply nested and oversized bodies are reported through
    /// <see cref="ErrorResponse.BodyKind"/> and <see cref="ErrorResponse.Problem"/>.
    /// </summary>
    public static partial class ErrorResponseReader
    {
        /// <summary>Bodies larger than this (1 MiB) are not parsed.</summary>
        public const int MaxBodyBytes = ReaderLimits.MaxBodyBytes;

        /// <summary>The deepest JSON nesting read; deeper bodies are <see cref="ErrorBodyKind.Malformed"/>.</summary>
        public const int MaxDepth = ReaderLimits.MaxDepth;

        /// <summary>At most this many error items are kept from one body.</summary>
        public const int MaxErrors = ReaderLimits.MaxErrors;

        /// <summary>Messages and other strings longer than this are shortened (with an ellipsis) when kept; codes, ids and names have tighter bounds (docs/runtime.md).</summary>
        public const int MaxStringLength = ReaderLimits.MaxStringLength;

        /// <summary>Reads an error body given as a string.</summary>
        public static ErrorResponse Read(ErrorWireFormat format, int? httpStatus, string? body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null)
            => Read(format, httpStatus, body, headers, TimeProvider.System);

        /// <summary>Reads an error body given as a string; <paramref name="timeProvider"/> turns an HTTP-date <c>Retry-After</c> into a wait.</summary>
#if NET5_0_OR_GREATER
        // The stack buffer is written before it is read; zeroing it first would be wasted.
        [System.Runtime.CompilerServices.SkipLocalsInit]
#endif
        public static ErrorResponse Read(ErrorWireFormat format, int? httpStatus, string? body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers, TimeProvider timeProvider)
            => Read(ErrorShape.Of(format), httpStatus, body, headers, timeProvider);

        /// <summary>Reads an error body given as a string, in <paramref name="shape"/>; <paramref name="timeProvider"/> turns an HTTP-date <c>Retry-After</c> into a wait.</summary>
#if NET5_0_OR_GREATER
        [System.Runtime.CompilerServices.SkipLocalsInit]
#endif
        public static ErrorResponse Read(ErrorShape shape, int? httpStatus, string? body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers, TimeProvider timeProvider)
        {
            shape = ShapeHeaders.ReadWith(shape ?? throw new ArgumentNullException(nameof(shape)), headers, null, timeProvider ?? TimeProvider.System, out HeaderFacts facts);
            if (body is null || body.Length == 0)
            {
                // Nothing to encode or read (an empty 503): the response at once, without the encoding path's frame.
                return Empty(shape, httpStatus, facts, readException: null);
            }

            return ReadString(shape, httpStatus, body, facts);
        }

        /// <summary>The response to a body with nothing in it.</summary>
        private static ErrorResponse Empty(ErrorShape shape, int? httpStatus, in HeaderFacts facts, Exception? readException)
            => new ErrorResponse(shape.Format, httpStatus, ErrorBodyKind.Empty, null, Array.Empty<ApiError>(), facts.RequestId, facts.RetryAfter, facts.RateLimit, null, false, readException) { ReadShape = shape };

        /// <summary>A body given as a non-empty string: encoded to UTF-8 without a new array, then read.</summary>
#if NET5_0_OR_GREATER
        [System.Runtime.CompilerServices.SkipLocalsInit]
#endif
        private static ErrorResponse ReadString(ErrorShape shape, int? httpStatus, string body, HeaderFacts facts)
        {
            // A string longer than the byte limit cannot fit in it; do not encode it at all.
            if (body.Length > MaxBodyBytes)
            {
                return TooLarge(shape, httpStatus, facts);
            }

            // The string is encoded into a buffer that is not kept, never into a new array: on the stack when small, else
            // one from the shared pool (cleared before it goes back, as the body may echo what the caller sent). Invalid
            // UTF-16 (a lone surrogate) becomes U+FFFD, as Encoding.UTF8 does; what the encoder writes is valid UTF-8.
            if (body.Length <= MaxStackChars)
            {
                Span<byte> small = stackalloc byte[(body.Length + 1) * 3];
                int written = Utf8Text.Encode(body, small);
                return Read(shape, httpStatus, small.Slice(0, written), facts, readProblem: null, readException: null, knownValidUtf8: true);
            }

            int length = Utf8Text.ByteCount(body);
            if (length > MaxBodyBytes)
            {
                return TooLarge(shape, httpStatus, facts);
            }

            byte[] rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                int written = Utf8Text.Encode(body, rented.AsSpan(0, length));
                return Read(shape, httpStatus, new ReadOnlySpan<byte>(rented, 0, written), facts, readProblem: null, readException: null, knownValidUtf8: true);
            }
            finally
            {
                Array.Clear(rented, 0, length);
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        /// <summary>Strings of at most this many characters are encoded on the stack (in at most three bytes a character, about 1 KB).</summary>
        private const int MaxStackChars = 340;

        /// <summary>Reads an error body given as UTF-8 bytes.</summary>
        public static ErrorResponse Read(ErrorWireFormat format, int? httpStatus, ReadOnlySpan<byte> utf8Body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null)
            => Read(format, httpStatus, utf8Body, headers, TimeProvider.System);

        /// <summary>Reads an error body given as UTF-8 bytes; <paramref name="timeProvider"/> turns an HTTP-date <c>Retry-After</c> into a wait.</summary>
        public static ErrorResponse Read(ErrorWireFormat format, int? httpStatus, ReadOnlySpan<byte> utf8Body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers, TimeProvider timeProvider)
            => Read(ErrorShape.Of(format), httpStatus, utf8Body, headers, timeProvider);

        /// <summary>The one reader behind every entry point; <paramref name="knownValidUtf8"/> when the encoder wrote the bytes (no check needed).</summary>
        private static ErrorResponse Read(ErrorShape shape, int? httpStatus, ReadOnlySpan<byte> utf8Body, HeaderFacts facts, string? readProblem, Exception? readException, bool knownValidUtf8)
        {
            if (utf8Body.Length > MaxBodyBytes)
            {
                return TooLarge(shape, httpStatus, facts);
            }

            // A byte-order mark is not content (a string that starts with U+FEFF encodes to one too).
            if (Utf8Text.StartsWithBom(utf8Body))
            {
                utf8Body = utf8Body.Slice(3);
            }

            if (utf8Body.IsEmpty && readProblem is null)
            {
                // Nothing to read: the response is made at once (what ReadBody would find for an empty body).
                return Empty(shape, httpStatus, facts, readException);
            }

            BodyBuilder builder = BodyBuilder.Rent();
            ReadBody(shape, utf8Body, builder, knownValidUtf8);

            ErrorBodyKind kind = builder.Kind;
            string? problem = builder.Problem;
            if (readProblem != null)
            {
                // The connection broke off: what arrived is kept (a code read before the cut stays in RawCode).
                kind = ErrorBodyKind.Truncated;
                problem = problem is null || builder.Kind == ErrorBodyKind.Truncated ? readProblem : readProblem + "; " + problem;
            }

            var response = new ErrorResponse(
                shape.Format,
                httpStatus,
                kind,
                problem,
                builder.TakeErrors(),
                builder.RequestId ?? facts.RequestId,
                Waits.Longer(facts.RetryAfter, builder.RetryAfter),
                facts.RateLimit,
                builder.NonJsonExcerpt,
                builder.HasErrorPayload,
                readException) { ReadShape = shape };
            builder.Return();
            return response;
        }

        /// <summary>
        /// Reads the status, headers and at most <see cref="MaxBodyBytes"/> of the body of <paramref name="response"/>.
        /// Any failure while reading the body (a connection reset, a corrupt compressed body, a time-out) gives a
        /// <see cref="ErrorBodyKind.Truncated"/> response that keeps what arrived and the failure as
        /// <see cref="ErrorResponse.ReadException"/>; only the cancellation of <paramref name="cancellationToken"/> is thrown,
        /// as <see cref="OperationCanceledException"/>. The body stays readable afterwards: the response's content is replaced
        /// by one that replays the bytes read (and, past the limit, the rest of the original stream), so a second call gives
        /// the same result and the caller can still read the body. Nothing the caller owns is disposed. A second call for the
        /// same response, in the same format and with the same clock (the caller's, after <see cref="Http.ApiErrorRetryHandler"/>
        /// decided not to retry it), returns the first call's result, as the response was then: it walks neither the headers
        /// nor the body again, unless the status, the request or the content was replaced in between.
        /// </summary>
        public static Task<ErrorResponse> ReadAsync(ErrorWireFormat format, HttpResponseMessage response, CancellationToken cancellationToken = default)
            => ReadAsync(format, response, TimeProvider.System, cancellationToken);

        /// <summary>As <see cref="ReadAsync(ErrorWireFormat, HttpResponseMessage, CancellationToken)"/>; <paramref name="timeProvider"/> turns an HTTP-date <c>Retry-After</c> into a wait.</summary>
        public static Task<ErrorResponse> ReadAsync(ErrorWireFormat format, HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken = default)
            => ReadAsync(ErrorShape.Of(format), response, timeProvider, cancellationToken);

        /// <summary>As <see cref="ReadAsync(ErrorWireFormat, HttpResponseMessage, TimeProvider, CancellationToken)"/>, in <paramref name="shape"/>.</summary>
        public static async Task<ErrorResponse> ReadAsync(ErrorShape shape, HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken = default)
        {
            if (shape is null)
            {
                throw new ArgumentNullException(nameof(shape));
            }

            if (response is null)
            {
                throw new ArgumentNullException(nameof(response));
            }

            cancellationToken.ThrowIfCancellationRequested();

            HttpContent? content = response.Content;
            int status = (int)response.StatusCode;
            TimeProvider time = timeProvider ?? TimeProvider.System;
            ErrorShape readBy = shape;
            if (content is ReplayableBodyContent read && read.Recall(readBy, status, time, response.RequestMessage) is ErrorResponse again)
            {
                // Read before (by the retry handler, as a rule): nothing has changed that the read depends on.
                return again;
            }

            // The response's headers, then its content's, in one scan.
            shape = ShapeHeaders.ReadWith(shape, response.Headers, content?.Headers, time, out HeaderFacts facts);
            if (content is null)
            {
                return Described(Read(shape, status, ReadOnlySpan<byte>.Empty, facts, readProblem: null, readException: null, knownValidUtf8: true), response);
            }

            if (!(content is ReplayableBodyContent replay))
            {
                if (content.Headers.ContentLength > MaxBodyBytes)
                {
                    // Not read at all: the caller can still stream the whole body.
                    return Described(TooLarge(shape, status, facts), response);
                }

                replay = await ReplayableBodyContent.ReadAsync(content, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
                response.Content = replay;
            }

            ErrorResponse result;
            if (replay.ExceedsLimit)
            {
                result = Described(TooLarge(shape, status, facts), response);
            }
            else
            {
                string? problem = replay.ReadException is null
                    ? null
                    : "the body broke off after " + replay.Prefix.Length.ToString(CultureInfo.InvariantCulture) + " bytes (" + replay.ReadException.GetType().Name + ")";
                result = Described(Read(shape, status, replay.Prefix, facts, problem, replay.ReadException, knownValidUtf8: false), response);
            }

            replay.Remember(readBy, time, response.RequestMessage, result);
            return result;
        }

        /// <summary>
        /// Whether a response is a failure: any status of 400 or more, or a body that reports an error whatever the status
        /// (an HTTP 200 carrying an error code or an errors array). The one rule behind every generated <c>PErrors.IsFailure</c>
        /// and <see cref="IErrorCatalog.IsFailure"/>.
        /// </summary>
        /// <param name="format">The provider's wire format.</param>
        /// <param name="httpStatus">The response's HTTP status.</param>
        /// <param name="body">The response body, or null.</param>
        /// <returns>True when the response should be turned into an exception.</returns>
        public static bool IsFailure(ErrorWireFormat format, int httpStatus, string? body)
            => httpStatus >= 400 || Read(format, httpStatus, body, null).HasErrorPayload;

        /// <summary>
        /// The response for a request that got no response at all (connection refused or reset, DNS, TLS, a time-out):
        /// <see cref="ErrorBodyKind.NoResponse"/>, no status, <paramref name="exception"/> as <see cref="ErrorResponse.ReadException"/>,
        /// and whether the request may have been sent (<see cref="ErrorResponse.RequestSent"/>).
        /// </summary>
        /// <param name="format">The provider's wire format.</param>
        /// <param name="exception">What the transport threw.</param>
        /// <param name="request">The request, when known (its method and path are kept, never its headers or query).</param>
        /// <returns>The response as read.</returns>
        public static ErrorResponse FromTransportFailure(ErrorWireFormat format, Exception exception, HttpRequestMessage? request)
            => TransportFailures.Read(format, exception, request);

        /// <summary>Records the request's method and path (never its query or headers) on a response read from <paramref name="response"/>.</summary>
        private static ErrorResponse Described(ErrorResponse result, HttpResponseMessage response)
        {
            RequestFacts.Describe(result, response.RequestMessage);
            return result;
        }

        private static ErrorResponse TooLarge(ErrorShape shape, int? httpStatus, HeaderFacts facts)
        {
            return new ErrorResponse(
                shape.Format,
                httpStatus,
                ErrorBodyKind.TooLarge,
                "the body is larger than " + MaxBodyBytes.ToString(CultureInfo.InvariantCulture) + " bytes and was not read",
                Array.Empty<ApiError>(),
                facts.RequestId,
                facts.RetryAfter,
                facts.RateLimit,
                null,
                false,
                null) { ReadShape = shape };
        }

        /// <summary>A method of its own, so that the closure is made only for an event stream, never on the JSON path.</summary>
        private static void ReadEventStream(ErrorShape shape, ReadOnlySpan<byte> body, BodyBuilder builder, bool knownValidUtf8)
            => EventStreamReader.Read(body, builder, (frame, into) => ReadBody(shape, frame, into, knownValidUtf8));

        private static void ReadBody(ErrorShape shape, ReadOnlySpan<byte> body, BodyBuilder builder, bool knownValidUtf8)
        {
            int first = FirstNonWhitespace(body);
            if (first < 0)
            {
                builder.Kind = ErrorBodyKind.Empty;
                return;
            }

            byte c = body[first];
            if (c != (byte)'{' && c != (byte)'[' && EventStreamReader.LooksLikeEventStream(body.Slice(first)))
            {
                // Server-Sent Events (text/event-stream): the first event that reports an error is the body's error.
                ReadEventStream(shape, body.Slice(first), builder, knownValidUtf8);
                return;
            }

            if (c != (byte)'{' && c != (byte)'[')
            {
                builder.Kind = ErrorBodyKind.NotJson;
                builder.NonJsonExcerpt = TextExcerpt.FromNonJson(body);
                builder.Problem = "the body is not JSON";
                return;
            }

            var reader = new JsonTokenReader(body);
            try
            {
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    ErrorBodyFormat? bodyFormat = shape.Reader;
                    if (bodyFormat != null)
                    {
                        bodyFormat.ReadRoot(ref reader, body, builder);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Skip();
                }

                // Read to the end so that trailing garbage or a cut-off body is noticed.
                while (reader.Read())
                {
                }

                builder.Kind = ErrorBodyKind.Json;
            }
            catch (JsonException)
            {
                Diagnose(body, builder);
            }
            catch (InvalidOperationException ex)
            {
                // Every value is read through JsonValues, which decodes what the reader cannot; this is a last guard for
                // "never throws for bad input".
                builder.Kind = ErrorBodyKind.Malformed;
                builder.Problem = "the JSON could not be decoded at byte " + reader.BytesConsumed.ToString(CultureInfo.InvariantCulture) + DescribeJsonProblem(ex);
            }
            finally
            {
                // Keep what was read of an item the body broke off in.
                builder.FlushPending();
            }

            // Strings were decoded leniently; a body that is not UTF-8 is still not well-formed JSON.
            if (builder.Kind == ErrorBodyKind.Json && !knownValidUtf8)
            {
                int invalid = Utf8Text.FirstInvalidByte(body);
                if (invalid >= 0)
                {
                    builder.Kind = ErrorBodyKind.Malformed;
                    builder.Problem = "the body is not valid UTF-8 (at byte " + invalid.ToString(CultureInfo.InvariantCulture) + ")";
                }
            }
        }

        /// <summary>
        /// Runs only on the failure path: a second bounded pass, as a non-final block with room for one more level, says
        /// what went wrong first: nesting past <see cref="MaxDepth"/>, a body that stops early (every token valid up to the
        /// end), or a syntax error (and where).
        /// </summary>
        private static void Diagnose(ReadOnlySpan<byte> body, BodyBuilder builder)
        {
            var reader = new Utf8JsonReader(body, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions
            {
                MaxDepth = ReaderLimits.MaxDepth + 1,
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
            }));
            try
            {
                while (reader.Read())
                {
                    bool opens = reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray;
                    if (opens && reader.CurrentDepth >= ReaderLimits.MaxDepth)
                    {
                        builder.Kind = ErrorBodyKind.Malformed;
                        builder.Problem = "the JSON is nested deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels (at byte " + reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture) + ")";
                        return;
                    }
                }

                builder.Kind = ErrorBodyKind.Truncated;
                builder.Problem = "the JSON breaks off before its end";
            }
            catch (JsonException ex)
            {
                builder.Kind = ErrorBodyKind.Malformed;
                builder.Problem = "the JSON is invalid at byte " + reader.BytesConsumed.ToString(CultureInfo.InvariantCulture) + DescribeJsonProblem(ex);
            }
        }

        private static string DescribeJsonProblem(Exception ex)
        {
            // JsonException messages describe the JSON at one character, never headers; keep only the first sentence.
            string message = ex.Message ?? string.Empty;
            int dot = message.IndexOf(". ", StringComparison.Ordinal);
            if (dot > 0)
            {
                message = message.Substring(0, dot);
            }

            return message.Length == 0 ? string.Empty : " (" + TextExcerpt.SingleLine(message, 200) + ")";
        }

        private static int FirstNonWhitespace(ReadOnlySpan<byte> body)
        {
            for (int i = 0; i < body.Length; i++)
            {
                byte b = body[i];
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                {
                    return i;
                }
            }

            return -1;
        }
    }
}

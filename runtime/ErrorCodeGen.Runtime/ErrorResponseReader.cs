using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ErrorCodeGen
{
    /// <summary>
    /// Reads error responses in one bounded forward pass over their UTF-8 bytes. Never throws for bad input:
    /// empty, non-JSON, truncated, malformed, deeply nested and oversized bodies are reported through
    /// <see cref="ErrorResponse.BodyKind"/> and <see cref="ErrorResponse.Problem"/>.
    /// </summary>
    public static class ErrorResponseReader
    {
        /// <summary>Bodies larger than this (1 MiB) are not parsed.</summary>
        public const int MaxBodyBytes = 1024 * 1024;

        /// <summary>The deepest JSON nesting read; deeper bodies are <see cref="ErrorBodyKind.Malformed"/>.</summary>
        public const int MaxDepth = 64;

        /// <summary>At most this many error items are kept from one body.</summary>
        public const int MaxErrors = 256;

        /// <summary>Strings longer than this are shortened (with an ellipsis) when kept.</summary>
        public const int MaxStringLength = 4096;

        private static readonly TimeSpan s_maxRetryAfter = TimeSpan.FromDays(365);
        private static readonly UTF8Encoding s_utf8 = new UTF8Encoding(false, false);

        /// <summary>Reads an error body given as a string.</summary>
        public static ErrorResponse Read(ErrorWireFormat format, int? httpStatus, string? body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null)
        {
            if (body is null || body.Length == 0)
            {
                return Read(format, httpStatus, ReadOnlySpan<byte>.Empty, headers);
            }

            // A string longer than the byte limit cannot fit in it; do not encode it at all.
            if (body.Length > MaxBodyBytes)
            {
                return TooLarge(format, httpStatus, headers);
            }

            byte[] bytes = s_utf8.GetBytes(body);
            return Read(format, httpStatus, bytes, headers);
        }

        /// <summary>Reads an error body given as UTF-8 bytes.</summary>
        public static ErrorResponse Read(ErrorWireFormat format, int? httpStatus, ReadOnlySpan<byte> utf8Body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null)
        {
            if (utf8Body.Length > MaxBodyBytes)
            {
                return TooLarge(format, httpStatus, headers);
            }

            HeaderFacts facts = HeaderFacts.From(headers);
            var builder = new BodyBuilder();
            ReadBody(format, utf8Body, builder);

            TimeSpan? retryAfter = facts.RetryAfter ?? builder.RetryAfter;
            string? requestId = builder.RequestId ?? facts.RequestId;
            return new ErrorResponse(
                format,
                httpStatus,
                builder.Kind,
                builder.Problem,
                builder.Errors.ToArray(),
                requestId,
                retryAfter,
                facts.RateLimit,
                builder.NonJsonExcerpt,
                builder.HasErrorPayload);
        }

        /// <summary>
        /// Reads the status, headers and at most <see cref="MaxBodyBytes"/> of the body of <paramref name="response"/>.
        /// Throws only when <paramref name="cancellationToken"/> is cancelled.
        /// </summary>
        public static async Task<ErrorResponse> ReadAsync(ErrorWireFormat format, HttpResponseMessage response, CancellationToken cancellationToken = default)
        {
            if (response is null)
            {
                throw new ArgumentNullException(nameof(response));
            }

            var headers = new List<KeyValuePair<string, IEnumerable<string>>>();
            foreach (var header in response.Headers)
            {
                headers.Add(header);
            }

            byte[] body = new byte[0];
            bool tooLarge = false;
            string? ioProblem = null;
            if (response.Content != null)
            {
                foreach (var header in response.Content.Headers)
                {
                    headers.Add(header);
                }

                BoundedBody read = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
                body = read.Body;
                tooLarge = read.TooLarge;
                ioProblem = read.Problem;
            }

            int status = (int)response.StatusCode;
            if (tooLarge)
            {
                return TooLarge(format, status, headers);
            }

            ErrorResponse result = Read(format, status, body, headers);
            if (ioProblem != null)
            {
                // The connection broke off: what arrived is kept (a code read before the cut stays in RawCode).
                string problem = ioProblem + (result.Problem is null ? string.Empty : "; " + result.Problem);
                return new ErrorResponse(result.Format, result.HttpStatus, ErrorBodyKind.Truncated, problem, result.Errors, result.RequestId, result.RetryAfter, result.RateLimit, result.NonJsonExcerpt, result.HasErrorPayload);
            }

            return result;
        }

        private readonly struct BoundedBody
        {
            public BoundedBody(byte[] body, bool tooLarge, string? problem)
            {
                Body = body;
                TooLarge = tooLarge;
                Problem = problem;
            }

            public byte[] Body { get; }

            public bool TooLarge { get; }

            public string? Problem { get; }
        }

        /// <summary>Reads at most <see cref="MaxBodyBytes"/>; a transport failure mid-body keeps the bytes that arrived.</summary>
        private static async Task<BoundedBody> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
        {
            long? declared = content.Headers.ContentLength;
            if (declared > MaxBodyBytes)
            {
                return new BoundedBody(new byte[0], true, null);
            }

            var buffer = new MemoryStream();
            try
            {
#if NET8_0_OR_GREATER
                using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                byte[] chunk = new byte[16 * 1024];
                while (true)
                {
                    int n = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    if (buffer.Length + n > MaxBodyBytes)
                    {
                        return new BoundedBody(new byte[0], true, null);
                    }

                    buffer.Write(chunk, 0, n);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException || ex is InvalidOperationException || ex is OperationCanceledException)
            {
                return new BoundedBody(buffer.ToArray(), false, "the body broke off after " + buffer.Length.ToString(CultureInfo.InvariantCulture) + " bytes (" + ex.GetType().Name + ")");
            }

            return new BoundedBody(buffer.ToArray(), false, null);
        }

        private static ErrorResponse TooLarge(ErrorWireFormat format, int? httpStatus, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers)
        {
            HeaderFacts facts = HeaderFacts.From(headers);
            return new ErrorResponse(
                format,
                httpStatus,
                ErrorBodyKind.TooLarge,
                "the body is larger than " + MaxBodyBytes.ToString(CultureInfo.InvariantCulture) + " bytes and was not read",
                new ApiError[0],
                facts.RequestId,
                facts.RetryAfter,
                facts.RateLimit,
                null,
                false);
        }

        private static void ReadBody(ErrorWireFormat format, ReadOnlySpan<byte> body, BodyBuilder builder)
        {
            int first = FirstNonWhitespace(body);
            if (first < 0)
            {
                builder.Kind = ErrorBodyKind.Empty;
                return;
            }

            byte c = body[first];
            if (c != (byte)'{' && c != (byte)'[')
            {
                builder.Kind = ErrorBodyKind.NotJson;
                builder.NonJsonExcerpt = TextExcerpt.FromNonJson(body);
                builder.Problem = "the body is not JSON";
                return;
            }

            var reader = new Utf8JsonReader(body, new JsonReaderOptions
            {
                MaxDepth = MaxDepth,
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });

            try
            {
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    switch (format)
                    {
                        case ErrorWireFormat.RunComfy:
                            WireFormats.ReadRunComfy(ref reader, body, builder);
                            break;
                        case ErrorWireFormat.Runware:
                        case ErrorWireFormat.GraphQL:
                            WireFormats.ReadErrorsArrayRoot(ref reader, body, builder, format);
                            break;
                        case ErrorWireFormat.Cmfy:
                            WireFormats.ReadCmfy(ref reader, body, builder);
                            break;
                        default:
                            reader.Skip();
                            break;
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
            catch (JsonException ex)
            {
                if (reader.CurrentDepth >= MaxDepth - 1)
                {
                    builder.Kind = ErrorBodyKind.Malformed;
                    builder.Problem = "the JSON is nested deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels";
                }
                else if (IsCutOffJson(body))
                {
                    builder.Kind = ErrorBodyKind.Truncated;
                    builder.Problem = "the JSON breaks off before its end";
                }
                else
                {
                    builder.Kind = ErrorBodyKind.Malformed;
                    builder.Problem = "the JSON is invalid at byte " + reader.BytesConsumed.ToString(CultureInfo.InvariantCulture) + DescribeJsonProblem(ex);
                }
            }
            catch (InvalidOperationException)
            {
                // Utf8JsonReader throws this for a value of an unexpected token type; treat as malformed.
                builder.Kind = ErrorBodyKind.Malformed;
                builder.Problem = "the JSON has a value of an unexpected type";
            }
            finally
            {
                // Keep what was read of an item the body broke off in.
                builder.FlushPending();
            }
        }

        private static string DescribeJsonProblem(JsonException ex)
        {
            // JsonException messages describe the JSON, never headers; keep only the first sentence.
            string message = ex.Message ?? string.Empty;
            int dot = message.IndexOf(". ", StringComparison.Ordinal);
            if (dot > 0)
            {
                message = message.Substring(0, dot);
            }

            return message.Length == 0 ? string.Empty : " (" + TextExcerpt.Shorten(message, 200) + ")";
        }

        private static int FirstNonWhitespace(ReadOnlySpan<byte> body)
        {
            int i = 0;

            // A UTF-8 byte-order mark is not content.
            if (body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF)
            {
                i = 3;
            }

            for (; i < body.Length; i++)
            {
                byte b = body[i];
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Whether <paramref name="body"/> is the beginning of valid JSON that stops early (a truncated body), rather
        /// than invalid JSON. Runs only on the failure path: a second bounded pass that treats the body as a
        /// non-final block, so running out of data is not an error.
        /// </summary>
        private static bool IsCutOffJson(ReadOnlySpan<byte> body)
        {
            var reader = new Utf8JsonReader(body, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions
            {
                MaxDepth = MaxDepth,
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            }));
            try
            {
                while (reader.Read())
                {
                }

                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        internal static TimeSpan? ClampRetryAfter(double seconds)
        {
            if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds < 0)
            {
                return null;
            }

            if (seconds >= s_maxRetryAfter.TotalSeconds)
            {
                return s_maxRetryAfter;
            }

            return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }
    }
}

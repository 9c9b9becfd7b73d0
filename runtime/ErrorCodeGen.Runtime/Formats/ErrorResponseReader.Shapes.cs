using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ErrorCodeGen
{
    /// <summary>The entry points that read in a given <see cref="ErrorShape"/> (a declared shape, or a preset).</summary>
    public static partial class ErrorResponseReader
    {
        /// <summary>
        /// Reads an error body given as a string, in <paramref name="shape"/>. For a declared <see cref="ErrorWireFormat.Json"/>
        /// shape, a body whose <c>Content-Type</c> is <c>application/problem+json</c> is read as problem details
        /// (<see cref="ErrorShape.Problem"/>) instead.
        /// </summary>
        /// <param name="shape">Where the body keeps its error.</param>
        /// <param name="httpStatus">The HTTP status, or null.</param>
        /// <param name="body">The body, or null.</param>
        /// <param name="headers">The response's headers, or null.</param>
        /// <returns>The response as read.</returns>
        public static ErrorResponse Read(ErrorShape shape, int? httpStatus, string? body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null)
            => Read(shape, httpStatus, body, headers, TimeProvider.System);

        /// <summary>Reads an error body given as UTF-8 bytes, in <paramref name="shape"/>.</summary>
        /// <param name="shape">Where the body keeps its error.</param>
        /// <param name="httpStatus">The HTTP status, or null.</param>
        /// <param name="utf8Body">The body's bytes.</param>
        /// <param name="headers">The response's headers, or null.</param>
        /// <returns>The response as read.</returns>
        public static ErrorResponse Read(ErrorShape shape, int? httpStatus, ReadOnlySpan<byte> utf8Body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null)
            => Read(shape, httpStatus, utf8Body, headers, TimeProvider.System);

        /// <summary>Reads an error body given as UTF-8 bytes, in <paramref name="shape"/>; <paramref name="timeProvider"/> turns an HTTP-date <c>Retry-After</c> into a wait.</summary>
        /// <param name="shape">Where the body keeps its error.</param>
        /// <param name="httpStatus">The HTTP status, or null.</param>
        /// <param name="utf8Body">The body's bytes.</param>
        /// <param name="headers">The response's headers, or null.</param>
        /// <param name="timeProvider">The clock for HTTP dates.</param>
        /// <returns>The response as read.</returns>
        public static ErrorResponse Read(ErrorShape shape, int? httpStatus, ReadOnlySpan<byte> utf8Body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers, TimeProvider timeProvider)
        {
            shape = Formats.ShapeHeaders.ReadWith(shape ?? throw new ArgumentNullException(nameof(shape)), headers, null, timeProvider ?? TimeProvider.System, out HeaderFacts facts);
            return Read(shape, httpStatus, utf8Body, facts, readProblem: null, readException: null, knownValidUtf8: false);
        }

        /// <summary>As <see cref="ReadAsync(ErrorWireFormat, HttpResponseMessage, CancellationToken)"/>, in <paramref name="shape"/>.</summary>
        /// <param name="shape">Where the body keeps its error.</param>
        /// <param name="response">The response.</param>
        /// <param name="cancellationToken">Cancels the read.</param>
        /// <returns>The response as read.</returns>
        public static Task<ErrorResponse> ReadAsync(ErrorShape shape, HttpResponseMessage response, CancellationToken cancellationToken = default)
            => ReadAsync(shape, response, TimeProvider.System, cancellationToken);

        /// <summary>As <see cref="IsFailure(ErrorWireFormat, int, string)"/>, in <paramref name="shape"/>.</summary>
        /// <param name="shape">Where the body keeps its error.</param>
        /// <param name="httpStatus">The response's HTTP status.</param>
        /// <param name="body">The response body, or null.</param>
        /// <returns>True when the response should be turned into an exception.</returns>
        public static bool IsFailure(ErrorShape shape, int httpStatus, string? body)
            => httpStatus >= 400 || Read(shape, httpStatus, body, null).HasErrorPayload;

        /// <summary>As <see cref="FromTransportFailure(ErrorWireFormat, Exception, HttpRequestMessage)"/>, for a provider read in <paramref name="shape"/>.</summary>
        /// <param name="shape">The provider's shape.</param>
        /// <param name="exception">What the transport threw.</param>
        /// <param name="request">The request, when known.</param>
        /// <returns>The response as read.</returns>
        public static ErrorResponse FromTransportFailure(ErrorShape shape, Exception exception, HttpRequestMessage? request)
        {
            if (shape is null)
            {
                throw new ArgumentNullException(nameof(shape));
            }

            ErrorResponse response = TransportFailures.Read(shape.Format, exception, request);
            response.ReadShape = shape;
            return response;
        }
    }
}

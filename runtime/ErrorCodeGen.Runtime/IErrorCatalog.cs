using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ErrorCodeGen
{
    /// <summary>
    /// One provider's catalog, seen without its generated types, so that shared infrastructure (the retry handler, the
    /// Polly strategy, an SDK's own plumbing) works for any provider. Every generated <c>PErrors</c> exposes one as
    /// <c>PErrors.Catalog</c>; its exceptions are the provider's generated types.
    /// </summary>
    /// <remarks>Implemented by ErrorCodeGen only (members may be added): create one with <see cref="CatalogFactory"/>.</remarks>
    public interface IErrorCatalog
    {
        /// <summary>The provider's C# name, such as <c>CmfyCloud</c>.</summary>
        string ProviderName { get; }

        /// <summary>The wire format of the provider's error bodies.</summary>
        ErrorWireFormat WireFormat { get; }

        /// <summary>Every code of the catalog, in catalog order.</summary>
        IReadOnlyList<ErrorDescriptor> Descriptors { get; }

        /// <summary>The catalog's HTTP status rules, in status order.</summary>
        IReadOnlyList<StatusRule> StatusRules { get; }

        /// <summary>Turns an error response into the provider's typed exception; never throws for bad input.</summary>
        /// <param name="httpStatus">The response's HTTP status.</param>
        /// <param name="body">The response body, or null.</param>
        /// <param name="headers">The response headers, or null.</param>
        /// <returns>The exception to throw.</returns>
        ApiErrorException FromResponse(int httpStatus, string? body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null);

        /// <summary>Reads an error response (at most 1 MiB of body, left readable) into the provider's typed exception.</summary>
        /// <param name="response">The failed response.</param>
        /// <param name="cancellationToken">Cancels reading the body; the only exception thrown.</param>
        /// <returns>The exception to throw.</returns>
        Task<ApiErrorException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default);

        /// <summary>As <see cref="FromResponseAsync(HttpResponseMessage, CancellationToken)"/>, with the clock that turns an HTTP-date <c>Retry-After</c> into a wait.</summary>
        /// <param name="response">The failed response.</param>
        /// <param name="timeProvider">The clock (the retry layer's).</param>
        /// <param name="cancellationToken">Cancels reading the body; the only exception thrown.</param>
        /// <returns>The exception to throw.</returns>
        Task<ApiErrorException> FromResponseAsync(HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken = default);

        /// <summary>Classifies a response already read by <see cref="ErrorResponseReader"/>.</summary>
        /// <param name="response">The response as read.</param>
        /// <returns>The exception to throw.</returns>
        ApiErrorException FromErrorResponse(ErrorResponse response);

        /// <summary>Whether a response is a failure: a status of 400 or more, or a body that reports an error.</summary>
        /// <param name="httpStatus">The response's HTTP status.</param>
        /// <param name="body">The response body, or null.</param>
        /// <returns>True when the response should be turned into an exception.</returns>
        bool IsFailure(int httpStatus, string? body);

        /// <summary>
        /// Turns a request that got no response (connection refused or reset, DNS, TLS, a time-out) into the provider's
        /// exception: no status, <paramref name="exception"/> as its inner exception, retryable only when repeating the request
        /// is safe (it was never sent, or its method is idempotent, or it has an idempotency key).
        /// </summary>
        /// <param name="exception">What the transport threw.</param>
        /// <param name="request">The request, when known (its method and path go into the message; never its headers or query).</param>
        /// <returns>The exception to throw.</returns>
        ApiErrorException FromTransportFailure(Exception exception, HttpRequestMessage? request);

        /// <summary>
        /// Builds a classified exception without JSON, for SDK authors' unit tests: as if the server had sent
        /// <paramref name="rawCode"/> (or no code) with <paramref name="httpStatus"/> (or none, as over a WebSocket).
        /// </summary>
        /// <param name="rawCode">The code as on the wire, or null.</param>
        /// <param name="httpStatus">The HTTP status, or null.</param>
        /// <param name="message">The server's message, or null.</param>
        /// <returns>The exception, classified exactly as a real response would be.</returns>
        ApiErrorException Create(string? rawCode, int? httpStatus = null, string? message = null);
    }
}

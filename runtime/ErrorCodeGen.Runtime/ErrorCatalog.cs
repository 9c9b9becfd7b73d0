using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ErrorCodeGen
{
    /// <summary>The one implementation of <see cref="IErrorCatalog"/>: the generated classifier behind the shared reading.</summary>
    internal sealed class ErrorCatalog : IErrorCatalog
    {
        private readonly Func<ErrorResponse, ApiErrorException> _classify;

        public ErrorCatalog(
            string providerName,
            ErrorWireFormat wireFormat,
            IReadOnlyList<ErrorDescriptor> descriptors,
            IReadOnlyList<StatusRule> statusRules,
            Func<ErrorResponse, ApiErrorException> classify)
            : this(providerName, ErrorShape.Of(wireFormat), descriptors, statusRules, classify)
        {
        }

        public ErrorCatalog(
            string providerName,
            ErrorShape shape,
            IReadOnlyList<ErrorDescriptor> descriptors,
            IReadOnlyList<StatusRule> statusRules,
            Func<ErrorResponse, ApiErrorException> classify)
        {
            Shape = shape ?? throw new ArgumentNullException(nameof(shape));
            ProviderName = providerName ?? throw new ArgumentNullException(nameof(providerName));
            WireFormat = shape.Format;
            Descriptors = descriptors ?? throw new ArgumentNullException(nameof(descriptors));
            StatusRules = statusRules ?? throw new ArgumentNullException(nameof(statusRules));
            _classify = classify ?? throw new ArgumentNullException(nameof(classify));
        }

        public string ProviderName { get; }

        public ErrorWireFormat WireFormat { get; }

        /// <summary>The shape the catalog's bodies are read in.</summary>
        public ErrorShape Shape { get; }

        public IReadOnlyList<ErrorDescriptor> Descriptors { get; }

        public IReadOnlyList<StatusRule> StatusRules { get; }

        public ApiErrorException FromResponse(int httpStatus, string? body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null)
            => _classify(ErrorResponseReader.Read(Shape, httpStatus, body, headers));

        public async Task<ApiErrorException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
            => _classify(await ErrorResponseReader.ReadAsync(Shape, response, cancellationToken).ConfigureAwait(false));

        public async Task<ApiErrorException> FromResponseAsync(HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken = default)
            => _classify(await ErrorResponseReader.ReadAsync(Shape, response, timeProvider, cancellationToken).ConfigureAwait(false));

        public ApiErrorException FromErrorResponse(ErrorResponse response) => _classify(response ?? throw new ArgumentNullException(nameof(response)));

        public bool IsFailure(int httpStatus, string? body)
            => ErrorResponseReader.IsFailure(Shape, httpStatus, body);

        public ApiErrorException FromTransportFailure(Exception exception, HttpRequestMessage? request)
            => _classify(ErrorResponseReader.FromTransportFailure(Shape, exception, request));

        public ApiErrorException Create(string? rawCode, int? httpStatus = null, string? message = null)
        {
            ApiError[] errors = rawCode is null && message is null ? Array.Empty<ApiError>() : new[] { new ApiError(rawCode, message) };
            var response = new ErrorResponse(
                WireFormat,
                httpStatus,
                ErrorBodyKind.Json,
                problem: null,
                errors,
                requestId: null,
                retryAfter: null,
                rateLimit: null,
                nonJsonExcerpt: null,
                hasErrorPayload: errors.Length > 0,
                readException: null) { ReadShape = Shape };
            return _classify(response);
        }

        public override string ToString() => ProviderName + " catalog (" + Descriptors.Count + " codes, " + StatusRules.Count + " status rules)";
    }
}

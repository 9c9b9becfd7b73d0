using System;
using System.Net.Http;
using System.Threading.Tasks;
using ErrorCodeGen.Http;
using Polly;
using Polly.Timeout;

namespace ErrorCodeGen.Polly
{
    /// <summary>Options of <see cref="TransportFailureStrategy"/>; it has none of its own.</summary>
    internal sealed class TransportFailureStrategyOptions : ResilienceStrategyOptions
    {
        public TransportFailureStrategyOptions() => Name = "ErrorCodeGen.TransportFailure";
    }

    /// <summary>
    /// Turns what the transport throws (connection refused or reset, DNS, TLS, a time-out that is not the caller's
    /// cancellation) into the catalog's exception, so the retry decides on it and callers catch one type.
    /// </summary>
    internal sealed class TransportFailureStrategy : ResilienceStrategy<HttpResponseMessage>
    {
        private readonly IErrorCatalog _catalog;
        private readonly ApiErrorRetryOptions _options;

        public TransportFailureStrategy(IErrorCatalog catalog, ApiErrorRetryOptions options)
        {
            _catalog = catalog;
            _options = options;
        }

        protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
            ResilienceContext context,
            TState state)
        {
            ApiErrorRetryTelemetry.RecordAttempt(_catalog.ProviderName);
            Outcome<HttpResponseMessage> outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
            Exception? exception = outcome.Exception;
            if (exception is TimeoutRejectedException rejected)
            {
                // The attempt time-out (Polly's timeout strategy, inside this one) is a transport failure, as in the handler.
                exception = new TimeoutException(
                    "The attempt took longer than its time-out of " + rejected.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s.",
                    rejected);
            }

            if (exception is null || exception is ApiErrorException
                || (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
                || !RetryAdvisor.IsTransportFailure(exception))
            {
                return outcome;
            }

            HttpRequestMessage? request = context.Properties.TryGetValue(ApiErrorRetryPipelineExtensions.RequestKey, out HttpRequestMessage? kept) ? kept : null;
            return Outcome.FromException<HttpResponseMessage>(RetryAdvisor.FromTransportFailure(_catalog, exception, request, _options));
        }
    }
}

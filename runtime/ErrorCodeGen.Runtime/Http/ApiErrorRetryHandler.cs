using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace ErrorCodeGen.Http
{
    /// <summary>
    /// Retries what the catalog says to retry, when it is safe to: an <see cref="HttpClient"/> handler that classifies every
    /// failed attempt with the provider's catalog and asks <see cref="RetryAdvisor"/> whether and when to try again.
    /// <list type="bullet">
    /// <item><description>A response of status 400 or more is read (bounded, left readable) and classified; when it is not
    /// retried, it is returned as it is, so <c>throw await PErrors.FromResponseAsync(response)</c> works unchanged, and is
    /// given the handler's read of it (no second walk of the headers or parse of the body).</description></item>
    /// <item><description>A transport failure (connection refused or reset, DNS, TLS, <see cref="ApiErrorRetryOptions.AttemptTimeout"/>)
    /// becomes the catalog's exception (<see cref="IErrorCatalog.FromTransportFailure"/>); when it is not retried, that is
    /// thrown, so callers catch one type.</description></item>
    /// <item><description>The caller's cancellation is never retried: it is thrown at once, also during a wait.</description></item>
    /// </list>
    /// Use it with <c>IHttpClientFactory</c> through <c>AddHttpMessageHandler</c>, or chain it in front of any handler.
    /// </summary>
    public sealed class ApiErrorRetryHandler : DelegatingHandler
    {
        private readonly IErrorCatalog _catalog;
        private readonly ApiErrorRetryOptions _options;

        /// <summary>Creates the handler for one provider's catalog; set <see cref="DelegatingHandler.InnerHandler"/> or let <c>IHttpClientFactory</c> do it.</summary>
        /// <param name="catalog">The provider's catalog: <c>PErrors.Catalog</c>.</param>
        /// <param name="options">The limits, or null for the defaults (the catalog's backoff, else 3 retries; waits up to 60 s).</param>
        public ApiErrorRetryHandler(IErrorCatalog catalog, ApiErrorRetryOptions? options = null)
        {
            _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
            _options = options ?? new ApiErrorRetryOptions();
        }

        /// <summary>Creates the handler in front of <paramref name="innerHandler"/>.</summary>
        /// <param name="innerHandler">The handler that sends the requests (such as <see cref="HttpClientHandler"/>).</param>
        /// <param name="catalog">The provider's catalog: <c>PErrors.Catalog</c>.</param>
        /// <param name="options">The limits, or null for the defaults.</param>
        public ApiErrorRetryHandler(HttpMessageHandler innerHandler, IErrorCatalog catalog, ApiErrorRetryOptions? options = null)
            : this(catalog, options)
        {
            InnerHandler = innerHandler ?? throw new ArgumentNullException(nameof(innerHandler));
        }

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            bool replayable = await RequestBodies.MakeReplayableAsync(request.Content, _options.MaxBufferedRequestBytes, cancellationToken).ConfigureAwait(false);
            bool refreshed = false;
            for (int attempt = 0; ; attempt++)
            {
                ApiErrorRetryTelemetry.RecordAttempt(_catalog.ProviderName);
                HttpResponseMessage response;
                ApiErrorException? error;
                try
                {
                    if (_options.AttemptTimeout is TimeSpan timeout)
                    {
                        (response, error) = await SendAttemptAsync(request, timeout, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        // Without a time-out, awaited here: a success costs this one async frame, not a second one for
                        // the attempt.
                        response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                        error = (int)response.StatusCode < 400 ? null : await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex) when (RetryAdvisor.IsTransportFailure(ex))
                {
                    ApiErrorException failure = RetryAdvisor.FromTransportFailure(_catalog, ex, request, _options);
                    RetryAdvice afterFailure = Decide(failure, request, attempt, replayable);
                    if (!afterFailure.ShouldRetry)
                    {
                        throw failure;
                    }

                    await WaitAsync(afterFailure, attempt, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (error is null)
                {
                    return response;
                }

                RetryAdvice advice;
                try
                {
                    advice = Decide(error, request, attempt, replayable, refreshed);
                }
                catch
                {
                    // OnRetry threw: the caller gets its exception, and the response is never handed out.
                    response.Dispose();
                    throw;
                }

                if (!advice.ShouldRetry)
                {
                    // Returned as it is, its body still readable (the reader buffered what it read).
                    return response;
                }

                response.Dispose();
                if (advice.RefreshesCredentials)
                {
                    refreshed = true;
                    await _options.RefreshCredentialsAsync!(error, request, cancellationToken).ConfigureAwait(false);
                }

                await WaitAsync(advice, attempt, cancellationToken).ConfigureAwait(false);
            }
        }

        private RetryAdvice Decide(ApiErrorException error, HttpRequestMessage request, int attempt, bool replayable, bool refreshed = false)
        {
            RetryAdvice advice = RetryAdvisor.DecideAttempt(error, request, attempt, _options, replayable, refreshed);
            if (advice.ShouldRetry)
            {
                _options.OnRetry?.Invoke(new ApiErrorRetryEvent(error, attempt, advice));
            }

            return advice;
        }

        private async Task WaitAsync(RetryAdvice advice, int attempt, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (advice.Delay <= TimeSpan.Zero)
            {
                return;
            }

            using System.Diagnostics.Activity? wait = ApiErrorRetryTelemetry.StartWait(_catalog.ProviderName, attempt, advice);
            await RetryAdvisor.DelayAsync(advice.Delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// One attempt under <see cref="ApiErrorRetryOptions.AttemptTimeout"/>: the response and, for an error status, the
        /// error read from its body, both within <paramref name="timeout"/> (a body that stalls is the attempt's time-out too).
        /// </summary>
        private async Task<(HttpResponseMessage Response, ApiErrorException? Error)> SendAttemptAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
        {

#if NET8_0_OR_GREATER
            using var attempt = new CancellationTokenSource(timeout, _options.TimeProvider);
#else
            using CancellationTokenSource attempt = _options.TimeProvider.CreateCancellationTokenSource(timeout);
#endif
            using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
            try
            {
                HttpResponseMessage response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
                return (response, await ReadErrorAsync(response, linked.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException ex) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("The attempt took longer than its time-out of " + timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s.", ex);
            }
        }

        /// <summary>The error of a response with an error status (null for any other); a response whose read is cancelled is disposed.</summary>
        private async Task<ApiErrorException?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if ((int)response.StatusCode < 400)
            {
                return null;
            }

            try
            {
                return await _catalog.FromResponseAsync(response, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The caller cancelled, or the attempt timed out, while the error body was read: the response is never
                // handed out, so it is disposed here (its connection goes back to the pool).
                response.Dispose();
                throw;
            }
        }
    }
}

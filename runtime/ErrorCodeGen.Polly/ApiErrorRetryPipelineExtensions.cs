using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen.Http;
using Polly;
using Polly.Retry;

namespace ErrorCodeGen.Polly
{
    /// <summary>Adds ErrorCodeGen's retry rules to a Polly v8 pipeline.</summary>
    public static class ApiErrorRetryPipelineExtensions
    {
        /// <summary>
        /// The key under which the request of an attempt is kept in the <see cref="ResilienceContext"/>, so the retry can
        /// tell a GET from a POST and see its idempotency key. It has the same name as the one
        /// Microsoft.Extensions.Http.Resilience uses, so requests sent through its handler are seen too.
        /// </summary>
        public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new ResiliencePropertyKey<HttpRequestMessage>("Resilience.Http.RequestMessage");

        private static readonly ResiliencePropertyKey<ApiErrorRetryEvent> s_decisionKey = new ResiliencePropertyKey<ApiErrorRetryEvent>("ErrorCodeGen.RetryDecision");

        private static readonly ResiliencePropertyKey<bool> s_refreshedKey = new ResiliencePropertyKey<bool>("ErrorCodeGen.CredentialsRefreshed");

        /// <summary>
        /// Adds a retry strategy whose <c>ShouldHandle</c>, <c>DelayGenerator</c> and <c>MaxRetryAttempts</c> come from
        /// <see cref="RetryAdvisor"/>, the function <see cref="ApiErrorRetryHandler"/> uses, and, inside it, a strategy that
        /// turns transport failures into the catalog's exception (<see cref="IErrorCatalog.FromTransportFailure"/>), and, with
        /// <see cref="ApiErrorRetryOptions.AttemptTimeout"/>, Polly's timeout for each attempt.
        /// </summary>
        /// <param name="builder">The pipeline builder.</param>
        /// <param name="catalog">The provider's catalog: <c>PErrors.Catalog</c>.</param>
        /// <param name="options">The limits, or null for the defaults; its <c>TimeProvider</c> becomes the pipeline's.</param>
        /// <returns>The builder.</returns>
        public static ResiliencePipelineBuilder<HttpResponseMessage> AddApiErrorRetry(
            this ResiliencePipelineBuilder<HttpResponseMessage> builder,
            IErrorCatalog catalog,
            ApiErrorRetryOptions? options = null)
        {
            if (builder is null)
            {
                throw new ArgumentNullException(nameof(builder));
            }

            if (catalog is null)
            {
                throw new ArgumentNullException(nameof(catalog));
            }

            options ??= new ApiErrorRetryOptions();
            builder.TimeProvider = options.TimeProvider;
            // A caller's MaxRetries caps Polly; otherwise RetryAdvisor stops at the catalog's attempts (or 3), so Polly's own
            // limit is only a backstop (the same rule as the retry handler's).
            // With MaxRetries = 0 the strategy is still there (Polly needs one attempt at least): RetryAdvisor refuses the retry,
            // and the give-up is counted as the handler counts it.
            bool callerSet = options.MaxRetriesIsSet;
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "ErrorCodeGen.Retry." + catalog.ProviderName,
                MaxRetryAttempts = callerSet ? Math.Max(1, options.MaxRetries) : int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.Zero,
                UseJitter = false,
                ShouldHandle = args => ShouldHandleAsync(catalog, options, args),
                // Polly waits nothing itself: the wait is RetryAdvisor.DelayAsync, in OnRetry (which Polly awaits before
                // the next attempt), the same wait as the handler's, never shorter than asked on a coarse timer.
                DelayGenerator = static _ => new ValueTask<TimeSpan?>(TimeSpan.Zero),
                OnRetry = async args =>
                {
                    if (args.Context.Properties.TryGetValue(s_decisionKey, out ApiErrorRetryEvent? decided))
                    {
                        try
                        {
                            options.OnRetry?.Invoke(decided);
                            if (decided.Advice.RefreshesCredentials)
                            {
                                // The request factory makes the next attempt's request, with the new credentials.
                                args.Context.Properties.Set(s_refreshedKey, true);
                                await options.RefreshCredentialsAsync!(decided.Error, null, args.Context.CancellationToken).ConfigureAwait(false);
                            }

                            await RetryAdvisor.DelayAsync(decided.Advice.Delay, options.TimeProvider, args.Context.CancellationToken).ConfigureAwait(false);
                        }
                        catch
                        {
                            // Polly disposes the retried response only after OnRetry returns; when a callback throws or the
                            // caller cancels the wait, the exception is what the caller gets, so the response is ours to dispose.
                            args.Outcome.Result?.Dispose();
                            throw;
                        }
                    }
                },
            });

            builder.AddStrategy(_ => new TransportFailureStrategy(catalog, options), new TransportFailureStrategyOptions());
            if (options.AttemptTimeout is TimeSpan timeout)
            {
                // Inside the retry, so it times each attempt; its rejection becomes a transport failure (a time-out).
                builder.AddTimeout(timeout);
            }

            return builder;
        }

        /// <summary>
        /// Sends a request made fresh for each attempt (a request message can be sent only once) through
        /// <paramref name="pipeline"/>, with the request kept in the context for the retry rules. The requests and their
        /// content stay the caller's, as <see cref="HttpClient"/> leaves them (they may share content between attempts):
        /// content that holds a file or a stream is disposed by the code that made it. The last request is the response's
        /// <c>RequestMessage</c>.
        /// </summary>
        /// <param name="pipeline">A pipeline with <see cref="AddApiErrorRetry"/>.</param>
        /// <param name="http">The client.</param>
        /// <param name="createRequest">Creates the request; called once per attempt.</param>
        /// <param name="cancellationToken">The caller's cancellation: never retried.</param>
        /// <returns>The response: a success, or the last error response (its body readable).</returns>
        public static async Task<HttpResponseMessage> SendAsync(
            this ResiliencePipeline<HttpResponseMessage> pipeline,
            HttpClient http,
            Func<HttpRequestMessage> createRequest,
            CancellationToken cancellationToken = default)
        {
            if (pipeline is null || http is null || createRequest is null)
            {
                throw new ArgumentNullException(pipeline is null ? nameof(pipeline) : http is null ? nameof(http) : nameof(createRequest));
            }

            ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
            try
            {
                Outcome<HttpResponseMessage> outcome = await pipeline.ExecuteOutcomeAsync(
                    static async (ctx, state) =>
                    {
                        // Each attempt's request and its content stay the caller's, as HttpClient leaves them: content may be
                        // shared between attempts (a part of a multipart body, a stream), so disposing it here would break the
                        // next attempt.
                        HttpRequestMessage request = state.createRequest();
                        ctx.Properties.Set(RequestKey, request);
                        try
                        {
                            return Outcome.FromResult(await state.http.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false));
                        }
                        catch (Exception ex)
                        {
                            return Outcome.FromException<HttpResponseMessage>(ex);
                        }
                    },
                    context,
                    (http, createRequest)).ConfigureAwait(false);
                outcome.ThrowIfException();
                return outcome.Result!;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private static async ValueTask<bool> ShouldHandleAsync(IErrorCatalog catalog, ApiErrorRetryOptions options, RetryPredicateArguments<HttpResponseMessage> args)
        {
            ApiErrorException? error;
            HttpRequestMessage? request = args.Context.Properties.TryGetValue(RequestKey, out HttpRequestMessage? kept) ? kept : null;
            if (args.Outcome.Exception is Exception exception)
            {
                error = exception as ApiErrorException;
                if (error is null)
                {
                    return false;
                }
            }
            else if (args.Outcome.Result is HttpResponseMessage response && (int)response.StatusCode >= 400)
            {
                request ??= response.RequestMessage;
                try
                {
                    error = await catalog.FromResponseAsync(response, options.TimeProvider, args.Context.CancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    // The caller cancelled while the error body was read: the response is never handed out.
                    response.Dispose();
                    throw;
                }
            }
            else
            {
                return false;
            }

            bool refreshed = args.Context.Properties.TryGetValue(s_refreshedKey, out bool done) && done;
            RetryAdvice advice = RetryAdvisor.DecideAfterRefresh(error, request, args.AttemptNumber, options, refreshed);
            args.Context.Properties.Set(s_decisionKey, new ApiErrorRetryEvent(error, args.AttemptNumber, advice));
            return advice.ShouldRetry;
        }
    }
}

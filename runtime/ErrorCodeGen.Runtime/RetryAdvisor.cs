using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen.Http;

namespace ErrorCodeGen
{
    /// <summary>
    /// The one decision about retrying a failed request: <see cref="ApiErrorRetryHandler"/> and the Polly strategy both call
    /// <see cref="Decide"/>, so they can never disagree. The rules (docs/retries.md):
    /// <list type="number">
    /// <item><description>Only what the catalog classifies as retryable, honouring its strategy (<c>once</c> is one retry).</description></item>
    /// <item><description>At most <see cref="ApiErrorRetryOptions.MaxRetries"/> retries.</description></item>
    /// <item><description>Request safety: GET, HEAD, OPTIONS, PUT, DELETE and TRACE may be repeated; POST and PATCH only with an
    /// idempotency key, or when the server did not act on the request (a status or code the catalog marks <c>refused</c>, or a
    /// connection that failed before the request was sent).</description></item>
    /// <item><description>Never earlier than the server asked; a longer wait than <see cref="ApiErrorRetryOptions.MaxDelay"/> is no retry.</description></item>
    /// </list>
    /// </summary>
    public static class RetryAdvisor
    {
        [ThreadStatic]
        private static Random? t_random;

        /// <summary>Decides whether to retry after <paramref name="error"/>.</summary>
        /// <param name="error">The classified failure of the attempt.</param>
        /// <param name="request">The request (for its method and headers), or null to use what the response recorded of it.</param>
        /// <param name="attempt">The retry this would be: 0 for the first.</param>
        /// <param name="options">The limits, or null for the defaults.</param>
        /// <returns>Whether to retry, after how long, and why.</returns>
        public static RetryAdvice Decide(ApiErrorException error, HttpRequestMessage? request, int attempt, ApiErrorRetryOptions? options = null)
            => DecideAttempt(error, request, attempt, options, bodyReplayable: true);

        /// <summary>
        /// As <see cref="Decide(ApiErrorException, HttpRequestMessage?, int, ApiErrorRetryOptions?)"/>, saying whether the
        /// credentials were already refreshed for this request (then an expired-credentials error is not retried again).
        /// </summary>
        /// <param name="error">The classified failure of the attempt.</param>
        /// <param name="request">The request, or null.</param>
        /// <param name="attempt">The retry this would be: 0 for the first.</param>
        /// <param name="options">The limits, or null for the defaults.</param>
        /// <param name="credentialsRefreshed">Whether the credentials were refreshed before this attempt already.</param>
        /// <returns>Whether to retry, after how long, and why.</returns>
        public static RetryAdvice DecideAfterRefresh(ApiErrorException error, HttpRequestMessage? request, int attempt, ApiErrorRetryOptions? options, bool credentialsRefreshed)
            => DecideAttempt(error, request, attempt, options, bodyReplayable: true, credentialsRefreshed);

        /// <summary>As <see cref="Decide(ApiErrorException, HttpRequestMessage?, int, ApiErrorRetryOptions?)"/>, knowing whether the request's body can be sent again.</summary>
        internal static RetryAdvice DecideAttempt(ApiErrorException error, HttpRequestMessage? request, int attempt, ApiErrorRetryOptions? options, bool bodyReplayable, bool credentialsRefreshed = false)
        {
            if (error is null)
            {
                throw new ArgumentNullException(nameof(error));
            }

            options ??= ApiErrorRetryOptions.Default;
            RetryAdvice advice = error.RequiresCredentialRefresh
                ? DecideRefresh(error, attempt, options, bodyReplayable, credentialsRefreshed)
                : DecideCore(error, request, attempt, options, bodyReplayable);
            ApiErrorRetryTelemetry.Decided(error.Provider, error, attempt, advice);
            return advice;
        }

        /// <summary>
        /// Whether <paramref name="exception"/> is what the transport throws for a request that got no response (connection
        /// refused or reset, DNS, TLS, a time-out), which the retry rules handle; anything else (a bad URI, a disposed
        /// client) is a bug and is not retried.
        /// </summary>
        /// <param name="exception">What sending threw.</param>
        /// <returns>True for a transport failure.</returns>
        public static bool IsTransportFailure(Exception exception)
            => exception is HttpRequestException || exception is System.IO.IOException || exception is System.Net.Sockets.SocketException
            || exception is TimeoutException || exception is OperationCanceledException || exception is System.Security.Authentication.AuthenticationException;

        /// <summary>
        /// The catalog's exception for a request that got no response (<see cref="IErrorCatalog.FromTransportFailure"/>),
        /// with <paramref name="options"/>' <see cref="ApiErrorRetryOptions.IdempotencyKeyHeader"/> deciding whether a request
        /// that may have been sent is safe to repeat (the catalog alone knows only the default <c>Idempotency-Key</c>). The
        /// retry handler and the Polly strategy make their transport failures with this.
        /// </summary>
        /// <param name="catalog">The provider's catalog.</param>
        /// <param name="exception">What the transport threw.</param>
        /// <param name="request">The request, when known.</param>
        /// <param name="options">The retry options, or null for the defaults.</param>
        /// <returns>The exception to throw or to decide on.</returns>
        public static ApiErrorException FromTransportFailure(IErrorCatalog catalog, Exception exception, HttpRequestMessage? request, ApiErrorRetryOptions? options)
        {
            if (catalog is null)
            {
                throw new ArgumentNullException(nameof(catalog));
            }

            ApiErrorException failure = catalog.FromTransportFailure(exception, request);
            string? header = (options ?? ApiErrorRetryOptions.Default).IdempotencyKeyHeader;
            if (request is null || string.Equals(header, RequestFacts.DefaultIdempotencyKeyHeader, StringComparison.OrdinalIgnoreCase))
            {
                return failure;
            }

            // Another header (or none) makes the request safe to repeat: classified again on that.
            bool repeatable = RequestFacts.IsRepeatable(request, header);
            if (repeatable == failure.Response.RequestRepeatable)
            {
                return failure;
            }

            failure.Response.RequestRepeatable = repeatable;
            return catalog.FromErrorResponse(failure.Response);
        }

        /// <summary>
        /// <paramref name="delay"/> rounded up to whole milliseconds, the resolution of timers: a timer given 1.9994 s
        /// would wait 1.999 s, earlier than the server asked. The retry handler and the Polly strategy sleep this.
        /// </summary>
        /// <param name="delay">The wait decided.</param>
        /// <returns>The wait to give a timer.</returns>
        public static TimeSpan RoundUpToMilliseconds(TimeSpan delay)
        {
            long ticks = delay.Ticks;
            long remainder = ticks % TimeSpan.TicksPerMillisecond;
            return remainder == 0 || ticks <= 0 ? delay : TimeSpan.FromTicks(ticks - remainder + TimeSpan.TicksPerMillisecond);
        }

        /// <summary>The longest wait one timer takes (<see cref="Task.Delay(TimeSpan)"/>'s limit, about 49.7 days).</summary>
        private static readonly TimeSpan s_longestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

        /// <summary>
        /// Sleeps <paramref name="delay"/> on <paramref name="timeProvider"/>'s clock, and never less: the wait is given to the
        /// timer rounded up to whole milliseconds (timers truncate), and a timer that fires early (a coarse clock) is followed
        /// by the rest of the wait, so no retry comes earlier than the server asked. The retry handler and the Polly strategy
        /// both wait through this.
        /// </summary>
        /// <param name="delay">The wait decided.</param>
        /// <param name="timeProvider">The clock.</param>
        /// <param name="cancellationToken">The caller's cancellation: thrown at once.</param>
        /// <returns>A task that completes when the wait has passed.</returns>
        public static async Task DelayAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
        {
            if (timeProvider is null)
            {
                throw new ArgumentNullException(nameof(timeProvider));
            }

            cancellationToken.ThrowIfCancellationRequested();
            long start = timeProvider.GetTimestamp();
            TimeSpan left = delay;
            int early = 0;
            while (left > TimeSpan.Zero)
            {
                // A timer takes at most about 49.7 days: a longer wait (a MaxDelay of a year) is slept in such pieces.
                TimeSpan piece = RoundUpToMilliseconds(left);
                if (piece > s_longestTimer)
                {
                    piece = s_longestTimer;
                }

                TimeSpan before = timeProvider.GetElapsedTime(start);
#if NET8_0_OR_GREATER
                await Task.Delay(piece, timeProvider, cancellationToken).ConfigureAwait(false);
#else
                await timeProvider.Delay(piece, cancellationToken).ConfigureAwait(false);
#endif
                TimeSpan after = timeProvider.GetElapsedTime(start);
                left = delay - after;
                if (left > TimeSpan.Zero && after - before < piece)
                {
                    // The timer fired early (a coarse clock, or a timer that fires before its time): wait the rest, plus a
                    // tick. Only a clock that did not move at all counts toward giving up (three times), so the wait is
                    // never shorter than asked on a clock that moves, and a clock that does not cannot hold it forever.
                    if (after == before && ++early == 3)
                    {
                        break;
                    }

                    left += TimeSpan.FromMilliseconds(1);
                }
            }
        }

        /// <summary>
        /// An error whose fix is new credentials: never a blind retry. With a refresh configured, not yet used for this
        /// request, retries left and a body that can be sent again: refresh, then retry at once (the same request with the
        /// new credentials was never acted on, so it is safe to repeat whatever its method).
        /// </summary>
        private static RetryAdvice DecideRefresh(ApiErrorException error, int attempt, ApiErrorRetryOptions options, bool bodyReplayable, bool credentialsRefreshed)
        {
            if (options.RefreshCredentialsAsync is null)
            {
                return new RetryAdvice(RetryVerdict.CredentialsExpired, TimeSpan.Zero, "the credentials must be refreshed before calling again, and no refresh is configured (ApiErrorRetryOptions.RefreshCredentialsAsync)");
            }

            if (credentialsRefreshed)
            {
                return new RetryAdvice(RetryVerdict.CredentialsExpired, TimeSpan.Zero, "the credentials were refreshed once for this request and were still refused");
            }

            if (attempt >= options.MaxRetries)
            {
                return new RetryAdvice(RetryVerdict.RetriesExhausted, TimeSpan.Zero, "gave up after " + Retries(options.MaxRetries));
            }

            return bodyReplayable
                ? new RetryAdvice(RetryVerdict.RefreshCredentials, TimeSpan.Zero, "the credentials expired (" + TextExcerpt.SingleLine(error.Descriptor?.Name ?? error.RawCode ?? (error.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no status"), 80) + "): refresh them, then retry")
                : new RetryAdvice(RetryVerdict.BodyNotReplayable, TimeSpan.Zero, "the request body cannot be sent again");
        }

        private static RetryAdvice DecideCore(ApiErrorException error, HttpRequestMessage? request, int attempt, ApiErrorRetryOptions options, bool bodyReplayable)
        {
            if (!error.IsRetryable)
            {
                return new RetryAdvice(RetryVerdict.NotRetryable, TimeSpan.Zero, NotRetryableReason(error));
            }

            int maxRetries = MaxRetries(error, options);
            if (attempt >= maxRetries)
            {
                return new RetryAdvice(RetryVerdict.RetriesExhausted, TimeSpan.Zero, "gave up after " + Retries(maxRetries));
            }

            string? unsafeReason = UnsafeToRepeat(error, request, options);
            if (unsafeReason != null)
            {
                return new RetryAdvice(RetryVerdict.UnsafeToRepeat, TimeSpan.Zero, unsafeReason);
            }

            TimeSpan? delay = error.ComputeRetryDelay(attempt, options.MaxDelay, options.UseJitter ? s_fullJitter : null, options.BackoffBase, options.BackoffCap, out RetryVerdict verdict, out string reason);
            if (delay is null)
            {
                return new RetryAdvice(verdict, TimeSpan.Zero, reason);
            }

            return bodyReplayable
                ? new RetryAdvice(RetryVerdict.Retry, delay.Value, reason)
                : new RetryAdvice(RetryVerdict.BodyNotReplayable, TimeSpan.Zero, "the request body cannot be sent again");
        }

        /// <summary>
        /// The most retries for <paramref name="error"/>: the caller's <see cref="ApiErrorRetryOptions.MaxRetries"/> when set,
        /// else the catalog's attempts less the first (<see cref="ApiErrorException.RetryParameters"/>), else 3.
        /// </summary>
        /// <param name="error">The classified failure.</param>
        /// <param name="options">The caller's options, or null for the defaults.</param>
        /// <returns>The most retries after the first attempt.</returns>
        public static int MaxRetries(ApiErrorException error, ApiErrorRetryOptions? options)
        {
            if (error is null)
            {
                throw new ArgumentNullException(nameof(error));
            }

            if (options != null && options.MaxRetriesIsSet)
            {
                return options.MaxRetries;
            }

            return error.RetryParameters?.MaxAttempts is int attempts ? attempts - 1 : ApiErrorRetryOptions.DefaultMaxRetries;
        }

        /// <summary>Full jitter, not below the base: a uniformly random wait between the base and the backoff.</summary>
        private static readonly Func<TimeSpan, TimeSpan, TimeSpan> s_fullJitter = (floor, backoff) =>
        {
            if (backoff <= floor)
            {
                return backoff;
            }

            Random random = t_random ??= new Random(Environment.TickCount ^ Thread.CurrentThread.ManagedThreadId);
            return TimeSpan.FromTicks(floor.Ticks + (long)(random.NextDouble() * (backoff.Ticks - floor.Ticks)));
        };

        /// <summary>Why repeating the request could do it twice, or null when it is safe.</summary>
        private static string? UnsafeToRepeat(ApiErrorException error, HttpRequestMessage? request, ApiErrorRetryOptions options)
        {
            ErrorResponse response = error.Response;
            if (response.BodyKind == ErrorBodyKind.NoResponse && !response.RequestSent)
            {
                return null;
            }

            if (error.IsRefused)
            {
                return null;
            }

            string? method = request?.Method.Method ?? response.RequestMethod;
            if (method is null)
            {
                return "the request is not known, so it is not repeated: the server may have acted on it";
            }

            // Without the request, what the response recorded of it: its idempotency key under the default header name (the
            // only one the reader knows of), which counts when the options use that name.
            if (request != null
                ? RequestFacts.IsIdempotent(request.Method) || RequestFacts.HasIdempotencyKey(request, options.IdempotencyKeyHeader)
                : RequestFacts.IsIdempotent(new HttpMethod(method))
                    || (response.RequestRepeatable && string.Equals(options.IdempotencyKeyHeader, RequestFacts.DefaultIdempotencyKeyHeader, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            string key = string.IsNullOrEmpty(options.IdempotencyKeyHeader) ? "an idempotency key" : "an " + options.IdempotencyKeyHeader + " header";
            string what = response.BodyKind == ErrorBodyKind.NoResponse
                ? "the connection failed after the request was sent"
                : "the server answered" + (response.HttpStatus is int s ? " HTTP " + s.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty) + " without saying it did not act on it";
            return "a " + method + " without " + key + " is not repeated: " + what + ", and repeating it could do it twice";
        }

        private static string NotRetryableReason(ApiErrorException error)
        {
            string? code = error.Descriptor?.Name ?? error.RawCode;
            return code is null
                ? "the error is not retryable"
                : "the error (" + TextExcerpt.SingleLine(code, 80) + ") is not retryable";
        }

        private static string Retries(int n) => n == 1 ? "1 retry" : n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " retries";
    }
}

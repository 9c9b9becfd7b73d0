using System;

namespace ErrorCodeGen.Http
{
    /// <summary>How <see cref="ApiErrorRetryHandler"/> and the Polly strategy retry (both decide through <see cref="RetryAdvisor"/>).</summary>
    public sealed class ApiErrorRetryOptions
    {
        /// <summary>The retries when neither the caller nor the catalog says: 3.</summary>
        internal const int DefaultMaxRetries = 3;

        private int? _maxRetries;
        private TimeSpan _maxDelay = TimeSpan.FromSeconds(60);
        private TimeProvider _timeProvider = TimeProvider.System;
        private TimeSpan? _backoffBase;
        private TimeSpan? _backoffCap;

        /// <summary>
        /// The most retries after the first attempt. When set, it wins over the catalog's <c>backoff.attempts</c>; when not
        /// set, the catalog's attempts less one, else 3. The catalog's <c>once</c> allows one at most, within this limit (with 0, none).
        /// </summary>
        public int MaxRetries
        {
            get => _maxRetries ?? DefaultMaxRetries;
            set => _maxRetries = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRetries must be 0 or more.");
        }

        /// <summary>Whether <see cref="MaxRetries"/> was set by the caller: then it wins over the catalog's <c>backoff.attempts</c>.</summary>
        public bool MaxRetriesIsSet => _maxRetries.HasValue;

        /// <summary>
        /// The backoff's first wait, or null (the default) for the catalog's <c>backoff.base</c>, else 1 s. A value set here
        /// wins over the catalog.
        /// </summary>
        public TimeSpan? BackoffBase
        {
            get => _backoffBase;
            set => _backoffBase = value is null || value.Value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "BackoffBase must not be negative.");
        }

        /// <summary>
        /// The backoff's longest wait, or null (the default) for the catalog's <c>backoff.cap</c>, else 60 s. A value set here
        /// wins over the catalog.
        /// </summary>
        public TimeSpan? BackoffCap
        {
            get => _backoffCap;
            set => _backoffCap = value is null || value.Value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "BackoffCap must not be negative.");
        }

        /// <summary>
        /// The longest wait the handler will sleep (default 60 s). When the server asks for longer, the handler does not
        /// retry: it returns the response (or throws the transport failure) at once, never retrying earlier instead.
        /// </summary>
        public TimeSpan MaxDelay
        {
            get => _maxDelay;
            set => _maxDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxDelay must not be negative.");
        }

        /// <summary>
        /// The request header whose presence makes a POST or PATCH safe to repeat (default <c>Idempotency-Key</c>); null or
        /// empty when the API has none.
        /// </summary>
        public string? IdempotencyKeyHeader { get; set; } = RequestFacts.DefaultIdempotencyKeyHeader;

        /// <summary>The clock the waits are measured with (<see cref="TimeProvider.System"/>); a fake one lets tests skip the waits.</summary>
        public TimeProvider TimeProvider
        {
            get => _timeProvider;
            set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>
        /// The longest one attempt may take before it counts as a transport failure (a time-out), or null (the default) for
        /// none. <c>HttpClient.Timeout</c> covers every attempt and every wait together; this one covers each attempt.
        /// </summary>
        public TimeSpan? AttemptTimeout { get; set; }

        /// <summary>
        /// Whether backoff waits get jitter (default true), so that many clients do not retry in step: the catalog's
        /// (<c>backoff.jitter</c>, up to that fraction more) when it states one, else full jitter between the base and the
        /// backoff. False turns off both.
        /// </summary>
        public bool UseJitter { get; set; } = true;

        /// <summary>
        /// Request bodies of other types than the ones that can always be sent again (strings, byte arrays, forms) are
        /// buffered up to this size (default 1 MiB) so that they can be retried; a larger body is sent once.
        /// </summary>
        public long MaxBufferedRequestBytes { get; set; } = 1024 * 1024;

        /// <summary>
        /// Refreshes the credentials after an error the catalog marks <c>refresh_credentials</c> (an expired access token),
        /// before the one retry that follows (<see cref="RetryVerdict.RefreshCredentials"/>): given the error, the request
        /// about to be sent again (set its new <c>Authorization</c> header here; null with the Polly strategy, whose request
        /// factory makes a fresh one) and the caller's cancellation. Null (the default): such errors are not retried
        /// (<see cref="RetryVerdict.CredentialsExpired"/>). An exception it throws is the caller's to see.
        /// </summary>
        public Func<ApiErrorException, System.Net.Http.HttpRequestMessage?, System.Threading.CancellationToken, System.Threading.Tasks.Task>? RefreshCredentialsAsync { get; set; }

        /// <summary>
        /// Called before each wait, with what failed, the wait and why. The event's <c>Advice</c> and the error's <c>Message</c>
        /// carry no header, query string or credential (secrets in server text are masked); the error itself is the whole
        /// exception, with the request path in its message and <c>Response.RequestPath</c>, and the server's raw text in
        /// <c>ServerMessage</c> and <c>Errors</c>, so log the message or the advice rather than those. An exception it throws
        /// is the caller's to see (the response is disposed).
        /// </summary>
        public Action<ApiErrorRetryEvent>? OnRetry { get; set; }

        internal static readonly ApiErrorRetryOptions Default = new ApiErrorRetryOptions();
    }

    /// <summary>One retry, as told to <see cref="ApiErrorRetryOptions.OnRetry"/>.</summary>
    public sealed class ApiErrorRetryEvent
    {
        /// <summary>Creates the event (the retry handler and the Polly strategy do).</summary>
        /// <param name="error">What failed.</param>
        /// <param name="attempt">The retry about to happen: 0 for the first.</param>
        /// <param name="advice">The wait and its reason.</param>
        public ApiErrorRetryEvent(ApiErrorException error, int attempt, RetryAdvice advice)
        {
            Error = error ?? throw new ArgumentNullException(nameof(error));
            Attempt = attempt;
            Advice = advice;
        }

        /// <summary>What failed: the classified error response or transport failure.</summary>
        public ApiErrorException Error { get; }

        /// <summary>The retry about to happen: 0 for the first.</summary>
        public int Attempt { get; }

        /// <summary>The wait and its reason.</summary>
        public RetryAdvice Advice { get; }
    }
}

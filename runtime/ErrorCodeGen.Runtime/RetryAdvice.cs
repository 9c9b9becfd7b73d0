using System;

namespace ErrorCodeGen
{
    /// <summary>What <see cref="RetryAdvisor.Decide"/> decided about one failed attempt.</summary>
    public enum RetryVerdict
    {
        /// <summary>Retry after <see cref="RetryAdvice.Delay"/>.</summary>
        Retry = 0,

        /// <summary>The catalog says the error is not retryable (the request, credentials or account must change).</summary>
        NotRetryable = 1,

        /// <summary>The retries allowed (<c>MaxRetries</c>, or the catalog's <c>once</c>) are used up.</summary>
        RetriesExhausted = 2,

        /// <summary>The request may have been acted on and repeating it could do it twice (a POST or PATCH without an idempotency key).</summary>
        UnsafeToRepeat = 3,

        /// <summary>The wait the server asked for is longer than the longest wait allowed (<c>MaxDelay</c>).</summary>
        WaitTooLong = 4,

        /// <summary>The request's body cannot be sent again.</summary>
        BodyNotReplayable = 5,

        /// <summary>
        /// The credentials expired (the catalog's <c>refresh_credentials</c>): refresh them with
        /// <c>ApiErrorRetryOptions.RefreshCredentialsAsync</c>, then retry after <see cref="RetryAdvice.Delay"/>. The retry
        /// handler and the Polly strategy call it before the retry, once per request.
        /// </summary>
        RefreshCredentials = 6,

        /// <summary>
        /// The credentials expired and must be refreshed before calling again, but no refresh is configured
        /// (<c>ApiErrorRetryOptions.RefreshCredentialsAsync</c>) or it was already done once for this request: not retried,
        /// since the same credentials would fail again.
        /// </summary>
        CredentialsExpired = 7,
    }

    /// <summary>Whether to retry a failed attempt, after how long, and why, in words.</summary>
    public readonly struct RetryAdvice
    {
        internal RetryAdvice(RetryVerdict verdict, TimeSpan delay, string reason)
        {
            Verdict = verdict;
            Delay = delay;
            Reason = reason;
        }

        /// <summary>What was decided.</summary>
        public RetryVerdict Verdict { get; }

        /// <summary>Whether to retry.</summary>
        public bool ShouldRetry => Verdict == RetryVerdict.Retry || Verdict == RetryVerdict.RefreshCredentials;

        /// <summary>Whether the credentials are to be refreshed before the retry (<see cref="RetryVerdict.RefreshCredentials"/>).</summary>
        public bool RefreshesCredentials => Verdict == RetryVerdict.RefreshCredentials;

        /// <summary>How long to wait before the retry (zero when not retrying).</summary>
        public TimeSpan Delay { get; }

        /// <summary>Why, in words (no header, query string or credential is ever part of it).</summary>
        public string Reason { get; }

        /// <summary>A short lower-case name of <see cref="Verdict"/> for metrics (<c>retry</c>, <c>not_retryable</c>, …).</summary>
        public string VerdictName => Verdict switch
        {
            RetryVerdict.Retry => "retry",
            RetryVerdict.NotRetryable => "not_retryable",
            RetryVerdict.RetriesExhausted => "retries_exhausted",
            RetryVerdict.UnsafeToRepeat => "unsafe_to_repeat",
            RetryVerdict.WaitTooLong => "wait_too_long",
            RetryVerdict.RefreshCredentials => "refresh_credentials",
            RetryVerdict.CredentialsExpired => "credentials_expired",
            _ => "body_not_replayable",
        };

        /// <inheritdoc/>
        public override string ToString()
            => RefreshesCredentials ? "refresh credentials, then retry after " + Delay + ": " + Reason
            : ShouldRetry ? "retry after " + Delay + ": " + Reason : "do not retry: " + Reason;
    }
}

using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>What the catalog says about an HTTP status, for responses whose body has no known code.</summary>
    public sealed class StatusRule : CatalogEntry
    {
        /// <summary>Creates a status rule with the facts a test or a hand-written rule needs; see <see cref="CatalogFactory"/> for all of them.</summary>
        /// <param name="provider">The provider's C# name.</param>
        /// <param name="httpStatus">The HTTP status.</param>
        /// <param name="isRetryable">Whether repeating the same request may succeed (retried with backoff).</param>
        /// <param name="summary">What the status means, in plain text.</param>
        public StatusRule(string provider, int httpStatus, bool isRetryable, string summary)
            : this(provider, httpStatus, null, isRetryable, isRetryable ? RetryStrategy.Backoff : RetryStrategy.None, null, summary, null, null, null)
        {
        }

        internal StatusRule(
            string provider,
            int httpStatus,
            string? title,
            bool isRetryable,
            RetryStrategy retryStrategy,
            TimeSpan? suggestedRetryDelay,
            string? summary,
            string? remediation,
            IReadOnlyList<string>? inferredFields,
            string? inferenceNote,
            bool isRefused = false)
            : base(provider, isRetryable, retryStrategy, suggestedRetryDelay, summary, remediation, inferredFields, inferenceNote, isRefused)
        {
            HttpStatus = httpStatus;
            Title = title;
        }

        /// <summary>The HTTP status.</summary>
        public int HttpStatus { get; }

        /// <summary>The short reason phrase, such as <c>Too Many Requests</c>.</summary>
        public string? Title { get; }

        /// <inheritdoc/>
        public override string ToString() => Provider + " HTTP " + HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

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
            LastHttpStatus = httpStatus;
            Title = title;
        }

        /// <summary>The HTTP status; for a range (<see cref="IsRange"/>), its first status.</summary>
        public int HttpStatus { get; }

        /// <summary>The last HTTP status the rule covers: <see cref="HttpStatus"/> for one status, 599 for <c>5xx</c>.</summary>
        public int LastHttpStatus { get; private set; }

        /// <summary>Whether the rule covers a range of statuses (<c>5xx</c>, <c>500-599</c>) rather than one.</summary>
        public bool IsRange => LastHttpStatus != HttpStatus;

        /// <summary>Whether the rule covers <paramref name="httpStatus"/>.</summary>
        /// <param name="httpStatus">An HTTP status.</param>
        /// <returns>True when the status is in the rule's range.</returns>
        public bool Covers(int httpStatus) => httpStatus >= HttpStatus && httpStatus <= LastHttpStatus;

        /// <summary>The statuses as a catalog writes them: <c>429</c>, <c>5xx</c> or <c>500-549</c>.</summary>
        public string StatusText
        {
            get
            {
                string first = HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!IsRange)
                {
                    return first;
                }

                return HttpStatus % 100 == 0 && LastHttpStatus == HttpStatus + 99
                    ? first.Substring(0, 1) + "xx"
                    : first + "-" + LastHttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        internal StatusRule WithLastStatus(int lastHttpStatus)
        {
            LastHttpStatus = lastHttpStatus;
            return this;
        }

        /// <summary>The short reason phrase, such as <c>Too Many Requests</c>.</summary>
        public string? Title { get; }

        /// <inheritdoc/>
        public override string ToString() => Provider + " HTTP " + StatusText;
    }
}

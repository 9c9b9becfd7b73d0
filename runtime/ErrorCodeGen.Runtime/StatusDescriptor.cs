using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>What the catalog says about an HTTP status, for responses whose body has no known code.</summary>
    public sealed class StatusDescriptor
    {
        private static readonly string[] s_none = new string[0];

        /// <summary>Creates a status rule. Generated code calls this; SDK code rarely needs to.</summary>
        public StatusDescriptor(
            string provider,
            int httpStatus,
            string? title,
            bool isRetryable,
            RetryStrategy retryStrategy,
            TimeSpan? suggestedRetryDelay,
            string summary,
            string remediation,
            IReadOnlyList<string>? inferredFields = null,
            string? inferenceNote = null)
        {
            Provider = provider ?? throw new ArgumentNullException(nameof(provider));
            HttpStatus = httpStatus;
            Title = title;
            IsRetryable = isRetryable;
            RetryStrategy = retryStrategy;
            SuggestedRetryDelay = suggestedRetryDelay;
            Summary = summary ?? string.Empty;
            Remediation = remediation ?? string.Empty;
            InferredFields = inferredFields ?? s_none;
            InferenceNote = inferenceNote;
        }

        /// <summary>The provider's C# name.</summary>
        public string Provider { get; }

        /// <summary>The HTTP status.</summary>
        public int HttpStatus { get; }

        /// <summary>The short reason phrase, such as <c>Too Many Requests</c>.</summary>
        public string? Title { get; }

        /// <summary>Whether repeating the same request may succeed.</summary>
        public bool IsRetryable { get; }

        /// <summary>How to retry, when <see cref="IsRetryable"/> is true.</summary>
        public RetryStrategy RetryStrategy { get; }

        /// <summary>The wait the vendor suggests before retrying, when it suggests one.</summary>
        public TimeSpan? SuggestedRetryDelay { get; }

        /// <summary>What the status means, in plain text.</summary>
        public string Summary { get; }

        /// <summary>What to do about it, as plain text.</summary>
        public string Remediation { get; }

        /// <summary>The catalog fields that were inferred rather than stated by the vendor.</summary>
        public IReadOnlyList<string> InferredFields { get; }

        /// <summary>Why and how the inferred fields were inferred.</summary>
        public string? InferenceNote { get; }

        /// <inheritdoc/>
        public override string ToString() => Provider + " HTTP " + HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

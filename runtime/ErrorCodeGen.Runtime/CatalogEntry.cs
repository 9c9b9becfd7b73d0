using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>
    /// What a catalog entry says about retrying and remedying an error: the part an <see cref="ErrorDescriptor"/> (an
    /// error code) and a <see cref="StatusRule"/> (an HTTP status) have in common.
    /// </summary>
    public abstract class CatalogEntry
    {
        private static readonly string[] s_none = new string[0];

        private protected CatalogEntry(
            string provider,
            bool isRetryable,
            RetryStrategy retryStrategy,
            TimeSpan? suggestedRetryDelay,
            string? summary,
            string? remediation,
            IReadOnlyList<string>? inferredFields,
            string? inferenceNote,
            bool isRefused = false)
        {
            Provider = provider ?? throw new ArgumentNullException(nameof(provider));
            IsRetryable = isRetryable;
            RetryStrategy = retryStrategy;
            SuggestedRetryDelay = suggestedRetryDelay;
            Summary = summary ?? string.Empty;
            Remediation = remediation ?? string.Empty;
            InferredFields = inferredFields ?? s_none;
            InferenceNote = inferenceNote;
            IsRefused = isRefused;
        }

        /// <summary>The provider's C# name, such as <c>RunComfyTrainer</c>.</summary>
        public string Provider { get; }

        /// <summary>Whether repeating the same request may succeed.</summary>
        public bool IsRetryable { get; }

        /// <summary>How to retry, when <see cref="IsRetryable"/> is true.</summary>
        public RetryStrategy RetryStrategy { get; }

        /// <summary>
        /// Whether the error means the server refused the request without acting on it (a rate limit, a full queue, a
        /// concurrency limit), so that even a POST may be repeated (the catalog's <c>refused: true</c>).
        /// </summary>
        public bool IsRefused { get; }

        /// <summary>
        /// Whether the documented fix is to refresh the credentials (an expired access token) and call again: not a blind
        /// retry, but "refresh credentials, then retry" (the catalog's <c>refresh_credentials: true</c>; see
        /// <see cref="RetryVerdict.RefreshCredentials"/>).
        /// </summary>
        public bool RefreshCredentials { get; internal set; }

        /// <summary>The wait the vendor suggests before retrying, when it suggests one.</summary>
        public TimeSpan? SuggestedRetryDelay { get; }

        /// <summary>What the error means, in one or two sentences of plain text.</summary>
        public string Summary { get; }

        /// <summary>What to do about it, as plain text rendered from the catalog's Markdown.</summary>
        public string Remediation { get; }

        /// <summary>The catalog fields (such as <c>retryable</c> or <c>http</c>) that were inferred rather than stated by the vendor.</summary>
        public IReadOnlyList<string> InferredFields { get; }

        /// <summary>Why and how the inferred fields were inferred.</summary>
        public string? InferenceNote { get; }

        /// <summary>
        /// The backoff the catalog states for this entry (its <c>backoff:</c>), each value not stated falling back to the
        /// provider's (<see cref="ProviderRules.RetryParameters"/>); null when neither states one.
        /// </summary>
        public RetryParameters? RetryParameters { get; internal set; }

        /// <summary>
        /// This entry's <see cref="RetryParameters"/> completed from the provider's, made once per entry rather than once per
        /// exception (the error path allocates nothing for it). Both inputs are fixed catalog data, so racing first calls
        /// make equal values and either may be kept.
        /// </summary>
        internal RetryParameters? RetryParametersWith(RetryParameters? provider)
        {
            MergedParameters? cached = _merged;
            if (cached is null || !ReferenceEquals(cached.Provider, provider))
            {
                cached = new MergedParameters(provider, ErrorCodeGen.RetryParameters.Merge(RetryParameters, provider));
                _merged = cached;
            }

            return cached.Result;
        }

        private MergedParameters? _merged;

        private sealed class MergedParameters
        {
            public MergedParameters(RetryParameters? provider, RetryParameters? result)
            {
                Provider = provider;
                Result = result;
            }

            public RetryParameters? Provider { get; }

            public RetryParameters? Result { get; }
        }

        /// <summary>Whether the catalog field <paramref name="field"/> was inferred rather than stated by the vendor.</summary>
        /// <param name="field">A catalog field name, such as <c>retryable</c> (compared ignoring case).</param>
        /// <returns>True when the field is listed in <see cref="InferredFields"/>.</returns>
        public bool IsInferred(string field)
        {
            for (int i = 0; i < InferredFields.Count; i++)
            {
                if (string.Equals(InferredFields[i], field, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>Everything the catalog says about one error code.</summary>
    public sealed class ErrorDescriptor
    {
        private static readonly string[] s_none = new string[0];

        /// <summary>Creates a descriptor. Generated code calls this; SDK code rarely needs to.</summary>
        public ErrorDescriptor(
            string provider,
            string code,
            string name,
            int? httpStatus,
            bool isRetryable,
            RetryStrategy retryStrategy,
            TimeSpan? suggestedRetryDelay,
            string? category,
            string summary,
            string remediation,
            string? documentationUrl,
            IReadOnlyList<string>? phases = null,
            IReadOnlyList<string>? endpoints = null,
            string? exampleMessage = null,
            IReadOnlyList<string>? inferredFields = null,
            string? inferenceNote = null)
        {
            Provider = provider ?? throw new ArgumentNullException(nameof(provider));
            Code = code ?? throw new ArgumentNullException(nameof(code));
            Name = name ?? code;
            HttpStatus = httpStatus;
            IsRetryable = isRetryable;
            RetryStrategy = retryStrategy;
            SuggestedRetryDelay = suggestedRetryDelay;
            Category = category;
            Summary = summary ?? string.Empty;
            Remediation = remediation ?? string.Empty;
            DocumentationUrl = documentationUrl;
            Phases = phases ?? s_none;
            Endpoints = endpoints ?? s_none;
            ExampleMessage = exampleMessage;
            InferredFields = inferredFields ?? s_none;
            InferenceNote = inferenceNote;
        }

        /// <summary>The provider's C# name, such as <c>RunComfyTrainer</c>.</summary>
        public string Provider { get; }

        /// <summary>The code exactly as it appears on the wire, such as <c>42258</c> or <c>invalid_api_key</c>.</summary>
        public string Code { get; }

        /// <summary>The vendor's own name for the code, such as <c>FLUX2_OOM_RISK</c>.</summary>
        public string Name { get; }

        /// <summary>The HTTP status the vendor sends with this code, when known.</summary>
        public int? HttpStatus { get; }

        /// <summary>Whether repeating the same request may succeed.</summary>
        public bool IsRetryable { get; }

        /// <summary>How to retry, when <see cref="IsRetryable"/> is true.</summary>
        public RetryStrategy RetryStrategy { get; }

        /// <summary>The wait the vendor suggests before retrying, when it suggests one.</summary>
        public TimeSpan? SuggestedRetryDelay { get; }

        /// <summary>The section of the vendor's page the code belongs to, such as <c>Dataset</c>.</summary>
        public string? Category { get; }

        /// <summary>What the error means, in one or two sentences of plain text.</summary>
        public string Summary { get; }

        /// <summary>What to do about it, as plain text rendered from the catalog's Markdown.</summary>
        public string Remediation { get; }

        /// <summary>Where the vendor documents the code.</summary>
        public string? DocumentationUrl { get; }

        /// <summary>The request phases the code can appear in.</summary>
        public IReadOnlyList<string> Phases { get; }

        /// <summary>The endpoints the code can come from.</summary>
        public IReadOnlyList<string> Endpoints { get; }

        /// <summary>The message the vendor documents for the code, when it prints one.</summary>
        public string? ExampleMessage { get; }

        /// <summary>The catalog fields (such as <c>retryable</c> or <c>http</c>) that were inferred rather than stated by the vendor.</summary>
        public IReadOnlyList<string> InferredFields { get; }

        /// <summary>Why and how the inferred fields were inferred.</summary>
        public string? InferenceNote { get; }

        /// <summary>Whether the catalog field <paramref name="field"/> was inferred rather than stated by the vendor.</summary>
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

        /// <inheritdoc/>
        public override string ToString() => Provider + " " + Code + " " + Name;
    }
}

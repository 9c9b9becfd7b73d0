using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>Everything the catalog says about one error code.</summary>
    public sealed class ErrorDescriptor : CatalogEntry
    {
        private static readonly string[] s_none = new string[0];

        /// <summary>Creates a descriptor with the facts a test or a hand-written entry needs; see <see cref="CatalogFactory"/> for all of them.</summary>
        /// <param name="provider">The provider's C# name.</param>
        /// <param name="code">The code exactly as it appears on the wire.</param>
        /// <param name="isRetryable">Whether repeating the same request may succeed (retried with backoff).</param>
        /// <param name="summary">What the error means, in plain text.</param>
        public ErrorDescriptor(string provider, string code, bool isRetryable, string summary)
            : this(provider, code, null, null, isRetryable, isRetryable ? RetryStrategy.Backoff : RetryStrategy.None, null, null, summary, null, null, null, null, null, null, null)
        {
        }

        internal ErrorDescriptor(
            string provider,
            string code,
            string? name,
            int? httpStatus,
            bool isRetryable,
            RetryStrategy retryStrategy,
            TimeSpan? suggestedRetryDelay,
            string? category,
            string? summary,
            string? remediation,
            string? documentationUrl,
            IReadOnlyList<string>? phases,
            IReadOnlyList<string>? endpoints,
            string? exampleMessage,
            IReadOnlyList<string>? inferredFields,
            string? inferenceNote,
            bool isRefused = false)
            : base(provider, isRetryable, retryStrategy, suggestedRetryDelay, summary, remediation, inferredFields, inferenceNote, isRefused)
        {
            Code = code ?? throw new ArgumentNullException(nameof(code));
            Name = name ?? code;
            HttpStatus = httpStatus;
            Category = category;
            DocumentationUrl = documentationUrl;
            Phases = phases ?? s_none;
            Endpoints = endpoints ?? s_none;
            ExampleMessage = exampleMessage;
        }

        /// <summary>The code exactly as it appears on the wire, such as <c>42258</c> or <c>invalid_api_key</c>.</summary>
        public string Code { get; }

        /// <summary>The vendor's own name for the code, such as <c>FLUX2_OOM_RISK</c>.</summary>
        public string Name { get; }

        /// <summary>The HTTP status the vendor sends with this code, when known.</summary>
        public int? HttpStatus { get; }

        /// <summary>The section of the vendor's page the code belongs to, such as <c>Dataset</c>.</summary>
        public string? Category { get; }

        /// <summary>Where the vendor documents the code.</summary>
        public string? DocumentationUrl { get; }

        /// <summary>The request phases the code can appear in.</summary>
        public IReadOnlyList<string> Phases { get; }

        /// <summary>The endpoints the code can come from.</summary>
        public IReadOnlyList<string> Endpoints { get; }

        /// <summary>The message the vendor documents for the code, when it prints one.</summary>
        public string? ExampleMessage { get; }

        /// <inheritdoc/>
        public override string ToString() => Provider + " " + Code + " " + Name;
    }
}

using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>
    /// An open family of error codes the catalog declares by their shape (a prefix, a suffix or a part they contain), for
    /// vendors whose codes "vary between models and providers": an unknown code that matches a family is classified by
    /// it (its exception group, retry advice and remediation), while <c>Code</c> stays <c>Unknown</c> and
    /// <see cref="ApiErrorException.RawCode"/> keeps the code as sent.
    /// </summary>
    /// <remarks>
    /// A code in the catalog always wins over a family. Among families the one declared first wins (as the vendors' SDKs
    /// test their families in order); the generator warns (ECG0041) about a pattern an earlier family makes unreachable.
    /// </remarks>
    public sealed class ErrorFamily : CatalogEntry
    {
        private static readonly string[] s_none = new string[0];

        internal ErrorFamily(
            string provider,
            string name,
            IReadOnlyList<string>? prefixes,
            IReadOnlyList<string>? suffixes,
            IReadOnlyList<string>? contains,
            bool ignoreCase,
            string? errorGroup,
            bool isRetryable,
            RetryStrategy retryStrategy,
            TimeSpan? suggestedRetryDelay,
            string? summary,
            string? remediation,
            string? source,
            IReadOnlyList<string>? inferredFields,
            string? inferenceNote,
            bool isRefused)
            : base(provider, isRetryable, retryStrategy, suggestedRetryDelay, summary, remediation, inferredFields, inferenceNote, isRefused)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Prefixes = prefixes ?? s_none;
            Suffixes = suffixes ?? s_none;
            Contains = contains ?? s_none;
            IgnoreCase = ignoreCase;
            ErrorGroup = errorGroup;
            Source = source;
        }

        /// <summary>The family's name in the catalog, such as <c>Validation</c>.</summary>
        public string Name { get; }

        /// <summary>Codes starting with one of these belong to the family.</summary>
        public IReadOnlyList<string> Prefixes { get; }

        /// <summary>Codes ending with one of these belong to the family.</summary>
        public IReadOnlyList<string> Suffixes { get; }

        /// <summary>Codes containing one of these belong to the family.</summary>
        public IReadOnlyList<string> Contains { get; }

        /// <summary>Whether the patterns are compared ignoring case (ordinal, invariant); else exactly.</summary>
        public bool IgnoreCase { get; }

        /// <summary>The exception group an error of the family is raised as, or null for the provider's base exception.</summary>
        public string? ErrorGroup { get; }

        /// <summary>Where the family comes from (a vendor page, an official SDK), as the catalog says.</summary>
        public string? Source { get; }

        /// <summary>Whether <paramref name="code"/> (surrounding white space ignored) belongs to the family.</summary>
        /// <param name="code">A code as sent.</param>
        /// <returns>True when one of the patterns matches.</returns>
        public bool Matches(string? code) => code != null && MatchLength(code.Trim()) > 0;

        /// <summary>
        /// The family of <paramref name="rawCode"/> (surrounding white space ignored): the first, in declaration order,
        /// with a pattern that matches; null when none matches or there is no code.
        /// </summary>
        /// <param name="rawCode">The code as sent.</param>
        /// <param name="families">The catalog's families, in declaration order.</param>
        /// <returns>The family, or null.</returns>
        public static ErrorFamily? Find(string? rawCode, IReadOnlyList<ErrorFamily>? families)
        {
            if (rawCode is null || families is null || families.Count == 0)
            {
                return null;
            }

            string code = rawCode.Trim();
            if (code.Length == 0)
            {
                return null;
            }

            for (int i = 0; i < families.Count; i++)
            {
                ErrorFamily? family = families[i];
                if (family != null && family.MatchLength(code) > 0)
                {
                    return family;
                }
            }

            return null;
        }

        /// <summary>The length of the longest pattern that matches <paramref name="code"/>, or 0.</summary>
        internal int MatchLength(string code)
        {
            StringComparison comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            int best = 0;
            for (int i = 0; i < Prefixes.Count; i++)
            {
                string p = Prefixes[i];
                if (p.Length > best && code.StartsWith(p, comparison))
                {
                    best = p.Length;
                }
            }

            for (int i = 0; i < Suffixes.Count; i++)
            {
                string s = Suffixes[i];
                if (s.Length > best && code.EndsWith(s, comparison))
                {
                    best = s.Length;
                }
            }

            for (int i = 0; i < Contains.Count; i++)
            {
                string c = Contains[i];
                if (c.Length > best && code.IndexOf(c, comparison) >= 0)
                {
                    best = c.Length;
                }
            }

            return best;
        }

        /// <inheritdoc/>
        public override string ToString() => Provider + " family " + Name;
    }
}

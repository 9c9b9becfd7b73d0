using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>
    /// What a catalog says about its provider as a whole rather than about one code or status: its backoff, where to get
    /// help, and its rules for requests that got no response. Generated code passes it to every exception it creates
    /// (<c>PErrors.ProviderRules</c>); create one with <see cref="CatalogFactory.ProviderRules"/>.
    /// </summary>
    public sealed class ProviderRules
    {
        private static readonly TransportRule[] s_none = new TransportRule[0];

        internal ProviderRules(string provider, RetrySource retrySource, RetryParameters? retryParameters, SupportContact? support, IReadOnlyList<TransportRule>? transportRules)
        {
            Provider = provider ?? throw new ArgumentNullException(nameof(provider));
            RetrySource = retrySource;
            RetryParameters = retryParameters;
            Support = support;
            TransportRules = transportRules ?? s_none;
        }

        /// <summary>The provider's C# name.</summary>
        public string Provider { get; }

        /// <summary>Which part of a response decides whether to retry.</summary>
        public RetrySource RetrySource { get; }

        /// <summary>The provider's backoff, or null when the catalog states none (then the built-in default applies).</summary>
        public RetryParameters? RetryParameters { get; }

        /// <summary>Where to get help and what to send, or null when the catalog does not say.</summary>
        public SupportContact? Support { get; }

        /// <summary>The catalog's rules for requests that got no response.</summary>
        public IReadOnlyList<TransportRule> TransportRules { get; }

        /// <summary>The rule for a response that is a transport failure (<see cref="ErrorBodyKind.NoResponse"/>), or null.</summary>
        /// <param name="response">The response as read.</param>
        /// <returns>The rule for the failure's kind, or null when the response is not a transport failure or the catalog has none.</returns>
        public TransportRule? FindTransportRule(ErrorResponse response)
        {
            if (response is null || response.BodyKind != ErrorBodyKind.NoResponse || TransportRules.Count == 0)
            {
                return null;
            }

            TransportFailureKind kind = response.ReadException is Exception ex ? TransportRule.KindOf(ex) : TransportFailureKind.Connection;
            for (int i = 0; i < TransportRules.Count; i++)
            {
                if (TransportRules[i].Failure == kind)
                {
                    return TransportRules[i];
                }
            }

            return null;
        }
    }
}

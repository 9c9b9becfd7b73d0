using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>The kind of a request that got no response, as a catalog's <c>transport:</c> rules name it.</summary>
    public enum TransportFailureKind
    {
        /// <summary>The request timed out (<see cref="TimeoutException"/>, or a cancellation that was not the caller's).</summary>
        Timeout,

        /// <summary>The connection could not be made or broke off (refused, reset, DNS, TLS).</summary>
        Connection,
    }

    /// <summary>What the catalog says about a request that got no response: a time-out or a connection error.</summary>
    public sealed class TransportRule : CatalogEntry
    {
        internal TransportRule(
            string provider,
            TransportFailureKind failure,
            bool isRetryable,
            RetryStrategy retryStrategy,
            TimeSpan? suggestedRetryDelay,
            string? summary,
            string? remediation,
            IReadOnlyList<string>? inferredFields,
            string? inferenceNote)
            : base(provider, isRetryable, retryStrategy, suggestedRetryDelay, summary, remediation, inferredFields, inferenceNote)
        {
            Failure = failure;
        }

        /// <summary>The kind of failure the rule is about.</summary>
        public TransportFailureKind Failure { get; }

        /// <summary>The kind of a transport failure: <see cref="TransportFailureKind.Timeout"/> for a time-out, else <see cref="TransportFailureKind.Connection"/>.</summary>
        /// <param name="exception">What the transport threw.</param>
        /// <returns>The kind.</returns>
        public static TransportFailureKind KindOf(Exception exception)
            => TransportFailures.NeverSent(exception ?? throw new ArgumentNullException(nameof(exception))) || !TransportFailures.IsTimeout(exception)
                ? TransportFailureKind.Connection
                : TransportFailureKind.Timeout;

        /// <inheritdoc/>
        public override string ToString() => Provider + " transport " + (Failure == TransportFailureKind.Timeout ? "timeout" : "connection");
    }
}

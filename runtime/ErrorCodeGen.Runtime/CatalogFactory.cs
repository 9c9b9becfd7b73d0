using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace ErrorCodeGen
{
    /// <summary>
    /// Creates fully populated catalog objects for one provider: the entry point of the code ErrorCodeGen generates
    /// (which lives in the user's assembly and so cannot call the internal constructors), and a model factory for
    /// tests. The provider's name and documentation URL are given once, here, rather than to every entry.
    /// </summary>
    /// <remarks>
    /// <para>
    /// This is a binary contract with every assembly ever generated against it. Never change the signature of an
    /// existing method here (not even to add an optional parameter: that is a different method to the runtime);
    /// add an overload with the new parameter instead and let the generator call the new one. The constructors of
    /// the types stay small and public, the rich ones internal, so they can grow without breaking anyone.
    /// </para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class CatalogFactory
    {
        /// <summary>Creates the factory of one provider's catalog objects.</summary>
        /// <param name="provider">The provider's C# name, such as <c>RunComfyTrainer</c>.</param>
        /// <param name="documentationUrl">Where the vendor documents its errors: the documentation URL of every error descriptor that has none of its own.</param>
        public CatalogFactory(string provider, string? documentationUrl)
        {
            Provider = provider ?? throw new ArgumentNullException(nameof(provider));
            DocumentationUrl = documentationUrl;
        }

        /// <summary>The provider's C# name.</summary>
        public string Provider { get; }

        /// <summary>The provider's documentation URL, or null.</summary>
        public string? DocumentationUrl { get; }

        /// <summary>Creates what the provider's catalog says about an error code.</summary>
        /// <param name="code">The code exactly as it appears on the wire.</param>
        /// <param name="name">The vendor's own name for the code; the code when null.</param>
        /// <param name="httpStatus">The HTTP status the vendor sends with this code, when known.</param>
        /// <param name="isRetryable">Whether repeating the same request may succeed.</param>
        /// <param name="retryStrategy">How to retry; when null, as a catalog without <c>retry</c> says: <see cref="RetryStrategy.Backoff"/> if retryable, else <see cref="RetryStrategy.None"/>.</param>
        /// <param name="suggestedRetryDelay">The wait the vendor suggests before retrying.</param>
        /// <param name="category">The section of the vendor's page the code belongs to.</param>
        /// <param name="summary">What the error means, in plain text.</param>
        /// <param name="remediation">What to do about it, in plain text.</param>
        /// <param name="documentationUrl">Where the vendor documents the code; the provider's <see cref="DocumentationUrl"/> when null.</param>
        /// <param name="phases">The request phases the code can appear in.</param>
        /// <param name="endpoints">The endpoints the code can come from.</param>
        /// <param name="exampleMessage">The message the vendor documents for the code.</param>
        /// <param name="inferredFields">The catalog fields that were inferred rather than stated by the vendor.</param>
        /// <param name="inferenceNote">Why and how the inferred fields were inferred.</param>
        /// <param name="isRefused">Whether the error means the server refused the request without acting on it.</param>
        /// <returns>The descriptor.</returns>
        public ErrorDescriptor ErrorDescriptor(
            string code,
            string? name = null,
            int? httpStatus = null,
            bool isRetryable = false,
            RetryStrategy? retryStrategy = null,
            TimeSpan? suggestedRetryDelay = null,
            string? category = null,
            string? summary = null,
            string? remediation = null,
            string? documentationUrl = null,
            IReadOnlyList<string>? phases = null,
            IReadOnlyList<string>? endpoints = null,
            string? exampleMessage = null,
            IReadOnlyList<string>? inferredFields = null,
            string? inferenceNote = null,
            bool isRefused = false)
            => new ErrorDescriptor(
                Provider, code, name, httpStatus, isRetryable, Strategy(isRetryable, retryStrategy), suggestedRetryDelay, category, summary, remediation,
                documentationUrl ?? DocumentationUrl, phases, endpoints, exampleMessage, inferredFields, inferenceNote, isRefused);

        /// <summary>Creates what the provider's catalog says about an HTTP status.</summary>
        /// <param name="httpStatus">The HTTP status.</param>
        /// <param name="title">The short reason phrase, such as <c>Too Many Requests</c>.</param>
        /// <param name="isRetryable">Whether repeating the same request may succeed.</param>
        /// <param name="retryStrategy">How to retry; when null, as a catalog without <c>retry</c> says: <see cref="RetryStrategy.Backoff"/> if retryable, else <see cref="RetryStrategy.None"/>.</param>
        /// <param name="suggestedRetryDelay">The wait the vendor suggests before retrying.</param>
        /// <param name="summary">What the status means, in plain text.</param>
        /// <param name="remediation">What to do about it, in plain text.</param>
        /// <param name="inferredFields">The catalog fields that were inferred rather than stated by the vendor.</param>
        /// <param name="inferenceNote">Why and how the inferred fields were inferred.</param>
        /// <param name="isRefused">Whether the status means the server refused the request without acting on it.</param>
        /// <returns>The status rule.</returns>
        public StatusRule StatusRule(
            int httpStatus,
            string? title = null,
            bool isRetryable = false,
            RetryStrategy? retryStrategy = null,
            TimeSpan? suggestedRetryDelay = null,
            string? summary = null,
            string? remediation = null,
            IReadOnlyList<string>? inferredFields = null,
            string? inferenceNote = null,
            bool isRefused = false)
            => new StatusRule(Provider, httpStatus, title, isRetryable, Strategy(isRetryable, retryStrategy), suggestedRetryDelay, summary, remediation, inferredFields, inferenceNote, isRefused);

        /// <summary>Creates what the provider's catalog says about an error code with its own backoff (the code's <c>backoff:</c>).</summary>
        /// <param name="code">The code exactly as it appears on the wire.</param>
        /// <param name="retryParameters">The code's backoff; the provider's fills in what it leaves out.</param>
        /// <param name="name">The vendor's own name for the code; the code when null.</param>
        /// <param name="httpStatus">The HTTP status the vendor sends with this code, when known.</param>
        /// <param name="isRetryable">Whether repeating the same request may succeed.</param>
        /// <param name="retryStrategy">How to retry; when null, <see cref="RetryStrategy.Backoff"/> if retryable, else <see cref="RetryStrategy.None"/>.</param>
        /// <param name="suggestedRetryDelay">The wait the vendor suggests before retrying.</param>
        /// <param name="category">The section of the vendor's page the code belongs to.</param>
        /// <param name="summary">What the error means, in plain text.</param>
        /// <param name="remediation">What to do about it, in plain text.</param>
        /// <param name="documentationUrl">Where the vendor documents the code; the provider's <see cref="DocumentationUrl"/> when null.</param>
        /// <param name="phases">The request phases the code can appear in.</param>
        /// <param name="endpoints">The endpoints the code can come from.</param>
        /// <param name="exampleMessage">The message the vendor documents for the code.</param>
        /// <param name="inferredFields">The catalog fields that were inferred rather than stated by the vendor.</param>
        /// <param name="inferenceNote">Why and how the inferred fields were inferred.</param>
        /// <param name="isRefused">Whether the error means the server refused the request without acting on it.</param>
        /// <returns>The descriptor.</returns>
        public ErrorDescriptor ErrorDescriptor(
            string code,
            RetryParameters? retryParameters,
            string? name = null,
            int? httpStatus = null,
            bool isRetryable = false,
            RetryStrategy? retryStrategy = null,
            TimeSpan? suggestedRetryDelay = null,
            string? category = null,
            string? summary = null,
            string? remediation = null,
            string? documentationUrl = null,
            IReadOnlyList<string>? phases = null,
            IReadOnlyList<string>? endpoints = null,
            string? exampleMessage = null,
            IReadOnlyList<string>? inferredFields = null,
            string? inferenceNote = null,
            bool isRefused = false)
        {
            ErrorDescriptor descriptor = ErrorDescriptor(
                code, name, httpStatus, isRetryable, retryStrategy, suggestedRetryDelay, category, summary, remediation, documentationUrl, phases, endpoints,
                exampleMessage, inferredFields, inferenceNote, isRefused);
            descriptor.RetryParameters = retryParameters;
            return descriptor;
        }

        /// <summary>Creates what the provider's catalog says about an HTTP status with its own backoff (the rule's <c>backoff:</c>).</summary>
        /// <param name="httpStatus">The HTTP status.</param>
        /// <param name="retryParameters">The rule's backoff; the provider's fills in what it leaves out.</param>
        /// <param name="title">The short reason phrase, such as <c>Too Many Requests</c>.</param>
        /// <param name="isRetryable">Whether repeating the same request may succeed.</param>
        /// <param name="retryStrategy">How to retry; when null, <see cref="RetryStrategy.Backoff"/> if retryable, else <see cref="RetryStrategy.None"/>.</param>
        /// <param name="suggestedRetryDelay">The wait the vendor suggests before retrying.</param>
        /// <param name="summary">What the status means, in plain text.</param>
        /// <param name="remediation">What to do about it, in plain text.</param>
        /// <param name="inferredFields">The catalog fields that were inferred rather than stated by the vendor.</param>
        /// <param name="inferenceNote">Why and how the inferred fields were inferred.</param>
        /// <param name="isRefused">Whether the status means the server refused the request without acting on it.</param>
        /// <returns>The status rule.</returns>
        public StatusRule StatusRule(
            int httpStatus,
            RetryParameters? retryParameters,
            string? title = null,
            bool isRetryable = false,
            RetryStrategy? retryStrategy = null,
            TimeSpan? suggestedRetryDelay = null,
            string? summary = null,
            string? remediation = null,
            IReadOnlyList<string>? inferredFields = null,
            string? inferenceNote = null,
            bool isRefused = false)
        {
            StatusRule rule = StatusRule(httpStatus, title, isRetryable, retryStrategy, suggestedRetryDelay, summary, remediation, inferredFields, inferenceNote, isRefused);
            rule.RetryParameters = retryParameters;
            return rule;
        }

        /// <summary>
        /// Creates what the provider's catalog says about a range of HTTP statuses (<c>5xx</c> is 500 to 599): the rule for a
        /// status that has no rule of its own, the narrowest range winning.
        /// </summary>
        /// <param name="firstStatus">The first status of the range.</param>
        /// <param name="lastStatus">The last status of the range (included).</param>
        /// <param name="title">The short name of the range, such as <c>Server Error</c>.</param>
        /// <param name="isRetryable">Whether repeating the same request may succeed.</param>
        /// <param name="retryStrategy">How to retry; when null, <see cref="RetryStrategy.Backoff"/> if retryable, else <see cref="RetryStrategy.None"/>.</param>
        /// <param name="suggestedRetryDelay">The wait the vendor suggests before retrying.</param>
        /// <param name="summary">What the statuses mean, in plain text.</param>
        /// <param name="remediation">What to do about them, in plain text.</param>
        /// <param name="inferredFields">The catalog fields that were inferred rather than stated by the vendor.</param>
        /// <param name="inferenceNote">Why and how the inferred fields were inferred.</param>
        /// <param name="isRefused">Whether the statuses mean the server refused the request without acting on it.</param>
        /// <param name="retryParameters">The rule's backoff; the provider's fills in what it leaves out.</param>
        /// <returns>The status rule.</returns>
        public StatusRule StatusRule(
            int firstStatus,
            int lastStatus,
            string? title = null,
            bool isRetryable = false,
            RetryStrategy? retryStrategy = null,
            TimeSpan? suggestedRetryDelay = null,
            string? summary = null,
            string? remediation = null,
            IReadOnlyList<string>? inferredFields = null,
            string? inferenceNote = null,
            bool isRefused = false,
            RetryParameters? retryParameters = null)
        {
            if (lastStatus < firstStatus)
            {
                throw new ArgumentOutOfRangeException(nameof(lastStatus), lastStatus, "The last status of a range must not be below its first.");
            }

            StatusRule rule = StatusRule(firstStatus, title, isRetryable, retryStrategy, suggestedRetryDelay, summary, remediation, inferredFields, inferenceNote, isRefused).WithLastStatus(lastStatus);
            rule.RetryParameters = retryParameters;
            return rule;
        }

        /// <summary>Creates what the provider's catalog says about a request that got no response (its <c>transport:</c> rules).</summary>
        /// <param name="failure">The kind of failure: a time-out or a connection error.</param>
        /// <param name="isRetryable">Whether repeating the request may succeed (it is still only repeated when that is safe).</param>
        /// <param name="retryStrategy">How to retry; when null, <see cref="RetryStrategy.Backoff"/> if retryable, else <see cref="RetryStrategy.None"/>.</param>
        /// <param name="suggestedRetryDelay">The wait the vendor suggests before retrying.</param>
        /// <param name="summary">What the failure means, in plain text.</param>
        /// <param name="remediation">What to do about it, in plain text.</param>
        /// <param name="inferredFields">The catalog fields that were inferred rather than stated by the vendor.</param>
        /// <param name="inferenceNote">Why and how the inferred fields were inferred.</param>
        /// <param name="retryParameters">The rule's backoff; the provider's fills in what it leaves out.</param>
        /// <returns>The transport rule.</returns>
        public TransportRule TransportRule(
            TransportFailureKind failure,
            bool isRetryable = false,
            RetryStrategy? retryStrategy = null,
            TimeSpan? suggestedRetryDelay = null,
            string? summary = null,
            string? remediation = null,
            IReadOnlyList<string>? inferredFields = null,
            string? inferenceNote = null,
            RetryParameters? retryParameters = null)
            => new TransportRule(Provider, failure, isRetryable, Strategy(isRetryable, retryStrategy), suggestedRetryDelay, summary, remediation, inferredFields, inferenceNote)
            {
                RetryParameters = retryParameters,
            };

        /// <summary>Creates what the catalog says about the provider as a whole (<c>PErrors.ProviderRules</c>), given to every exception.</summary>
        /// <param name="retrySource">Which part of a response decides whether to retry.</param>
        /// <param name="retryParameters">The provider's backoff (<c>provider.backoff</c>), or null.</param>
        /// <param name="support">Where to get help (<c>provider.support</c>), or null.</param>
        /// <param name="transportRules">The rules for requests that got no response (<c>transport:</c>), or null.</param>
        /// <returns>The provider's rules.</returns>
        public ProviderRules ProviderRules(
            RetrySource retrySource,
            RetryParameters? retryParameters = null,
            SupportContact? support = null,
            IReadOnlyList<TransportRule>? transportRules = null)
            => new ProviderRules(Provider, retrySource, retryParameters, support, transportRules);

        /// <summary>Creates what the provider's catalog says about an open family of codes (<see cref="ErrorCodeGen.ErrorFamily"/>).</summary>
        /// <param name="name">The family's name in the catalog.</param>
        /// <param name="prefixes">Codes starting with one of these belong to the family.</param>
        /// <param name="suffixes">Codes ending with one of these belong to the family.</param>
        /// <param name="contains">Codes containing one of these belong to the family.</param>
        /// <param name="ignoreCase">Whether the patterns are compared ignoring case.</param>
        /// <param name="errorGroup">The exception group of the family's errors, or null.</param>
        /// <param name="isRetryable">Whether repeating the same request may succeed.</param>
        /// <param name="retryStrategy">How to retry; when null, <see cref="RetryStrategy.Backoff"/> if retryable, else <see cref="RetryStrategy.None"/>.</param>
        /// <param name="suggestedRetryDelay">The wait the vendor suggests before retrying.</param>
        /// <param name="summary">What an error of the family means, in plain text.</param>
        /// <param name="remediation">What to do about it, in plain text.</param>
        /// <param name="source">Where the family comes from.</param>
        /// <param name="inferredFields">The catalog fields that were inferred rather than stated by the vendor.</param>
        /// <param name="inferenceNote">Why and how the inferred fields were inferred.</param>
        /// <param name="isRefused">Whether the error means the server refused the request without acting on it.</param>
        /// <returns>The family.</returns>
        public ErrorFamily ErrorFamily(
            string name,
            IReadOnlyList<string>? prefixes = null,
            IReadOnlyList<string>? suffixes = null,
            IReadOnlyList<string>? contains = null,
            bool ignoreCase = false,
            string? errorGroup = null,
            bool isRetryable = false,
            RetryStrategy? retryStrategy = null,
            TimeSpan? suggestedRetryDelay = null,
            string? summary = null,
            string? remediation = null,
            string? source = null,
            IReadOnlyList<string>? inferredFields = null,
            string? inferenceNote = null,
            bool isRefused = false)
            => new ErrorFamily(
                Provider, name, prefixes, suffixes, contains, ignoreCase, errorGroup, isRetryable, Strategy(isRetryable, retryStrategy), suggestedRetryDelay,
                summary, remediation, source, inferredFields, inferenceNote, isRefused);

        /// <summary>
        /// Marks an entry just created by this factory as one whose fix is to refresh the credentials and call again (the
        /// catalog's <c>refresh_credentials: true</c>); returns the same entry.
        /// </summary>
        /// <typeparam name="T">The kind of entry.</typeparam>
        /// <param name="entry">An entry this factory has just created, not yet shared.</param>
        /// <returns><paramref name="entry"/>.</returns>
        public T RefreshingCredentials<T>(T entry)
            where T : CatalogEntry
        {
            if (entry is null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            entry.RefreshCredentials = true;
            return entry;
        }

        /// <summary>Creates one error of an error body, for tests (the reader creates them from the wire).</summary>
        /// <param name="code">The code as on the wire.</param>
        /// <param name="message">The server's message.</param>
        /// <param name="parameter">The request parameter the error is about.</param>
        /// <param name="taskType">The task type that failed.</param>
        /// <param name="taskId">The id of the task that failed.</param>
        /// <param name="documentationUrl">A documentation link the server sent with the error.</param>
        /// <param name="path">Where the error is (a GraphQL path, dotted).</param>
        /// <param name="details">Further details, one string each.</param>
        /// <param name="extraFields">The item's other fields, as raw JSON text.</param>
        /// <returns>The error item.</returns>
        public static ApiError ApiError(
            string? code,
            string? message,
            string? parameter = null,
            string? taskType = null,
            string? taskId = null,
            string? documentationUrl = null,
            string? path = null,
            IReadOnlyList<string>? details = null,
            IReadOnlyDictionary<string, string>? extraFields = null)
            => new ApiError(code, message, parameter, taskType, taskId, documentationUrl, path, details, extraFields);
    
        private static RetryStrategy Strategy(bool isRetryable, RetryStrategy? retryStrategy)
            => retryStrategy ?? (isRetryable ? RetryStrategy.Backoff : RetryStrategy.None);

        /// <summary>Creates the non-generic view of a provider's catalog (<c>PErrors.Catalog</c>).</summary>
        /// <param name="providerName">The provider's C# name.</param>
        /// <param name="wireFormat">The wire format of its error bodies.</param>
        /// <param name="descriptors">Every code of the catalog.</param>
        /// <param name="statusRules">The catalog's status rules.</param>
        /// <param name="classify">The generated classifier (<c>PErrors.FromErrorResponse</c>).</param>
        /// <returns>The catalog.</returns>
        public static IErrorCatalog Catalog(
            string providerName,
            ErrorWireFormat wireFormat,
            IReadOnlyList<ErrorDescriptor> descriptors,
            IReadOnlyList<StatusRule> statusRules,
            Func<ErrorResponse, ApiErrorException> classify)
            => new ErrorCatalog(providerName, wireFormat, descriptors, statusRules, classify);

        /// <summary>Creates the non-generic view of a provider's catalog whose bodies are read in <paramref name="shape"/> (a declared shape).</summary>
        /// <param name="providerName">The provider's C# name.</param>
        /// <param name="shape">The shape of its error bodies.</param>
        /// <param name="descriptors">Every code of the catalog.</param>
        /// <param name="statusRules">The catalog's status rules.</param>
        /// <param name="classify">The generated classifier (<c>PErrors.FromErrorResponse</c>).</param>
        /// <returns>The catalog.</returns>
        public static IErrorCatalog Catalog(
            string providerName,
            ErrorShape shape,
            IReadOnlyList<ErrorDescriptor> descriptors,
            IReadOnlyList<StatusRule> statusRules,
            Func<ErrorResponse, ApiErrorException> classify)
            => new ErrorCatalog(providerName, shape, descriptors, statusRules, classify);
    }
}

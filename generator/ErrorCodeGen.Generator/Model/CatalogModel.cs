namespace ErrorCodeGen.Generator.Model
{
    /// <summary>Mirrors <c>ErrorCodeGen.RetryStrategy</c> in the runtime.</summary>
    internal enum RetryKind
    {
        None,
        Backoff,
        Once,
        Delay,
    }

    /// <summary>A whole catalog, validated: everything the emitter needs, nothing from YAML or Roslyn.</summary>
    internal sealed record CatalogModel(
        string FilePath,
        ProviderModel Provider,
        EquatableArray<ExceptionGroupModel> ExceptionGroups,
        EquatableArray<StatusRuleModel> StatusRules,
        EquatableArray<ErrorCodeModel> Errors,
        bool EnumIsLong)
    {
        /// <summary>The names of the types generated for the catalog, computed once from the provider's name.</summary>
        public GeneratedTypeNames TypeNames { get; } = GeneratedTypeNames.For(Provider.Name);

        /// <summary>The <c>transport:</c> rules, for requests that got no response.</summary>
        public EquatableArray<TransportRuleModel> TransportRules { get; init; } = EquatableArray<TransportRuleModel>.Empty;

        /// <summary>The <c>sections:</c> of the vendor's page: the endpoints and numbering of a category of codes.</summary>
        public EquatableArray<SectionModel> Sections { get; init; } = EquatableArray<SectionModel>.Empty;

        /// <summary>Whether the provider states anything for <c>PErrors.ProviderRules</c>: a backoff, support or transport rules.</summary>
        public bool HasProviderRules => Provider.Backoff != null || Provider.Support != null || !TransportRules.IsEmpty;

        /// <summary>The catalog's open code families (<c>families:</c>), in declaration order.</summary>
        public EquatableArray<CodeFamilyModel> Families { get; init; } = EquatableArray<CodeFamilyModel>.Empty;
    }

    /// <summary>A <c>backoff:</c> mapping (provider, status rule, code or transport rule); null members are not stated.</summary>
    internal sealed record BackoffModel(long? BaseMilliseconds, long? CapMilliseconds, double? Jitter, int? Attempts)
    {
        /// <summary>The catalog fields of the mapping that were inferred rather than stated by the vendor (<c>backoff.attempts</c>, …).</summary>
        public EquatableArray<string> Inferred { get; init; } = EquatableArray<string>.Empty;

        public string? Note { get; init; }
    }

    /// <summary>The provider's <c>support:</c>: whom to contact and what to send.</summary>
    internal sealed record SupportModel(string Contact, EquatableArray<string> Send, string PlainText, EquatableArray<string> Inferred, string? Note);

    /// <summary>One <c>transport:</c> rule: <c>timeout</c> or <c>connection</c>.</summary>
    internal sealed record TransportRuleModel(
        string Failure,
        bool IsRetryable,
        RetryKind Retry,
        long? RetryAfterMilliseconds,
        string? ExceptionGroup,
        RenderedText Summary,
        RenderedText Remediation,
        EquatableArray<string> Inferred,
        string? Note)
        : CatalogEntryModel(IsRetryable, Retry, RetryAfterMilliseconds, ExceptionGroup, Summary, Remediation, Inferred, Note);

    /// <summary>
    /// One open family of codes (<c>families:</c>): codes that start with, end with or contain one of its patterns, and
    /// that the catalog does not list, are classified by it. Mirrors <c>ErrorCodeGen.ErrorFamily</c> in the runtime.
    /// </summary>
    internal sealed record CodeFamilyModel(
        string Name,
        EquatableArray<string> Prefixes,
        EquatableArray<string> Suffixes,
        EquatableArray<string> Contains,
        bool IgnoreCase,
        string Source,
        bool IsRetryable,
        RetryKind Retry,
        long? RetryAfterMilliseconds,
        string? ExceptionGroup,
        RenderedText Summary,
        RenderedText Remediation,
        EquatableArray<string> Inferred,
        string? Note)
        : CatalogEntryModel(IsRetryable, Retry, RetryAfterMilliseconds, ExceptionGroup, Summary, Remediation, Inferred, Note);

    /// <summary>
    /// One <c>sections:</c> entry: the codes of a category, the endpoints the page scopes them to, its numbering rule
    /// (<c>xxx01-xxx49</c>), what the page says of the section, and which of these were inferred and why.
    /// </summary>
    internal sealed record SectionModel(string Category, EquatableArray<string> Endpoints, string? Codes, RenderedText Summary, EquatableArray<string> Inferred, string? Note);

    /// <summary>The names of the types generated for a provider: <c>{P}ErrorCode</c>, <c>{P}Errors</c>, <c>{P}Exception</c>.</summary>
    internal sealed record GeneratedTypeNames(string Provider, string ErrorCode, string Errors, string Exception)
    {
        public static GeneratedTypeNames For(string provider)
            => new GeneratedTypeNames(provider, provider + "ErrorCode", provider + "Errors", provider + "Exception");

        /// <summary>The class of an exception group: <c>{P}{Group}Exception</c>.</summary>
        public static string GroupException(string provider, string group) => provider + group + "Exception";
    }

    /// <summary>The <c>provider:</c> block.</summary>
    internal sealed record ProviderModel(
        string Name,
        string Title,
        string? DocumentationUrl,
        string Format,
        string? Namespace,
        string? Source,
        bool RetryByStatus)
    {
        /// <summary>The declared <c>provider.shape</c> (format json or problem), or null for a built-in format.</summary>
        public ShapeModel? Shape { get; init; }

        /// <summary>The provider's <c>backoff:</c>, or null.</summary>
        public BackoffModel? Backoff { get; init; }

        /// <summary>The provider's <c>support:</c>, or null.</summary>
        public SupportModel? Support { get; init; }
    }

    /// <summary>
    /// A declared error shape (<c>provider.shape</c>, for format json or problem): each key's pointers as written (validated),
    /// in the order of the runtime's <c>ErrorShapeDefinition</c>, and the provider's <c>request_id_headers</c>.
    /// </summary>
    internal sealed record ShapeModel(EquatableArray<ShapeKeyModel> Keys, EquatableArray<string> RequestIdHeaders);

    /// <summary>One key of a shape and its pointers (one, or alternatives in order).</summary>
    internal sealed record ShapeKeyModel(string Key, EquatableArray<string> Pointers);

    /// <summary>One exception group: <c>{Provider}{Name}Exception</c>.</summary>
    internal sealed record ExceptionGroupModel(string Name, string ClassName, RenderedText Summary);

    /// <summary>
    /// What an error code and a status rule have in common: the retry guidance, the texts and what was inferred. Mirrors
    /// <c>ErrorCodeGen.CatalogEntry</c> in the runtime.
    /// </summary>
    internal abstract record CatalogEntryModel(
        bool IsRetryable,
        RetryKind Retry,
        long? RetryAfterMilliseconds,
        string? ExceptionGroup,
        RenderedText Summary,
        RenderedText Remediation,
        EquatableArray<string> Inferred,
        string? Note)
    {
        /// <summary>The catalog's <c>refused: true</c>: the server did not act on the request, so even a POST may be repeated.</summary>
        public bool Refused { get; init; }

        /// <summary>The entry's own <c>backoff:</c>, or null (then the provider's applies).</summary>
        public BackoffModel? Backoff { get; init; }

        /// <summary>The catalog's <c>refresh_credentials: true</c>: the credentials expired; refresh them, then retry.</summary>
        public bool RefreshCredentials { get; init; }
    }

    /// <summary>One HTTP status rule.</summary>
    internal sealed record StatusRuleModel(
        int Status,
        string? Title,
        bool IsRetryable,
        RetryKind Retry,
        long? RetryAfterMilliseconds,
        string? ExceptionGroup,
        RenderedText Summary,
        RenderedText Remediation,
        EquatableArray<string> Inferred,
        string? Note)
        : CatalogEntryModel(IsRetryable, Retry, RetryAfterMilliseconds, ExceptionGroup, Summary, Remediation, Inferred, Note)
    {
        /// <summary>The last status of a range (<c>5xx</c>, <c>500-599</c>), or null for a rule of one status.</summary>
        public int? LastStatus { get; init; }

        /// <summary>Whether the rule covers a range of statuses.</summary>
        public bool IsRange => LastStatus.HasValue && LastStatus.Value != Status;

        /// <summary>The statuses as written in docs: <c>429</c>, <c>5xx</c>, <c>500-549</c>.</summary>
        public string StatusText => !IsRange
            ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Status % 100 == 0 && LastStatus == Status + 99
                ? (Status / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + "xx"
                : Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + LastStatus!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One error code.</summary>
    internal sealed record ErrorCodeModel(
        string Code,
        bool IsNumeric,
        long EnumValue,
        string Name,
        string MemberName,
        int? HttpStatus,
        bool IsRetryable,
        RetryKind Retry,
        long? RetryAfterMilliseconds,
        string? ExceptionGroup,
        string? Category,
        string? Message,
        RenderedText Summary,
        RenderedText Remediation,
        string? DocumentationUrl,
        EquatableArray<string> Endpoints,
        EquatableArray<string> Phases,
        EquatableArray<string> Inferred,
        string? Note)
        : CatalogEntryModel(IsRetryable, Retry, RetryAfterMilliseconds, ExceptionGroup, Summary, Remediation, Inferred, Note)
    {
        /// <summary>Whether <see cref="Endpoints"/> are the code's section's (<c>sections:</c>), the code naming none of its own.</summary>
        public bool EndpointsFromSection { get; init; }
    }
}

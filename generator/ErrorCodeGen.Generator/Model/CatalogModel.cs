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
    }

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
        : CatalogEntryModel(IsRetryable, Retry, RetryAfterMilliseconds, ExceptionGroup, Summary, Remediation, Inferred, Note);

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
        : CatalogEntryModel(IsRetryable, Retry, RetryAfterMilliseconds, ExceptionGroup, Summary, Remediation, Inferred, Note);
}

namespace ErrorCodeGen.Generator.Model
{
    /// <summary>The wire formats a catalog can declare.</summary>
    internal enum WireFormat
    {
        RunComfy,
        Runware,
        Cmfy,
        GraphQL,
    }

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
        EquatableArray<StatusRuleModel> Statuses,
        EquatableArray<ErrorCodeModel> Errors,
        bool EnumIsLong);

    /// <summary>The <c>provider:</c> block.</summary>
    internal sealed record ProviderModel(
        string Name,
        string Title,
        string? DocumentationUrl,
        WireFormat Format,
        string? Namespace,
        string? Source,
        bool RetryByStatus);

    /// <summary>One exception group: <c>{Provider}{Name}Exception</c>.</summary>
    internal sealed record ExceptionGroupModel(string Name, string ClassName, RenderedText Summary);

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
        string? Note);

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
        string? Note);
}

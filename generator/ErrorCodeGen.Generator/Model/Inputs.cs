namespace ErrorCodeGen.Generator.Model
{
    /// <summary>A catalog file as the pipeline sees it: path, content and its per-file MSBuild options.</summary>
    internal sealed record CatalogFile(string Path, string? Text, string? NamespaceOverride, string? AccessibilityOverride);

    /// <summary>The project-wide facts the emitter needs (small and equatable, so they cache).</summary>
    internal sealed record GeneratorOptions(string? RootNamespace, string? Namespace, string? Accessibility);

    /// <summary>The facts of the compilation the emitter needs.</summary>
    internal readonly record struct CompilationFacts(bool SupportsNullableAnnotations, bool HasRuntime);

    /// <summary>The parser's output: a model when the catalog is usable, and its diagnostics either way.</summary>
    internal sealed record CatalogParseResult(string FilePath, CatalogModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? ProviderNameLocation)
    {
        /// <summary>The file's own <c>ErrorCodeGenNamespace</c> item metadata, carried past parsing for the emitter.</summary>
        public string? NamespaceOverride { get; init; }

        /// <summary>The file's own <c>ErrorCodeGenAccessibility</c> item metadata.</summary>
        public string? AccessibilityOverride { get; init; }
    }
}

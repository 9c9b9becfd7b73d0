namespace ErrorCodeGen.Generator.Model
{
    /// <summary>A catalog file as the pipeline sees it: path, content and its per-file MSBuild options.</summary>
    internal sealed record CatalogFile(string Path, string? Text, string? NamespaceOverride, string? AccessibilityOverride);

    /// <summary>The project-wide facts the emitter needs (small and equatable, so they cache).</summary>
    internal sealed record GeneratorOptions(string? RootNamespace, string? Namespace, string? Accessibility);

    /// <summary>
    /// The facts of the compilation the emitter needs. A class, as every value between pipeline steps here is (or a pair
    /// of classes, from a <c>Combine</c>): Roslyn's step code over reference types is shared and precompiled, while each
    /// value type makes the compiler process JIT the step code anew for it.
    /// </summary>
    internal sealed record CompilationFacts(bool SupportsNullableAnnotations, bool HasRuntime);

    /// <summary>Everything but the catalog that one catalog's emission depends on, combined once for all catalogs.</summary>
    internal sealed record EmitSettings(GeneratorOptions Options, CompilationFacts Facts, EquatableArray<string> SkippedPaths);

    /// <summary>The parser's output: a model when the catalog is usable, and its diagnostics either way.</summary>
    internal sealed record CatalogParseResult(string FilePath, CatalogModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? ProviderNameLocation)
    {
        /// <summary>The file's own <c>ErrorCodeGenNamespace</c> item metadata, carried past parsing for the emitter.</summary>
        public string? NamespaceOverride { get; init; }

        /// <summary>The file's own <c>ErrorCodeGenAccessibility</c> item metadata.</summary>
        public string? AccessibilityOverride { get; init; }
    }
}

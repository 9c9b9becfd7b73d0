namespace ErrorCodeGen.Generator
{
    /// <summary>Names of the pipeline steps, so tests can assert each one's caching.</summary>
    internal static class TrackingNames
    {
        public const string Options = nameof(Options);
        public const string CompilationFacts = nameof(CompilationFacts);
        public const string CatalogFiles = nameof(CatalogFiles);
        public const string ParsedCatalogs = nameof(ParsedCatalogs);
        public const string CatalogDiagnostics = nameof(CatalogDiagnostics);
        public const string ProviderCheck = nameof(ProviderCheck);
        public const string EmitInputs = nameof(EmitInputs);
        public const string EmitDiagnostics = nameof(EmitDiagnostics);
    }
}

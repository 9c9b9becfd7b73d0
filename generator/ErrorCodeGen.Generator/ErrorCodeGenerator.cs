using System;
using System.Threading;
using ErrorCodeGen.Generator.Emitting;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ErrorCodeGen.Generator
{
    /// <summary>
    /// Generates typed error codes and exceptions from <c>*.errors.yaml</c> AdditionalFiles. This class only wires
    /// the pipeline; <see cref="CatalogParser"/> parses and <see cref="CatalogEmitter"/> writes code.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ErrorCodeGenerator : IIncrementalGenerator
    {
        /// <summary>The package version (informational, so prereleases differ), without the source-control suffix.</summary>
        internal static readonly string Version = ReadVersion();

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValueProvider<GeneratorOptions> options = context.AnalyzerConfigOptionsProvider
                .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
                .WithTrackingName(TrackingNames.Options);

            IncrementalValueProvider<CompilationFacts> facts = context.CompilationProvider
                .Select(static (compilation, _) => new CompilationFacts(
                    compilation is CSharpCompilation cs && cs.LanguageVersion >= LanguageVersion.CSharp8,
                    HasRuntime(compilation)))
                .WithTrackingName(TrackingNames.CompilationFacts);

            IncrementalValuesProvider<CatalogFile> files = context.AdditionalTextsProvider
                .Where(static text => IsCatalogPath(text.Path))
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, cancellationToken) => ReadCatalogFile(pair.Left, pair.Right.GetOptions(pair.Left), cancellationToken))
                .WithTrackingName(TrackingNames.CatalogFiles);

            IncrementalValuesProvider<CatalogParseResult> parsed = files
                .Select(static (file, cancellationToken) => CatalogParser.Parse(file, cancellationToken))
                .WithTrackingName(TrackingNames.ParsedCatalogs);

            context.RegisterSourceOutput(
                parsed.Select(static (result, _) => new DiagnosticList(result.Diagnostics)).WithTrackingName(TrackingNames.CatalogDiagnostics),
                static (spc, diagnostics) => Report(spc, diagnostics));

            IncrementalValueProvider<ProviderCheck> providerCheck = parsed
                .Select(static (result, _) => ProviderClaim.From(result))
                .Collect()
                .Select(static (claims, _) => ProviderCheck.From(claims))
                .WithTrackingName(TrackingNames.ProviderCheck);

            context.RegisterSourceOutput(
                providerCheck.Select(static (check, _) => new DiagnosticList(check.Diagnostics)),
                static (spc, diagnostics) => Report(spc, diagnostics));

            // Each Combine pairs two classes and is followed by a Select to a class, and the diagnostics steps output a
            // DiagnosticList, not the array: see CompilationFacts.
            IncrementalValueProvider<EmitSettings> settings = options
                .Combine(facts)
                .Select(static (pair, _) => new EmitSettings(pair.Left, pair.Right, EquatableArray<string>.Empty))
                .Combine(providerCheck)
                .Select(static (pair, _) => pair.Left with { SkippedPaths = pair.Right.SkippedPaths });

            IncrementalValuesProvider<EmitInput> emitInputs = parsed
                .Combine(settings)
                .Select(static (input, _) => EmitInput.Create(input.Left, input.Right.Options, input.Right.Facts, input.Right.SkippedPaths))
                .WithTrackingName(TrackingNames.EmitInputs);

            context.RegisterSourceOutput(
                emitInputs.Select(static (input, _) => new DiagnosticList(input.Diagnostics)).WithTrackingName(TrackingNames.EmitDiagnostics),
                static (spc, diagnostics) => Report(spc, diagnostics));

            context.RegisterSourceOutput(emitInputs.Where(static input => input.ShouldEmit), static (spc, input) => Emit(spc, input));
        }

        private static string ReadVersion()
        {
            var assembly = typeof(ErrorCodeGenerator).Assembly;
            foreach (object attribute in assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false))
            {
                string informational = ((System.Reflection.AssemblyInformationalVersionAttribute)attribute).InformationalVersion;
                int plus = informational.IndexOf('+');
                return plus >= 0 ? informational.Substring(0, plus) : informational;
            }

            return assembly.GetName().Version?.ToString() ?? "0.0.0";
        }

        /// <summary>
        /// Whether the generated code can call the runtime: a reference to ErrorCodeGen.Runtime.dll answers without
        /// binding anything; only without one is the type looked up, which makes the compiler load every reference's
        /// metadata (in a cold compiler process that costs more than all of our catalogs, and the answer is the same).
        /// </summary>
        internal static bool HasRuntime(Compilation compilation)
        {
            foreach (MetadataReference reference in compilation.References)
            {
                if (reference is PortableExecutableReference { FilePath: string path }
                    && path.EndsWith(RuntimeFileName, StringComparison.OrdinalIgnoreCase)
                    && (path.Length == RuntimeFileName.Length || path[path.Length - RuntimeFileName.Length - 1] is '/' or '\\'))
                {
                    return true;
                }
            }

            return compilation.GetTypeByMetadataName("ErrorCodeGen.ApiErrorException") != null;
        }

        private const string RuntimeFileName = "ErrorCodeGen.Runtime.dll";

        internal static bool IsCatalogPath(string path)
            => path.EndsWith(".errors.yaml", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".errors.yml", StringComparison.OrdinalIgnoreCase);

        private static GeneratorOptions ReadOptions(AnalyzerConfigOptions global)
        {
            global.TryGetValue("build_property.RootNamespace", out string? rootNamespace);
            global.TryGetValue("build_property.ErrorCodeGenNamespace", out string? ns);
            global.TryGetValue("build_property.ErrorCodeGenAccessibility", out string? accessibility);
            return new GeneratorOptions(NullIfBlank(rootNamespace), NullIfBlank(ns), NullIfBlank(accessibility));
        }

        private static CatalogFile ReadCatalogFile(AdditionalText text, AnalyzerConfigOptions fileOptions, CancellationToken cancellationToken)
        {
            fileOptions.TryGetValue("build_metadata.AdditionalFiles.ErrorCodeGenNamespace", out string? ns);
            fileOptions.TryGetValue("build_metadata.AdditionalFiles.ErrorCodeGenAccessibility", out string? accessibility);
            SourceText? source = text.GetText(cancellationToken);
            return new CatalogFile(text.Path, source?.ToString(), NullIfBlank(ns), NullIfBlank(accessibility));
        }

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static void Report(SourceProductionContext context, DiagnosticList diagnostics)
        {
            foreach (DiagnosticInfo diagnostic in diagnostics.Items)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        private static void Emit(SourceProductionContext context, EmitInput input)
        {
            foreach (GeneratedFile file in CatalogEmitter.Emit(input.Model!, input.Options, context.CancellationToken))
            {
                context.AddSource(file.HintName, file.ToSourceText());
            }
        }
    }
}

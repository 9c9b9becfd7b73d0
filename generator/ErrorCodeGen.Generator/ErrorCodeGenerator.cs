using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ErrorCodeGen.Generator.Diagnostics;
using ErrorCodeGen.Generator.Emitting;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
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
                    compilation.GetTypeByMetadataName("ErrorCodeGen.ApiErrorException") != null))
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
                parsed.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.CatalogDiagnostics),
                static (spc, diagnostics) => Report(spc, diagnostics));

            IncrementalValueProvider<ProviderCheck> providerCheck = parsed
                .Select(static (result, _) => ProviderClaim.From(result))
                .Collect()
                .Select(static (claims, _) => ProviderCheck.From(claims))
                .WithTrackingName(TrackingNames.ProviderCheck);

            context.RegisterSourceOutput(
                providerCheck.Select(static (check, _) => check.Diagnostics),
                static (spc, diagnostics) => Report(spc, diagnostics));

            IncrementalValuesProvider<EmitInput> emitInputs = parsed
                .Combine(options)
                .Combine(facts)
                .Combine(providerCheck.Select(static (check, _) => check.SkippedPaths))
                .Select(static (input, _) => EmitInput.Create(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right))
                .WithTrackingName(TrackingNames.EmitInputs);

            context.RegisterSourceOutput(emitInputs, static (spc, input) => Emit(spc, input));
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

        private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (DiagnosticInfo diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        private static void Emit(SourceProductionContext context, EmitInput input)
        {
            if (input.Model is null || input.Skipped)
            {
                return;
            }

            if (!input.OptionDiagnostics.IsEmpty)
            {
                foreach (DiagnosticInfo diagnostic in input.OptionDiagnostics)
                {
                    context.ReportDiagnostic(diagnostic.ToDiagnostic());
                }

                return;
            }

            if (!input.HasRuntime)
            {
                context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.RuntimeMissing, LocationInfo.StartOfFile(input.Model.FilePath), input.Model.Provider.Name).ToDiagnostic());
                return;
            }

            foreach (GeneratedFile file in CatalogEmitter.Emit(input.Model, input.Options))
            {
                context.AddSource(file.HintName, SourceText.From(file.Source, System.Text.Encoding.UTF8));
            }
        }
    }

    /// <summary>One catalog's claim to a provider name and the type names it generates, for the cross-catalog check.</summary>
    internal sealed record ProviderClaim(string FilePath, string? ProviderName, LocationInfo? NameLocation, EquatableArray<string> TypeNames)
    {
        public static ProviderClaim From(CatalogParseResult result)
        {
            CatalogModel? model = result.Model;
            if (model is null)
            {
                return new ProviderClaim(result.FilePath, null, result.ProviderNameLocation, EquatableArray<string>.Empty);
            }

            string p = model.Provider.Name;
            var types = new List<string> { p + "ErrorCode", p + "Errors", p + "Exception" };
            foreach (ExceptionGroupModel group in model.ExceptionGroups)
            {
                types.Add(group.ClassName);
            }

            return new ProviderClaim(result.FilePath, p, result.ProviderNameLocation, types.ToEquatableArray());
        }
    }

    /// <summary>
    /// The catalogs skipped because an earlier one (by path) declares the same provider (ignoring case: hint names
    /// are file names) or would generate a type of the same name.
    /// </summary>
    internal sealed record ProviderCheck(EquatableArray<string> SkippedPaths, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public static ProviderCheck From(ImmutableArray<ProviderClaim> claims)
        {
            var ordered = new List<ProviderClaim>(claims);
            ordered.Sort(static (a, b) => string.CompareOrdinal(a.FilePath, b.FilePath));
            var providers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            var skipped = new List<string>();
            var diagnostics = new List<DiagnosticInfo>();
            foreach (ProviderClaim claim in ordered)
            {
                if (claim.ProviderName is null)
                {
                    continue;
                }

                LocationInfo at = claim.NameLocation ?? LocationInfo.StartOfFile(claim.FilePath);
                if (providers.TryGetValue(claim.ProviderName, out string? owner))
                {
                    skipped.Add(claim.FilePath);
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateProvider, at, claim.ProviderName, owner));
                    continue;
                }

                string? clash = null;
                foreach (string type in claim.TypeNames)
                {
                    if (types.TryGetValue(type, out string? other))
                    {
                        clash = type;
                        skipped.Add(claim.FilePath);
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNameCollision, at, claim.ProviderName, type, other));
                        break;
                    }
                }

                if (clash != null)
                {
                    continue;
                }

                providers.Add(claim.ProviderName, claim.FilePath);
                foreach (string type in claim.TypeNames)
                {
                    types[type] = claim.FilePath;
                }
            }

            return new ProviderCheck(skipped.ToEquatableArray(), diagnostics.ToEquatableArray());
        }
    }

    /// <summary>Everything one catalog's emission depends on.</summary>
    internal sealed record EmitInput(CatalogModel? Model, EmitOptions Options, bool Skipped, bool HasRuntime, EquatableArray<DiagnosticInfo> OptionDiagnostics)
    {
        public static EmitInput Create(CatalogParseResult result, GeneratorOptions options, CompilationFacts facts, EquatableArray<string> skippedPaths)
        {
            CatalogModel? model = result.Model;
            var problems = new List<DiagnosticInfo>();
            LocationInfo at = LocationInfo.StartOfFile(result.FilePath);
            string catalogName = model?.Provider.Name ?? result.FilePath;

            // Namespace: the file's item metadata, else the project's ErrorCodeGenNamespace, else the catalog's
            // provider.namespace, else the project's RootNamespace (else the global namespace).
            string? ns = null;
            string? nsSource = null;
            if (result.NamespaceOverride != null)
            {
                (ns, nsSource) = (result.NamespaceOverride, "Item metadata ErrorCodeGenNamespace");
            }
            else if (options.Namespace != null)
            {
                (ns, nsSource) = (options.Namespace, "Property ErrorCodeGenNamespace");
            }
            else if (model?.Provider.Namespace != null)
            {
                ns = model.Provider.Namespace;
            }
            else if (options.RootNamespace != null)
            {
                // Not set for us: the SDK derives it from the project name (my-app), so make it valid (my_app)
                // the way Visual Studio's templates do, rather than fail a build the user configured nothing for.
                (ns, nsSource) = (IdentifierFactory.SanitizeNamespace(options.RootNamespace), "Property RootNamespace");
            }

            if (ns != null && nsSource != null && !IdentifierFactory.IsValidNamespace(ns))
            {
                problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, at, nsSource, ns, catalogName, "use dot-separated C# identifiers, such as Contoso.Sdk.Errors"));
            }

            string? requested = result.AccessibilityOverride ?? options.Accessibility;
            string accessibility = "public";
            if (requested != null)
            {
                if (string.Equals(requested, "internal", StringComparison.OrdinalIgnoreCase))
                {
                    accessibility = "internal";
                }
                else if (!string.Equals(requested, "public", StringComparison.OrdinalIgnoreCase))
                {
                    string source = result.AccessibilityOverride != null ? "Item metadata ErrorCodeGenAccessibility" : "Property ErrorCodeGenAccessibility";
                    problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, at, source, requested, catalogName, "use public or internal"));
                }
            }

            bool skipped = false;
            foreach (string path in skippedPaths)
            {
                skipped |= path == result.FilePath;
            }

            return new EmitInput(
                model,
                new EmitOptions(ns, accessibility, facts.SupportsNullableAnnotations, ErrorCodeGenerator.Version),
                skipped,
                facts.HasRuntime,
                model is null ? EquatableArray<DiagnosticInfo>.Empty : problems.ToEquatableArray());
        }
    }
}

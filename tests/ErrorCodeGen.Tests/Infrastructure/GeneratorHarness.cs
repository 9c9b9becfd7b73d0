using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using ErrorCodeGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ErrorCodeGen.Tests.Infrastructure;

/// <summary>Runs the generator through Roslyn's driver, as the compiler does, and compiles what it generates.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        // The running framework's assemblies plus the runtime library: what a consumer compiles against.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is string name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "netstandard.dll" or "mscorlib.dll"))
            .ToList();
        paths.Add(typeof(ErrorCodeGen.ApiErrorException).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static ImmutableArray<MetadataReference> ReferencesWithoutRuntime
        => References.Where(r => !r.Display!.EndsWith("ErrorCodeGen.Runtime.dll", StringComparison.Ordinal)).ToImmutableArray();

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest)
        => new CSharpParseOptions(version, DocumentationMode.Diagnose);

    public static CSharpCompilation CreateCompilation(
        IEnumerable<string>? sources = null,
        LanguageVersion version = LanguageVersion.Latest,
        NullableContextOptions nullable = NullableContextOptions.Enable,
        IEnumerable<MetadataReference>? references = null)
    {
        CSharpParseOptions parseOptions = ParseOptions(version);
        var trees = (sources ?? new[] { "namespace Consumer { internal static class Placeholder { } }" })
            .Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: "Source" + i + ".cs"));
        return CSharpCompilation.Create(
            "Consumer",
            trees,
            references ?? References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: version >= LanguageVersion.CSharp8 ? nullable : NullableContextOptions.Disable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                // As the .NET SDK does: version-unification notices are not warnings about the code.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                },
                deterministic: true));
    }

    public static GeneratorDriver CreateDriver(
        IEnumerable<AdditionalText> catalogs,
        AnalyzerConfigOptionsProvider? options = null,
        LanguageVersion version = LanguageVersion.Latest)
    {
        return CSharpGeneratorDriver.Create(
            new[] { new ErrorCodeGenerator().AsSourceGenerator() },
            catalogs,
            ParseOptions(version),
            options ?? new TestOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Consumer" }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator once over <paramref name="catalogs"/> and returns the result and the output compilation.</summary>
    /// <summary>What the generator writes for one catalog: the ErrorCode, Errors, Exceptions and Catalog files.</summary>
    public const int FilesPerCatalog = 4;

    public static (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics) Run(
        IEnumerable<AdditionalText> catalogs,
        CSharpCompilation? compilation = null,
        AnalyzerConfigOptionsProvider? options = null)
    {
        compilation ??= CreateCompilation();
        GeneratorDriver driver = CreateDriver(catalogs, options, ((CSharpParseOptions)compilation.SyntaxTrees.First().Options).LanguageVersion);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (driver.GetRunResult(), output, diagnostics);
    }

    public static TestAdditionalText CuratedCatalog(string fileName)
        => new(RepoPaths.Catalog(fileName), File.ReadAllText(RepoPaths.Catalog(fileName)));

    /// <summary>Every warning and error of a compilation, formatted for an assertion message.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics)
        => string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}

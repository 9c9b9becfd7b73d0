using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ErrorCodeGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ErrorCodeGen.Benchmarks;

/// <summary>
/// The generator in Roslyn's driver, in-process: a fresh driver over the five curated catalogs, a re-run after an
/// unrelated C# edit (answered from the cache), and a re-run after editing one catalog (the largest, Trainer, with one
/// summary changed, and the smallest, Runware, with its title changed: the model changes and its four files are
/// emitted again).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private AdditionalText[] _catalogs = null!;
    private AdditionalText _trainer = null!;
    private AdditionalText _trainerEdited = null!;
    private AdditionalText _runware = null!;
    private AdditionalText _runwareEdited = null!;
    private GeneratorDriver _warm = null!;
    private ImmutableArray<AdditionalText> _catalogsAgain;

    [GlobalSetup]
    public void Setup()
    {
        string dir = Path.Combine(GeneratorBench.RepositoryRoot(), "catalog");
        _catalogs = Directory.GetFiles(dir, "*.errors.yaml").Select(p => (AdditionalText)new GeneratorBench.FileText(p, File.ReadAllText(p))).ToArray();
        if (_catalogs.Length != 5)
        {
            throw new InvalidOperationException("Expected the five curated catalogs in " + dir);
        }

        _compilation = GeneratorBench.Compilation();
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }"));
        _warm = GeneratorBench.Driver(_catalogs).RunGenerators(_compilation);
        GeneratorBench.ExpectFiles(_warm, 20);
        _catalogsAgain = _catalogs.Select(c => (AdditionalText)new GeneratorBench.FileText(c.Path, c.GetText()!.ToString())).ToImmutableArray();

        _trainer = _catalogs.Single(c => c.Path.EndsWith("runcomfy-trainer.errors.yaml", StringComparison.Ordinal));
        string text = _trainer.GetText()!.ToString();
        const string Summary = "summary: The supplied dataset identifier is not a valid UUID.";
        if (!text.Contains(Summary, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The edit benchmark's anchor is gone from the Trainer catalog: " + Summary);
        }

        _trainerEdited = new GeneratorBench.FileText(_trainer.Path, text.Replace(Summary, Summary.TrimEnd('.') + " (edited).", StringComparison.Ordinal));
        GeneratorDriver edited = _warm.ReplaceAdditionalText(_trainer, _trainerEdited).RunGenerators(_compilation);
        GeneratorBench.ExpectFiles(edited, 20);

        _runware = _catalogs.Single(c => c.Path.EndsWith("runware.errors.yaml", StringComparison.Ordinal));
        string runware = _runware.GetText()!.ToString();
        const string Title = "title: Runware API";
        if (!runware.Contains(Title, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The edit benchmark's anchor is gone from the Runware catalog: " + Title);
        }

        _runwareEdited = new GeneratorBench.FileText(_runware.Path, runware.Replace(Title, Title + " (edited)", StringComparison.Ordinal));
        GeneratorBench.ExpectFiles(_warm.ReplaceAdditionalText(_runware, _runwareEdited).RunGenerators(_compilation), 20);
    }

    [Benchmark(Baseline = true, Description = "Fresh driver, five curated catalogs")]
    public GeneratorDriver Cold() => GeneratorBench.Driver(_catalogs).RunGenerators(_compilation);

    [Benchmark(Description = "Re-run after an unrelated C# edit")]
    public GeneratorDriver AfterUnrelatedEdit() => _warm.RunGenerators(_edited);

    /// <summary>
    /// What the compiler server does for a build where only C# changed: its cached driver gets the build's additional
    /// files as new objects (the same paths and text) and a new compilation; every catalog step after reading the text
    /// should be cached.
    /// </summary>
    [Benchmark(Description = "Re-run with the catalogs as new objects, same text (compiler server)")]
    public GeneratorDriver AfterServerRebuild() => _warm.ReplaceAdditionalTexts(_catalogsAgain).RunGenerators(_edited);

    [Benchmark(Description = "Re-run after editing one catalog (Trainer, one summary)")]
    public GeneratorDriver AfterCatalogEdit() => _warm.ReplaceAdditionalText(_trainer, _trainerEdited).RunGenerators(_compilation);

    [Benchmark(Description = "Re-run after editing one catalog (Runware, the title)")]
    public GeneratorDriver AfterSmallCatalogEdit() => _warm.ReplaceAdditionalText(_runware, _runwareEdited).RunGenerators(_compilation);
}

/// <summary>
/// A fresh driver over one synthetic catalog of <see cref="Codes"/> codes, to compare the cost per code at 100 and at
/// 10,000 (it should stay within 2×: nothing in the generator may grow faster than the catalog).
/// </summary>
[MemoryDiagnoser]
public class LargeCatalogBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private AdditionalText[] _catalog = null!;

    [Params(100, 10_000)]
    public int Codes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = GeneratorBench.Compilation();
        _catalog = new[] { (AdditionalText)new GeneratorBench.FileText("/bench/large.errors.yaml", ErrorCodeGen.Testing.SyntheticCatalog.Yaml(Codes)) };
        GeneratorBench.ExpectFiles(GeneratorBench.Driver(_catalog).RunGenerators(_compilation), 4);
    }

    [Benchmark(Description = "Fresh driver, one synthetic catalog")]
    public GeneratorDriver Run() => GeneratorBench.Driver(_catalog).RunGenerators(_compilation);
}

/// <summary>What the generator benchmarks share: the compilation, a fresh driver, and in-memory catalog files.</summary>
internal static class GeneratorBench
{
    public static CSharpCompilation Compilation()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(ErrorCodeGen.ApiErrorException).Assembly.Location));
        return CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText("class A { }") }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }

    public static GeneratorDriver Driver(AdditionalText[] catalogs)
        => CSharpGeneratorDriver.Create(new[] { new ErrorCodeGenerator().AsSourceGenerator() }, catalogs, CSharpParseOptions.Default, null, new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, false));

    public static void ExpectFiles(GeneratorDriver driver, int expected)
    {
        GeneratorDriverRunResult result = driver.GetRunResult();
        if (result.GeneratedTrees.Length != expected)
        {
            throw new InvalidOperationException($"The generator produced {result.GeneratedTrees.Length} files, not {expected}: the benchmark would measure nothing. "
                + string.Join("; ", result.Diagnostics));
        }
    }

    public static string RepositoryRoot()
    {
        // BenchmarkDotNet runs a copy of this assembly from a generated folder under bin/; walk up to the repository.
        for (string? dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "ErrorCodeGen.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("ErrorCodeGen.sln not found above " + AppContext.BaseDirectory);
    }

    public sealed class FileText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}

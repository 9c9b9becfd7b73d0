using BenchmarkDotNet.Attributes;
using ErrorCodeGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ErrorCodeGen.Benchmarks;

/// <summary>
/// The generator over the five curated catalogs: a first (cold) run against a re-run after an unrelated C# edit,
/// which the incremental pipeline should answer from its cache.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private AdditionalText[] _catalogs = null!;
    private GeneratorDriver _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        string dir = Path.Combine(RepositoryRoot(), "catalog");
        _catalogs = Directory.GetFiles(dir, "*.errors.yaml").Select(p => (AdditionalText)new FileText(p, File.ReadAllText(p))).ToArray();
        if (_catalogs.Length != 5)
        {
            throw new InvalidOperationException("Expected the five curated catalogs in " + dir);
        }
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(ErrorCodeGen.ApiErrorException).Assembly.Location));
        _compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText("class A { }") }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }"));
        _warm = CreateDriver().RunGenerators(_compilation);
        int generated = _warm.GetRunResult().GeneratedTrees.Length;
        if (generated != 15)
        {
            throw new InvalidOperationException($"The generator produced {generated} files, not 15: the benchmark would measure nothing. "
                + string.Join("; ", _warm.GetRunResult().Diagnostics));
        }
    }

    private static string RepositoryRoot()
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

    private GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(new[] { new ErrorCodeGenerator().AsSourceGenerator() }, _catalogs, CSharpParseOptions.Default, null, new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, false));

    [Benchmark(Baseline = true, Description = "Cold run, five catalogs")]
    public GeneratorDriver Cold() => CreateDriver().RunGenerators(_compilation);

    [Benchmark(Description = "Re-run after an unrelated C# edit")]
    public GeneratorDriver AfterUnrelatedEdit() => _warm.RunGenerators(_edited);

    private sealed class FileText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}

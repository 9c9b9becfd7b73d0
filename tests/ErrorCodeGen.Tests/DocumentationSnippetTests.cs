using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// Every code sample in README.md and docs/**/*.md is checked (the convention is in README.md, "For contributors"):
/// C# compiles against the types generated from the five curated catalogs, catalogs in YAML are accepted by the
/// generator, MSBuild XML is well-formed and names only what the package's props and targets define.
/// </summary>
public partial class DocumentationSnippetTests
{
    /// <summary>What a method-body snippet may use without declaring it.</summary>
    private const string BodyPrologue = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using ErrorCodeGen;

        internal static class DocumentationSnippet
        {
            internal static async Task RunAsync(HttpClient http, HttpContent content, int attempt, CancellationToken cancellationToken)
            {

        """;

    private const string BodyEpilogue = """

            }
        }
        """;

    /// <summary>Not worth failing a sample for: unused variables, an async body without await, an unused local function.</summary>
    private static readonly string[] s_toleratedWarnings = { "CS0168", "CS0219", "CS1998", "CS8321" };

    private static readonly Lazy<ImmutableArray<SyntaxTree>> s_generatedTrees = new(() =>
    {
        // No RootNamespace: the generated types land in the global namespace, visible from any sample's namespace.
        var (result, _, diagnostics) = GeneratorHarness.Run(
            RepoPaths.CuratedCatalogs.Select(GeneratorHarness.CuratedCatalog),
            options: new TestOptionsProvider());
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        return result.GeneratedTrees;
    });

    public static IEnumerable<TestCaseData> CSharpSnippets() => Cases(s => s.Language is "csharp" or "cs" or "c#");

    public static IEnumerable<TestCaseData> CatalogSnippets() => Cases(s => s.Language is "yaml" or "yml" && s.Text.StartsWith("schema: errorcodegen/v1", StringComparison.Ordinal));

    public static IEnumerable<TestCaseData> XmlSnippets() => Cases(s => s.Language == "xml");

    [Test]
    public void The_documentation_has_samples_of_every_kind()
    {
        Assert.That(CSharpSnippets().Count(), Is.GreaterThanOrEqualTo(2));
        Assert.That(CatalogSnippets().Count(), Is.GreaterThanOrEqualTo(1));
        Assert.That(XmlSnippets().Count(), Is.GreaterThanOrEqualTo(5));
    }

    /// <summary>
    /// What the integration samples of docs/retries.md use besides the runtime: IHttpClientFactory (with dependency
    /// injection) and Polly with the ErrorCodeGen.Polly adapter.
    /// </summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_integrationReferences = new(() => new[]
    {
        typeof(Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions).Assembly,
        typeof(System.Net.Http.IHttpClientFactory).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
        typeof(global::Polly.ResiliencePipeline).Assembly,
        typeof(ErrorCodeGen.Polly.ApiErrorRetryPipelineExtensions).Assembly,
    }.Distinct().Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)).ToImmutableArray());

    [TestCaseSource(nameof(CSharpSnippets))]
    public void CSharp_sample_compiles(Snippet snippet)
    {
        bool wholeFile = snippet.Attributes.Contains("file");
        string source = wholeFile
            ? $"#line {snippet.Line} \"{snippet.File}\"\n{snippet.Text}"
            : $"{BodyPrologue}#line {snippet.Line} \"{snippet.File}\"\n{snippet.Text}{BodyEpilogue}";

        CSharpParseOptions parseOptions = GeneratorHarness.ParseOptions();
        CSharpCompilation compilation = CSharpCompilation.Create(
            "DocumentationSnippet",
            s_generatedTrees.Value.Add(CSharpSyntaxTree.ParseText(source, parseOptions, path: snippet.File)),
            GeneratorHarness.References.AddRange(s_integrationReferences.Value),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && !s_toleratedWarnings.Contains(d.Id)))
            .ToList();
        Assert.That(problems, Is.Empty, GeneratorHarness.Describe(problems));
    }

    /// <summary>
    /// A catalog sample is accepted by the generator, unless its fence names the diagnostic it demonstrates
    /// (<c>```yaml ECG0004</c>, as in docs/diagnostics.md): then the generator must report exactly that ID (and
    /// perhaps others), so the page's broken examples stay broken in the way they say.
    /// </summary>
    [TestCaseSource(nameof(CatalogSnippets))]
    public void Catalog_sample_is_accepted_by_the_generator(Snippet snippet)
    {
        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText(snippet.File + ".errors.yaml", snippet.Text) });
        Assert.That(result.Results.Single().Exception, Is.Null);
        string? expected = snippet.Attributes.FirstOrDefault(a => Regex.IsMatch(a, "^ECG[0-9]{4}$"));
        if (expected != null)
        {
            Assert.That(diagnostics.Select(d => d.Id), Does.Contain(expected), $"{snippet} demonstrates {expected}: {GeneratorHarness.Describe(diagnostics)}");
            return;
        }

        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);
    }

    [TestCaseSource(nameof(XmlSnippets))]
    public void MSBuild_sample_is_well_formed_and_names_only_what_the_package_defines(Snippet snippet)
    {
        string text = snippet.Text.TrimStart().StartsWith("<Project", StringComparison.Ordinal) ? snippet.Text : "<Project>\n" + snippet.Text + "\n</Project>";
        XDocument document;
        try
        {
            document = XDocument.Parse(text);
        }
        catch (XmlException e)
        {
            Assert.Fail($"{snippet}: not well-formed XML: {e.Message}");
            return;
        }

        var names = document.Descendants()
            .SelectMany(e => e.Attributes().Select(a => a.Name.LocalName).Prepend(e.Name.LocalName))
            .Where(n => n.StartsWith("ErrorCodeGen", StringComparison.Ordinal))
            .Distinct();
        Assert.That(names, Is.SubsetOf(s_packageDefinedNames.Value), $"{snippet} names something the package's props and targets do not define.");
    }

    /// <summary>Every ErrorCodeGen… property, item and metadata name in the package's props and targets.</summary>
    private static readonly Lazy<HashSet<string>> s_packageDefinedNames = new(() =>
    {
        string folder = Path.Combine(RepoPaths.Root, "generator", "ErrorCodeGen.Package", "buildTransitive");
        string text = File.ReadAllText(Path.Combine(folder, "ErrorCodeGen.props")) + File.ReadAllText(Path.Combine(folder, "ErrorCodeGen.targets"));
        return NamePattern().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
    });

    private static IEnumerable<TestCaseData> Cases(Func<Snippet, bool> filter)
        => DocumentationFiles().SelectMany(Snippet.Read).Where(filter).Select(s => new TestCaseData(s).SetArgDisplayNames(s.ToString()));

    private static IEnumerable<string> DocumentationFiles()
    {
        yield return Path.Combine(RepoPaths.Root, "README.md");
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return file;
        }
    }

    [GeneratedRegex(@"(?<![\w_])ErrorCodeGen[A-Z]\w*")]
    private static partial Regex NamePattern();

    /// <summary>One fenced code block: its file (relative to the repository), first line of code, language and attributes.</summary>
    public sealed record Snippet(string File, int Line, string Language, ImmutableArray<string> Attributes, string Text)
    {
        public override string ToString() => $"{File}:{Line} ({Language})";

        public static IEnumerable<Snippet> Read(string path)
        {
            string relative = Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');
            string[] lines = System.IO.File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string opening = lines[i].TrimStart();
                if (!opening.StartsWith("```", StringComparison.Ordinal))
                {
                    continue;
                }

                int indent = lines[i].Length - opening.Length;
                string[] info = opening[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var text = new StringBuilder();
                int start = i + 1;
                for (i = start; i < lines.Length && lines[i].Trim() != "```"; i++)
                {
                    text.Append(lines[i].Length >= indent ? lines[i][indent..] : lines[i].TrimStart()).Append('\n');
                }

                if (info.Length > 0)
                {
                    yield return new Snippet(relative, start + 1, info[0].ToLowerInvariant(), info.Skip(1).ToImmutableArray(), text.ToString());
                }
            }
        }
    }
}

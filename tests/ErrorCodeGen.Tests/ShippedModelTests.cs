using System;
using System.IO;
using System.Linq;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// The curated catalogs ship parsed and rendered (<c>generator/ErrorCodeGen.Generator/Shipped/*.model</c>, see
/// <see cref="ShippedModels"/>): the data is what the parser makes of <c>catalog/*.errors.yaml</c> today (set
/// <c>ECG_ACCEPT_SNAPSHOTS=1</c> to rewrite it after a catalog changes), it loads back equal, and it is used only for the
/// exact text it was made from.
/// </summary>
public class ShippedModelTests
{
    private static readonly string[] s_curated = Directory.GetFiles(Path.Combine(RepoPaths.Root, "catalog"), "*.errors.yaml")
        .Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    private static string ModelPath(string catalog) => Path.Combine(RepoPaths.Root, "generator", "ErrorCodeGen.Generator", "Shipped", catalog + ".model");

    private static CatalogFile File(string catalog, string? text = null, string? path = null)
        => new(path ?? RepoPaths.Catalog(catalog), text ?? System.IO.File.ReadAllText(RepoPaths.Catalog(catalog)), null, null);

    [Test]
    public void Every_curated_catalog_is_shipped()
        => Assert.That(Directory.GetFiles(Path.GetDirectoryName(ModelPath("x"))!, "*.model").Select(Path.GetFileName), Is.EquivalentTo(s_curated.Select(c => c + ".model")));

    [TestCaseSource(nameof(s_curated))]
    public void Shipped_data_is_what_the_parser_makes_of_the_catalog(string catalog)
    {
        CatalogFile file = File(catalog);
        byte[] expected = ShippedModels.Write(CatalogParser.ParseYaml(file), file.Text!);
        string path = ModelPath(catalog);
        byte[] actual = System.IO.File.Exists(path) ? System.IO.File.ReadAllBytes(path) : Array.Empty<byte>();
        if (!actual.AsSpan().SequenceEqual(expected) && Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1" && Environment.GetEnvironmentVariable("CI") != "true")
        {
            System.IO.File.WriteAllBytes(path, expected);
            Assert.Inconclusive("Rewrote " + path + "; rebuild the generator and run the tests again.");
        }

        Assert.That(actual.AsSpan().SequenceEqual(expected), Is.True, path + " is stale: the catalog or the parser changed. Run the tests with " + Snapshot.AcceptVariable + "=1 to rewrite it.");
    }

    [TestCaseSource(nameof(s_curated))]
    public void A_curated_catalog_loads_without_parsing_and_equal_to_its_parse(string catalog)
    {
        // Any path: the package's catalogs folder, a copy in the project. The model carries the path it was given.
        CatalogFile file = File(catalog, path: "/somewhere/else/" + catalog) with { NamespaceOverride = "Contoso.Errors", AccessibilityOverride = "internal" };
        CatalogParser.YamlParsesOnThisThread = 0;
        CatalogParseResult loaded = CatalogParser.Parse(file);
        Assert.That(CatalogParser.YamlParsesOnThisThread, Is.Zero, "the curated catalog was parsed, not loaded from its shipped model");
        CatalogParseResult parsed = CatalogParser.ParseYaml(file);
        Assert.That(loaded, Is.EqualTo(parsed));
        Assert.That(loaded.Model!.FilePath, Is.EqualTo(file.Path));
        Assert.That(loaded.ProviderNameLocation!.Value.FilePath, Is.EqualTo(file.Path));
    }

    [TestCase("")]
    [TestCase("\n")]
    [TestCase("# a comment\n")]
    public void An_edited_curated_catalog_is_parsed(string appended)
    {
        const string Catalog = "runware.errors.yaml";
        string text = System.IO.File.ReadAllText(RepoPaths.Catalog(Catalog));
        string edited = appended.Length == 0 ? text.Replace("title: Runware API", "title: Runware APIs", StringComparison.Ordinal) : text + appended;
        Assert.That(edited, Is.Not.EqualTo(text));
        CatalogParser.YamlParsesOnThisThread = 0;
        CatalogParseResult result = CatalogParser.Parse(File(Catalog, edited));
        Assert.That(CatalogParser.YamlParsesOnThisThread, Is.EqualTo(1));
        Assert.That(result, Is.EqualTo(CatalogParser.ParseYaml(File(Catalog, edited))));
    }

    [Test]
    public void Another_catalog_with_a_curated_file_name_is_parsed()
    {
        string text = "schema: errorcodegen/v1\nprovider:\n  name: Mine\n  title: Mine\n  format: runware\nerrors:\n  - code: 1\n    name: ONE\n    retryable: false\n    summary: One.\n";
        CatalogParser.YamlParsesOnThisThread = 0;
        CatalogParseResult result = CatalogParser.Parse(File("runware.errors.yaml", text, "/project/runware.errors.yaml"));
        Assert.That(CatalogParser.YamlParsesOnThisThread, Is.EqualTo(1));
        Assert.That(result.Model!.Provider.Name, Is.EqualTo("Mine"));
    }

    [Test]
    public void A_build_with_only_the_curated_catalogs_parses_no_YAML()
    {
        CatalogParser.YamlParsesOnThisThread = 0;
        var (result, output, diagnostics) = GeneratorHarness.Run(s_curated.Select(GeneratorHarness.CuratedCatalog));
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        Assert.That(result.GeneratedTrees, Has.Length.EqualTo(s_curated.Length * GeneratorHarness.FilesPerCatalog));
        Assert.That(CatalogParser.YamlParsesOnThisThread, Is.Zero);
    }
}

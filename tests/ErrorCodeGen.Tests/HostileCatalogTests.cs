using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>Catalogs built to hurt: the generator answers each with a diagnostic or valid code, in bounded time, never a crash.</summary>
public class HostileCatalogTests
{
    private const string Header = "schema: errorcodegen/v1\nprovider:\n  name: Hostile\n  title: Hostile API\n  format: runcomfy\nerrors:\n";

    private static (GeneratorDriverRunResult Result, List<Diagnostic> Diagnostics) Generate(string text, string path = "/h/hostile.errors.yaml")
    {
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText(path, text) });
        Assert.That(result.Results.Single().Exception, Is.Null, "the generator threw");
        Assert.That(diagnostics.Where(d => d.Id.StartsWith("CS", StringComparison.Ordinal)), Is.Empty, "no compiler-level failure (CS8785)");
        return (result, diagnostics.ToList());
    }

    [Test]
    public void Billion_laughs_alias_bomb_is_refused_without_expanding()
    {
        var yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++)
        {
            yaml.Append("a").Append(i).Append(": &a").Append(i).Append(" [");
            yaml.Append(string.Join(",", Enumerable.Repeat("*a" + (i - 1), 9)));
            yaml.Append("]\n");
        }

        var (result, diagnostics) = Generate(Header.Replace("errors:\n", string.Empty) + yaml);

        Assert.That(diagnostics.Select(d => d.Id).Distinct(), Does.Contain("ECG0015"));
        Assert.That(diagnostics.Count(d => d.Id == "ECG0015"), Is.EqualTo(81), "each alias reported once, none expanded");
        Assert.That(result.GeneratedTrees, Is.Empty);
    }

    [Test]
    public void Ten_megabyte_catalog_is_read()
    {
        var yaml = new StringBuilder(Header, 11 * 1024 * 1024);
        string paragraph = string.Concat(Enumerable.Repeat("Retry the request with **backoff** after checking `config_file`. ", 30));
        int i = 1;
        while (yaml.Length < 10 * 1024 * 1024)
        {
            yaml.Append("  - code: ").Append(i++).Append("\n    retryable: false\n    summary: Code number ").Append(i).Append(".\n    remediation: |\n      * ").Append(paragraph).Append("\n      * ").Append(paragraph).Append('\n');
        }

        var (result, diagnostics) = Generate(yaml.ToString());

        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        Assert.That(result.GeneratedTrees, Has.Length.EqualTo(GeneratorHarness.FilesPerCatalog));
    }

    [Test]
    public void Fifty_thousand_codes()
    {
        var yaml = new StringBuilder(Header, 8 * 1024 * 1024);
        for (int i = 1; i <= 50_000; i++)
        {
            yaml.Append("  - code: E").Append(i).Append("\n    retryable: ").Append(i % 2 == 0 ? "true" : "false").Append("\n    summary: Error ").Append(i).Append(".\n");
        }

        var (result, diagnostics) = Generate(yaml.ToString());

        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        SyntaxTree enumTree = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Hostile.ErrorCode.g.cs", StringComparison.Ordinal));
        Assert.That(enumTree.GetText().ToString(), Does.Contain("E50000 = 50000,"));
    }

    [TestCase("")]
    [TestCase("   \n\n")]
    [TestCase("# only a comment\n")]
    public void Empty_file_gets_a_diagnostic(string text)
    {
        var (result, diagnostics) = Generate(text);

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ECG0002" }));
        Assert.That(result.GeneratedTrees, Is.Empty);
    }

    [Test]
    public void Bom_and_crlf_read_like_lf_and_positions_stay_right()
    {
        string lf = Header + "  - code: 1\n    retryable: maybe\n    summary: A.\n";
        string crlf = "\uFEFF" + lf.Replace("\n", "\r\n");

        var (_, lfDiagnostics) = Generate(lf);
        var (_, crlfDiagnostics) = Generate(crlf);

        Assert.That(crlfDiagnostics.Select(d => d.Id), Is.EqualTo(lfDiagnostics.Select(d => d.Id)));
        LinePosition position = crlfDiagnostics.Single().Location.GetLineSpan().StartLinePosition;
        Assert.That((position.Line, position.Character), Is.EqualTo((7, 15)), "line 8, column 16 (0-based 7, 15)");

        CatalogParseResult good = CatalogParser.Parse(new CatalogFile("/h/a.errors.yaml", "\uFEFF" + GoodCatalog.Replace("\n", "\r\n"), null, null));
        CatalogParseResult goodLf = CatalogParser.Parse(new CatalogFile("/h/a.errors.yaml", GoodCatalog, null, null));
        Assert.That(good.Model, Is.EqualTo(goodLf.Model), "CRLF and a BOM change nothing in the model");
    }

    private const string GoodCatalog = Header + "  - code: 1\n    retryable: false\n    summary: A.\n    remediation: |\n      * one\n      * two\n";

    [Test]
    public void Invalid_utf8_is_reported_where_it_starts()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(GoodCatalog.Replace("summary: A.", "summary: A \u00e9."));
        int at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF; // not UTF-8
        string decoded = new UTF8Encoding(false, false).GetString(bytes); // what a lenient reader yields

        var (result, diagnostics) = Generate(decoded);

        Diagnostic diagnostic = diagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo("ECG0021"));
        Assert.That(diagnostic.DefaultSeverity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, Is.EqualTo(9));
        Assert.That(result.GeneratedTrees, Has.Length.EqualTo(GeneratorHarness.FilesPerCatalog), "the rest of the catalog is still generated");
    }

    [Test]
    public void Yaml_scanner_internal_failure_is_a_syntax_diagnostic()
    {
        // Found by the malformed corpus: YamlDotNet's scanner fails an internal check on this input.
        var (result, diagnostics) = Generate("...\nschema: errorcodegen/v1\n");

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ECG0001" }));
        Assert.That(result.GeneratedTrees, Is.Empty);
    }

    [Test]
    public void Deeply_nested_yaml_is_refused()
    {
        var (_, flow) = Generate(Header + "  - code: 1\n    retryable: false\n    summary: " + new string('[', 100_000) + "\n");
        var (_, block) = Generate(Header + "  - code: 1\n    retryable: false\n    summary: x\n    note:\n" + string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', 6 + (2 * i)) + "- \n")));

        Assert.That(flow.Select(d => d.Id), Does.Contain("ECG0016").Or.Contain("ECG0001"));
        Assert.That(block.Select(d => d.Id), Does.Contain("ECG0016").Or.Contain("ECG0001"));
    }

    [TestCase(">", 20_000)]
    [TestCase("- ", 5_000)]
    [TestCase("*", 100_000)]
    [TestCase("[", 100_000)]
    [TestCase("<img src=\"x\" alt=\"", 10_000)]
    [TestCase("`", 100_000)]
    public void Markdown_bombs_in_remediation_render_without_crashing(string unit, int count)
    {
        string bomb = string.Concat(Enumerable.Repeat(unit, count)) + " text";
        string yaml = Header + "  - code: 1\n    retryable: false\n    summary: A.\n    remediation: " + YamlText.DoubleQuoted(bomb) + "\n";

        var (result, diagnostics) = Generate(yaml);

        // Either it renders, or Markdig's nesting limit is reported at the field: never an exception.
        if (diagnostics.Count == 0)
        {
            Assert.That(result.GeneratedTrees, Has.Length.EqualTo(GeneratorHarness.FilesPerCatalog));
        }
        else
        {
            Diagnostic diagnostic = diagnostics.Single();
            Assert.That(diagnostic.Id, Is.EqualTo("ECG0016"));
            Assert.That(diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, Is.EqualTo(10), "at the remediation field");
            Assert.That(result.GeneratedTrees, Is.Empty);
        }
    }
}

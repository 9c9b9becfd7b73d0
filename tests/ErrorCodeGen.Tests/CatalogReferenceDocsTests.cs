using System;
using System.IO;
using System.Linq;
using System.Text;
using ErrorCodeGen.Docs;
using ErrorCodeGen.Generator.Emitting;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>docs/catalogs/*.md are generated from the catalogs by the generator's own model; this fails when one is stale.</summary>
public class CatalogReferenceDocsTests
{
    private static string DocPath(string catalogFile)
        => Path.Combine(RepoPaths.Root, "docs", "catalogs", catalogFile.Replace(".errors.yaml", ".md"));

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.CuratedCatalogs))]
    public void Reference_page_is_up_to_date(string catalogFile)
    {
        CatalogModel model = CatalogParser.Parse(new CatalogFile(RepoPaths.Catalog(catalogFile), File.ReadAllText(RepoPaths.Catalog(catalogFile)), null, null)).Model!;
        string expected = CatalogDocsWriter.Write(model, catalogFile);
        string path = DocPath(catalogFile);

        if (Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1" && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected, new UTF8Encoding(false));
        }

        Assert.That(File.Exists(path), Is.True, $"{path} is missing: regenerate the catalog pages ({Snapshot.AcceptVariable}=1).");
        Assert.That(File.ReadAllText(path).Replace("\r\n", "\n"), Is.EqualTo(expected), $"{path} is stale: regenerate it ({Snapshot.AcceptVariable}=1).");
    }

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.CuratedCatalogs))]
    public void Reference_page_lists_every_code_and_status(string catalogFile)
    {
        CatalogModel model = CatalogParser.Parse(new CatalogFile(RepoPaths.Catalog(catalogFile), File.ReadAllText(RepoPaths.Catalog(catalogFile)), null, null)).Model!;
        string page = CatalogDocsWriter.Write(model, catalogFile);

        foreach (ErrorCodeModel error in model.Errors)
        {
            Assert.That(page, Does.Contain("\n### " + error.Code), error.Code);
            Assert.That(page, Does.Contain("`" + error.MemberName + "`"), error.Code);
        }

        foreach (StatusRuleModel status in model.StatusRules)
        {
            Assert.That(page, Does.Contain("| " + status.Status + " |"), status.Status.ToString());
        }

        Assert.That(page.Split('\n').Count(l => l.Contains("*(inferred)*")), Is.GreaterThanOrEqualTo(model.Errors.Count(e => e.Inferred.Contains("retryable"))));
    }

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.CuratedCatalogs))]
    public void Reference_page_shows_every_note(string catalogFile)
    {
        CatalogModel model = CatalogParser.Parse(new CatalogFile(RepoPaths.Catalog(catalogFile), File.ReadAllText(RepoPaths.Catalog(catalogFile)), null, null)).Model!;
        string page = CatalogDocsWriter.Write(model, catalogFile);
        string?[] notes = model.Errors.Select(e => e.Note)
            .Concat(model.StatusRules.Select(r => r.Note))
            .Concat(model.TransportRules.Select(r => r.Note))
            .Concat(model.Families.Select(f => f.Note))
            .Concat(model.Sections.Select(s => s.Note))
            .Append(model.Provider.Support?.Note)
            .ToArray();
        foreach (string note in notes.OfType<string>())
        {
            Assert.That(page, Does.Contain(note.Trim().Replace("\n", "\n> ")), note);
        }
    }

    [Test]
    public void A_sections_inferred_fields_and_note_are_on_its_page()
    {
        const string Catalog = """
            schema: errorcodegen/v1
            provider:
              name: Sectioned
              title: Sectioned API
              format: runcomfy
            sections:
              - category: Jobs
                endpoints: [/v1/jobs]
                codes: xxx51-xxx99
                summary: Job errors.
                inferred: [endpoints, codes]
                note: The page names the jobs endpoint only in its examples.
            errors:
              - code: 50051
                retryable: true
                category: Jobs
                summary: Job failed.
            """;
        CatalogParseResult parsed = CatalogParser.Parse(new CatalogFile("/src/sectioned.errors.yaml", Catalog, null, null));
        Assert.That(parsed.Diagnostics, Is.Empty);
        string page = CatalogDocsWriter.Write(parsed.Model!, "sectioned.errors.yaml");

        Assert.That(page, Does.Contain("| Jobs | `/v1/jobs` *(inferred)* | `xxx51-xxx99` (x is any digit) *(inferred)* | Job errors. |"));
        Assert.That(page, Does.Contain("> **Note (inferred: endpoints, codes):** The page names the jobs endpoint only in its examples."));
    }
}

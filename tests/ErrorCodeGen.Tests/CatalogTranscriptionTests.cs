using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>The curated catalogs against the vendor pages they were transcribed from.</summary>
public class CatalogTranscriptionTests
{
    private static CatalogModel Load(string fileName)
    {
        CatalogParseResult result = CatalogParser.Parse(new CatalogFile(RepoPaths.Catalog(fileName), File.ReadAllText(RepoPaths.Catalog(fileName)), null, null));
        Assert.That(result.Diagnostics.Select(d => d.ToDiagnostic().ToString()), Is.Empty, "the curated catalog has diagnostics");
        Assert.That(result.Model, Is.Not.Null);
        return result.Model!;
    }

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.CuratedCatalogs))]
    public void Curated_catalog_parses_without_diagnostics(string fileName) => Load(fileName);

    [Test]
    public void Trainer_catalog_has_every_code_of_the_page_with_its_name()
    {
        string page = File.ReadAllText(RepoPaths.Seed("001_213f7be69ff6a95d.txt"));
        var onPage = Regex.Matches(page, @"^### (\d{5}) (\S+)\s*$", RegexOptions.Multiline)
            .Select(m => (Code: m.Groups[1].Value, Name: m.Groups[2].Value.Replace("\\_", "_")))
            .ToList();

        CatalogModel catalog = Load("runcomfy-trainer.errors.yaml");

        Assert.That(onPage, Has.Count.EqualTo(44), "the page lists 44 codes");
        Assert.That(catalog.Errors.Select(e => (e.Code, e.Name)), Is.EqualTo(onPage), "same codes, names and order as the page");
    }

    [Test]
    public void Trainer_codes_carry_their_status_from_the_first_three_digits()
    {
        foreach (ErrorCodeModel error in Load("runcomfy-trainer.errors.yaml").Errors)
        {
            Assert.That(error.HttpStatus, Is.EqualTo(int.Parse(error.Code[..3])), error.Code);
            Assert.That(error.EnumValue, Is.EqualTo(long.Parse(error.Code)), "numeric codes keep their number");
            Assert.That(error.Summary.PlainText, Is.Not.Empty, error.Code);
            Assert.That(error.Remediation.PlainText, Is.Not.Empty, error.Code);
            Assert.That(error.ExceptionGroup, Is.Not.Null, error.Code);
        }
    }

    [Test]
    public void Dataset_not_found_exists_twice_with_distinct_member_names()
    {
        var notFound = Load("runcomfy-trainer.errors.yaml").Errors.Where(e => e.Name == "DATASET_NOT_FOUND").ToList();

        Assert.That(notFound.Select(e => e.Code), Is.EqualTo(new[] { "40401", "42254" }));
        Assert.That(notFound.Select(e => e.MemberName).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public void Trainer_retry_rules_follow_the_page()
    {
        var byCode = Load("runcomfy-trainer.errors.yaml").Errors.ToDictionary(e => e.Code);

        // Stated by the page.
        Assert.That((byCode["50001"].IsRetryable, byCode["50001"].Retry), Is.EqualTo((true, RetryKind.Backoff)), "retry after a short delay");
        Assert.That((byCode["50002"].IsRetryable, byCode["50002"].Retry), Is.EqualTo((true, RetryKind.Backoff)), "retry with backoff");
        Assert.That((byCode["50052"].IsRetryable, byCode["50052"].Retry), Is.EqualTo((true, RetryKind.Once)), "retry job submission once");
        Assert.That(byCode["50001"].Inferred, Is.Empty);
        Assert.That(byCode["50052"].Inferred, Is.Empty);

        // Not stated: every such rule says it was inferred, and why.
        foreach (ErrorCodeModel error in byCode.Values.Where(e => e.Code.StartsWith('4')))
        {
            Assert.That(error.Inferred, Does.Contain("retryable"), error.Code);
            Assert.That(error.Note, Is.Not.Null.And.Not.Empty, error.Code);
        }
    }

    [Test]
    public void Trainer_remediation_keeps_images_formula_links_and_code()
    {
        var byCode = Load("runcomfy-trainer.errors.yaml").Errors.ToDictionary(e => e.Code);

        Assert.That(byCode["42258"].Remediation.PlainText, Does.Contain("(batch_size × (max_res/1024)^2 ≥ 6)"));
        Assert.That(byCode["42257"].Remediation.PlainText, Does.Contain("[Image: Alt Add Hugging Face token] (https://mintcdn.com/"));
        Assert.That(byCode["42257"].Remediation.PlainText, Does.Contain("How to set up a Hugging Face token for FLUX training (https://www.runcomfy.com/trainer/ai-toolkit/huggingface-token-flux-ostris-ai-toolkit)"));
        Assert.That(byCode["42251"].Remediation.PlainText, Does.Contain("Set \"config_file_format\": \"yaml\" in the request body."));
        Assert.That(byCode["42252"].Remediation.PlainText, Does.Contain("(https://docs.runcomfy.com/trainer-apis/async-queue-endpoints-training-jobs#request-body-important-fields)"), "relative links are made absolute against the page");
        Assert.That(byCode["42257"].Remediation.XmlDoc, Does.Contain("<see href=\"https://mintcdn.com/"));
        Assert.That(byCode["42258"].Remediation.XmlDoc, Does.Contain("<c>batch_size</c>"));
    }
}

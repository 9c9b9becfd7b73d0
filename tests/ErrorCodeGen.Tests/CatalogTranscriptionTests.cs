using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// The curated catalogs against the vendor pages they were transcribed from: one test per page that the codes (and
/// status rows) on it are exactly those of its catalog, plus the Trainer catalog's details. The pages are read from
/// ../shared/seeds; without that folder these tests are skipped (see <see cref="RepoPaths.Seed"/>).
/// </summary>
public class CatalogTranscriptionTests
{
    private static CatalogModel Load(string fileName)
    {
        CatalogParseResult result = CatalogParser.Parse(new CatalogFile(RepoPaths.Catalog(fileName), File.ReadAllText(RepoPaths.Catalog(fileName)), null, null));
        Assert.That(result.Diagnostics.Select(d => d.ToDiagnostic().ToString()), Is.Empty, "the curated catalog has diagnostics");
        Assert.That(result.Model, Is.Not.Null);
        return result.Model!;
    }

    private static string Page(string seed) => File.ReadAllText(RepoPaths.Seed(seed)).Replace("\r\n", "\n");

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.CuratedCatalogs))]
    public void Curated_catalog_parses_without_diagnostics(string fileName) => Load(fileName);

    [Test]
    public void RunComfy_trainer_page_has_every_code_of_the_catalog_with_its_name_in_order()
    {
        var onPage = Regex.Matches(Page("001_213f7be69ff6a95d.txt"), @"^### (\d{5}) (\S+)\s*$", RegexOptions.Multiline)
            .Select(m => (Code: m.Groups[1].Value, Name: m.Groups[2].Value.Replace("\\_", "_")))
            .ToList();

        CatalogModel catalog = Load("runcomfy-trainer.errors.yaml");

        Assert.That(onPage, Has.Count.EqualTo(44), "the page lists 44 codes");
        Assert.That(catalog.Errors.Select(e => (e.Code, e.Name)), Is.EqualTo(onPage), "same codes, names and order as the page");
    }

    [Test]
    public void RunComfy_serverless_page()
    {
        var entries = Regex.Matches(Page("000_745159ffe5db9800.txt"), @"^(\d{5,6}) (.+?)\s*$", RegexOptions.Multiline)
            .Select(m => (Code: m.Groups[1].Value, Name: m.Groups[2].Value))
            .ToList();
        var distinct = entries.Distinct().ToList();
        CatalogModel catalog = Load("runcomfy-serverless.errors.yaml");

        Assert.That(entries, Has.Count.EqualTo(21), "21 entries on the page");
        Assert.That(distinct, Has.Count.EqualTo(18), "18 distinct codes (10007 and 10012 repeat under several phases)");
        Assert.That(catalog.Errors.Select(e => (e.Code, e.Name)), Is.EquivalentTo(distinct));
        Assert.That(catalog.Errors.Single(e => e.Code == "10007").Phases, Has.Count.EqualTo(entries.Count(e => e.Code == "10007")));
        Assert.That(catalog.Errors.Single(e => e.Code == "10012").Phases, Has.Count.EqualTo(entries.Count(e => e.Code == "10012")));
    }

    [Test]
    public void RunComfy_serverless_codes_carry_the_request_phases_they_are_listed_under()
    {
        // "grouped into two parts: General Error Codes and Errors by Request Phase": every section but the two "General"
        // ones is a phase ("Deployment Gating Errors" is the phase "Deployment gating").
        var onPage = new Dictionary<string, List<string>>();
        string? phase = null;
        foreach (string line in Page("000_745159ffe5db9800.txt").Split('\n'))
        {
            Match heading = Regex.Match(line, @"^(?:ComfyUI )?([A-Z][a-z]+(?: [A-Z][a-z]+)*) Errors?$");
            Match code = Regex.Match(line, @"^(\d{5,6}) \S.*$");
            if (heading.Success)
            {
                string words = heading.Groups[1].Value;
                phase = words.StartsWith("General") ? null : words[..1] + words[1..].ToLowerInvariant();
            }
            else if (code.Success)
            {
                if (!onPage.TryGetValue(code.Groups[1].Value, out List<string>? phases))
                {
                    onPage[code.Groups[1].Value] = phases = new List<string>();
                }

                if (phase != null)
                {
                    phases.Add(phase);
                }
            }
        }

        var catalog = Load("runcomfy-serverless.errors.yaml").Errors.ToDictionary(e => e.Code, e => e.Phases.ToList());

        Assert.That(onPage.Keys, Is.EquivalentTo(catalog.Keys));
        Assert.That(onPage.Count(p => p.Value.Count > 0), Is.EqualTo(12), "12 codes are listed under a request phase");
        foreach (var (code, phases) in onPage)
        {
            Assert.That(catalog[code], Is.EqualTo(phases), code);
        }

        Assert.That(catalog["10001"], Is.EqualTo(new[] { "Deployment gating" }));
    }

    [Test]
    public void RunComfy_serverless_retry_rules_follow_the_page()
    {
        var byCode = Load("runcomfy-serverless.errors.yaml").Errors.ToDictionary(e => e.Code);

        // 10012 arrives when polling a request that was never accepted: polling again cannot find it.
        Assert.That((byCode["10012"].IsRetryable, byCode["10012"].Retry), Is.EqualTo((false, RetryKind.None)), "10012: a new submission, not a repeated poll");
        Assert.That(byCode["10012"].Inferred, Is.EquivalentTo(new[] { "retryable", "remediation" }));
        Assert.That(byCode["10012"].Remediation.PlainText, Does.Contain("submit the request again as a new request"));

        // 10007: "your request didn't match the endpoint" is one of the page's two causes, and no retry fixes it.
        Assert.That((byCode["10007"].IsRetryable, byCode["10007"].Retry), Is.EqualTo((true, RetryKind.Backoff)));
        Assert.That(byCode["10007"].Remediation.PlainText, Does.Contain("didn’t match the endpoint, no retry fixes it"));
        Assert.That(byCode["10007"].Inferred, Does.Contain("remediation"));

        // 10000, 10005 and 10006 give the same advice, "test the workflow in ComfyUI Cloud before retrying": one rule, marked.
        foreach (string code in new[] { "10000", "10005", "10006" })
        {
            Assert.That(byCode[code].Remediation.PlainText, Does.Contain("ComfyUI Cloud").And.Contain("before retrying"), code);
            Assert.That((byCode[code].IsRetryable, byCode[code].Retry), Is.EqualTo((false, RetryKind.None)), code);
            Assert.That(byCode[code].Inferred, Is.EquivalentTo(new[] { "retryable", "retry" }), code);
        }
    }

    [Test]
    public void Runware_page()
    {
        string page = Page("002_ad3c128574e11222.txt");
        var statuses = Regex.Matches(page, @"^(\d{3}) \|", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        CatalogModel catalog = Load("runware.errors.yaml");

        // The page names its codes in prose (an example body and the retry advice); each catalog code is on the page.
        var named = Regex.Matches(page, @"\b(invalidApiKey|timeoutProvider|providerRateLimitExceeded|[a-z]+[A-Z][A-Za-z]*(?:Error|Exceeded|Provider|Key))\b")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(catalog.Errors.Take(named.Count).Select(e => e.Code), Is.EquivalentTo(named), "the page's codes come first");

        // Every other code comes from the official SDKs, and says so (issue 13: never an invented code).
        foreach (ErrorCodeModel extra in catalog.Errors.Skip(named.Count))
        {
            Assert.That(extra.Note, Does.StartWith("Not on the page. Source: ").And.Contain("SDK"), extra.Code);
        }

        Assert.That(catalog.Families, Is.Not.Empty);
        foreach (CodeFamilyModel family in catalog.Families)
        {
            Assert.That(family.Source, Does.Contain("Runware/runware-typescript src/errors.ts").And.Contain("Runware/runware-python runware/errors.py"), family.Name);
        }
        Assert.That(statuses, Is.EqualTo(new[] { 400, 401, 402, 403, 404, 429, 500, 503 }));
        Assert.That(catalog.StatusRules.Where(s => !s.IsRange).Select(s => s.Status), Is.EqualTo(statuses));
        Assert.That(catalog.StatusRules.Where(s => s.IsRange).Select(s => s.StatusText), Is.EqualTo(new[] { "5xx" }), "the retry advice's \"5xx (Server Error)\"");

        // The page's retry rule: 429 and 5xx are retried with backoff, client errors are not.
        foreach (StatusRuleModel rule in catalog.StatusRules)
        {
            Assert.That(rule.IsRetryable, Is.EqualTo(rule.Status == 429 || rule.Status >= 500), rule.Status.ToString());
        }
    }

    [Test]
    public void Runware_rate_limits_link_says_where_it_comes_from()
    {
        const string target = "https://runware.ai/docs/platform/rate-limits";
        string page = Page("002_ad3c128574e11222.txt");
        CatalogModel catalog = Load("runware.errors.yaml");

        Assert.That(page, Does.Contain("See Rate Limits").And.Not.Contain(target), "the seed has the words, not the target");
        var carriers = catalog.Errors.Select(e => (e.Code, e.Remediation.PlainText, e.Inferred, e.Note))
            .Concat(catalog.StatusRules.Select(r => (Code: r.StatusText, r.Remediation.PlainText, r.Inferred, r.Note)))
            .Where(e => e.PlainText.Contains(target))
            .ToList();

        Assert.That(carriers.Select(c => c.Code), Is.EquivalentTo(new[] { "timeoutProvider", "providerRateLimitExceeded", "429", "500", "503", "5xx" }));
        foreach (var (code, _, inferred, note) in carriers)
        {
            Assert.That(inferred, Does.Contain("remediation"), code);
            Assert.That(note, Does.Contain(target).And.Contain("https://runware.ai/docs/platform/errors.md"), code);
        }
    }

    [Test]
    public void Cmfy_cloud_page()
    {
        string page = Page("003_cfbe884f80dfba13.txt");
        var codes = Regex.Matches(page, @"^(?:\d{3})?([a-z]+(?:_[a-z]+)+)(?=[A-Z'])", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .Where(c => c is not ("retry_afternumber" or "request_idstring")) // the field table's rows, not codes
            .ToList();
        CatalogModel catalog = Load("cmfy-cloud.errors.yaml");

        Assert.That(codes, Has.Count.EqualTo(23));
        Assert.That(catalog.Errors.Select(e => e.Code), Is.EquivalentTo(codes));
        Assert.That(catalog.StatusRules.Where(s => !s.IsRange).Select(s => s.Status), Is.EqualTo(new[] { 400, 401, 403, 404, 429, 500, 503 }), "the page's retry table");
        Assert.That(catalog.StatusRules.Where(s => s.IsRange).Select(s => (s.StatusText, s.ExceptionGroup)), Is.EqualTo(new[] { ("5xx", "Server") }), "the handler's status_code >= 500");
        foreach (ErrorCodeModel error in catalog.Errors)
        {
            Assert.That(error.IsRetryable, Is.EqualTo(error.HttpStatus is 429 or >= 500), error.Code + ": the page's 'Which Errors to Retry' table");
            Assert.That(page, Does.Contain(error.Message), error.Code + ": the message column");
        }

        var waits = catalog.Errors.Where(e => e.RetryAfterMilliseconds.HasValue).ToDictionary(e => e.Code, e => e.RetryAfterMilliseconds);
        Assert.That(waits, Is.EquivalentTo(new Dictionary<string, long?> { ["rate_limit_exceeded"] = 60_000, ["concurrent_limit_reached"] = 5_000, ["queue_full"] = 10_000 }));
    }

    [Test]
    public void Cmfy_cloud_example_handlers_keep_their_text()
    {
        string page = Page("003_cfbe884f80dfba13.txt");
        var handled = new List<(string Code, string Text)>();

        // The 401 example: `case 'a': case 'b': throw new Error('text');`.
        foreach (Match m in Regex.Matches(page, @"((?:case '[a-z_]+':\n)+)throw new Error\('([^']+)'\);"))
        {
            handled.AddRange(Regex.Matches(m.Groups[1].Value, "case '([a-z_]+)'").Select(c => (c.Groups[1].Value, m.Groups[2].Value)));
        }

        // The 400 example: `if error['code'] == 'a':` followed by `raise ValueError("text")`.
        handled.AddRange(Regex.Matches(page, @"error\['code'\] == '([a-z_]+)':\nraise ValueError\(""([^""]+)""\)")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)));

        var byCode = Load("cmfy-cloud.errors.yaml").Errors.ToDictionary(e => e.Code);

        Assert.That(handled.Select(h => h.Code), Is.EquivalentTo(new[] { "missing_auth", "invalid_auth_format", "invalid_api_key", "revoked_api_key", "missing_prompt", "too_many_nodes" }));
        foreach (var (code, text) in handled)
        {
            Assert.That(byCode[code].Remediation.PlainText, Does.Contain("\"" + text + "\""), code);
        }

        Assert.That(page, Does.Contain("Check your API key in environment variables"));
        Assert.That(Load("cmfy-cloud.errors.yaml").StatusRules.Single(r => r.Status == 401).Remediation.PlainText, Does.Contain("\"Check your API key in environment variables\""));
    }

    [Test]
    public void Flow_page()
    {
        var statuses = Regex.Matches(Page("004_f11ef86aa1a6ce5e.txt"), @"^\| (\d{3}) \|", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        CatalogModel catalog = Load("flow.errors.yaml");

        Assert.That(catalog.Errors, Is.Empty, "the page defines no error codes yet");
        Assert.That(statuses, Is.EqualTo(new[] { 200, 400, 401, 403, 404, 429, 500 }));
        Assert.That(catalog.StatusRules.Select(s => s.Status), Is.EqualTo(statuses));
        Assert.That(catalog.StatusRules.Where(s => s.IsRetryable).Select(s => s.Status), Is.EqualTo(new[] { 429, 500 }), "the page says to retry 429 and 500");

        // Every 200 with GraphQL errors is Validation, while the page says to narrow the cause down with the message and the
        // status table: the rule says so, and marks the group as the catalog's choice.
        Assert.That(Page("004_f11ef86aa1a6ce5e.txt"), Does.Contain("use the message and the HTTP status code table above to narrow down the cause"));
        StatusRuleModel ok = catalog.StatusRules.Single(s => s.Status == 200);
        Assert.That(ok.ExceptionGroup, Is.EqualTo("Validation"));
        Assert.That(ok.Inferred, Is.EquivalentTo(new[] { "retryable", "exception" }));
        Assert.That(ok.Note, Does.Contain("narrow down the cause").And.Contain("ServerMessage"));
        Assert.That(catalog.ExceptionGroups.Single(g => g.Name == "Validation").Summary.PlainText, Does.Contain("Every HTTP 200 with GraphQL errors"));
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
        Assert.That((byCode["50002"].IsRetryable, byCode["50002"].Retry), Is.EqualTo((true, RetryKind.Backoff)), "retry with backoff");
        Assert.That((byCode["50052"].IsRetryable, byCode["50052"].Retry), Is.EqualTo((true, RetryKind.Once)), "retry job submission once");
        Assert.That(byCode["50002"].Inferred, Is.Empty);
        Assert.That(byCode["50052"].Inferred, Is.Empty);

        // "Retry (the request) after a short delay": retryable is stated, the strategy (delay or backoff) is a reading.
        foreach (string code in new[] { "50001", "50051" })
        {
            Assert.That(byCode[code].Remediation.PlainText, Does.Contain("after a short delay"), code);
            Assert.That((byCode[code].IsRetryable, byCode[code].Retry), Is.EqualTo((true, RetryKind.Backoff)), code);
            Assert.That(byCode[code].Inferred, Is.EqualTo(new[] { "retry" }), code);
            Assert.That(byCode[code].Note, Does.Contain("short delay"), code);
        }

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

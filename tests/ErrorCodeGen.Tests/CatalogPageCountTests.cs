using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>One test per vendor page: the codes (and status rows) on the page are exactly those in its catalog.</summary>
public class CatalogPageCountTests
{
    private static CatalogModel Load(string fileName)
        => CatalogParser.Parse(new CatalogFile(RepoPaths.Catalog(fileName), File.ReadAllText(RepoPaths.Catalog(fileName)), null, null)).Model
           ?? throw new AssertionException(fileName + " does not parse");

    private static string Page(string seed) => File.ReadAllText(RepoPaths.Seed(seed)).Replace("\r\n", "\n");

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
    public void RunComfy_trainer_page()
    {
        var codes = Regex.Matches(Page("001_213f7be69ff6a95d.txt"), @"^### (\d{5}) ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

        Assert.That(codes, Has.Count.EqualTo(44));
        Assert.That(Load("runcomfy-trainer.errors.yaml").Errors.Select(e => e.Code), Is.EqualTo(codes));
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
        Assert.That(catalog.Errors.Select(e => e.Code), Is.EquivalentTo(named));
        Assert.That(statuses, Is.EqualTo(new[] { 400, 401, 402, 403, 404, 429, 500, 503 }));
        Assert.That(catalog.StatusRules.Select(s => s.Status), Is.EqualTo(statuses));

        // The page's retry rule: 429 and 5xx are retried with backoff, client errors are not.
        foreach (StatusRuleModel rule in catalog.StatusRules)
        {
            Assert.That(rule.IsRetryable, Is.EqualTo(rule.Status == 429 || rule.Status >= 500), rule.Status.ToString());
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
        Assert.That(catalog.StatusRules.Select(s => s.Status), Is.EqualTo(new[] { 400, 401, 403, 404, 429, 500, 503 }), "the page's retry table");
        foreach (ErrorCodeModel error in catalog.Errors)
        {
            Assert.That(error.IsRetryable, Is.EqualTo(error.HttpStatus is 429 or >= 500), error.Code + ": the page's 'Which Errors to Retry' table");
            Assert.That(page, Does.Contain(error.Message), error.Code + ": the message column");
        }

        var waits = catalog.Errors.Where(e => e.RetryAfterMilliseconds.HasValue).ToDictionary(e => e.Code, e => e.RetryAfterMilliseconds);
        Assert.That(waits, Is.EquivalentTo(new Dictionary<string, long?> { ["rate_limit_exceeded"] = 60_000, ["concurrent_limit_reached"] = 5_000, ["queue_full"] = 10_000 }));
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
    }
}

using System.Linq;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.CatalogFacts;

/// <summary>
/// Status classes and ranges (<c>status: 5xx</c>) through the generated classifiers of the curated catalogs: the page says
/// "5xx" (Runware) and <c>status_code &gt;= 500</c> (cmfy.cloud), so every server status gets the Server group.
/// </summary>
public class StatusRangeTests
{
    private const string HtmlGateway = "<!DOCTYPE html><html><head><title>{0} Bad Gateway</title></head><body><h1>nginx</h1></body></html>";

    [TestCase(502)]
    [TestCase(501)]
    [TestCase(504)]
    [TestCase(599)]
    public void Cmfy_clouds_server_group_catches_an_html_5xx_page(int status)
    {
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(status, string.Format(HtmlGateway, status));

        Assert.That(ex, Is.TypeOf<CmfyCloudServerException>(), "the page's client raises ServerError for status_code >= 500");
        Assert.That(ex.ErrorGroup, Is.EqualTo("Server"));
        Assert.That(ex.Code, Is.EqualTo(CmfyCloudErrorCode.Unknown));
        Assert.That(ex.StatusRule, Is.Not.Null);
        Assert.That(ex.StatusRule!.IsRange, Is.True);
        Assert.That((ex.StatusRule.HttpStatus, ex.StatusRule.LastHttpStatus, ex.StatusRule.StatusText), Is.EqualTo((500, 599, "5xx")));
        Assert.That(ex.IsRetryable, Is.True, "retry with backoff, as the page's handler does for every 5xx");
        Assert.That(ex.RetryStrategy, Is.EqualTo(RetryStrategy.Backoff));
        Assert.That(ex.Remediation, Does.StartWith("Server error - retry with backoff."));
    }

    [Test]
    public void An_exact_status_beats_the_range()
    {
        Assert.That(CmfyCloudErrors.FindStatusRule(503)!.IsRange, Is.False);
        Assert.That(CmfyCloudErrors.FindStatusRule(503)!.Title, Is.EqualTo("Service Unavailable"));
        Assert.That(CmfyCloudErrors.FindStatusRule(500)!.Title, Is.EqualTo("Internal Server Error"));
        Assert.That(CmfyCloudErrors.FindStatusRule(502)!.StatusText, Is.EqualTo("5xx"));
        Assert.That(CmfyCloudErrors.FindStatusRule(499), Is.Null);
        Assert.That(CmfyCloudErrors.FindStatusRule(600), Is.Null);

        CmfyCloudException unavailable = CmfyCloudErrors.FromResponse(503, "<html>down</html>");
        Assert.That(unavailable.StatusRule!.HttpStatus, Is.EqualTo(503));
        Assert.That(unavailable, Is.TypeOf<CmfyCloudServerException>());
    }

    [Test]
    public void A_4xx_without_a_rule_is_still_the_base_exception()
    {
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(409, "<html>conflict</html>");
        Assert.That(ex, Is.TypeOf<CmfyCloudException>(), "the page's client raises its base class for other statuses");
        Assert.That(ex.StatusRule, Is.Null);
    }

    [TestCase(502)]
    [TestCase(504)]
    public void Runwares_5xx_rule_covers_what_its_table_does_not_list(int status)
    {
        RunwareException ex = RunwareErrors.FromResponse(status, "<html>upstream</html>");
        Assert.That(ex, Is.TypeOf<RunwareServerException>());
        Assert.That(ex.StatusRule!.StatusText, Is.EqualTo("5xx"));
        Assert.That(ex.IsRetryable, Is.True);
        Assert.That(RunwareErrors.FindStatusRule(500)!.IsRange, Is.False, "the table's 500 keeps its rule");
    }

    [Test]
    public void Status_rules_are_listed_with_the_range_and_print_as_written()
    {
        Assert.That(CmfyCloudErrors.StatusRules.Select(r => r.StatusText), Is.EqualTo(new[] { "400", "401", "403", "404", "429", "500", "5xx", "503" }));
        Assert.That(CmfyCloudErrors.FindStatusRule(502)!.ToString(), Is.EqualTo("CmfyCloud HTTP 5xx"));
        Assert.That(CmfyCloudErrors.FindStatusRule(429)!.ToString(), Is.EqualTo("CmfyCloud HTTP 429"));
    }

    [Test]
    public void The_factory_makes_ranges_and_refuses_a_reversed_one()
    {
        var factory = new CatalogFactory("Acme", null);
        StatusRule range = factory.StatusRule(500, 549, title: "Server", isRetryable: true);
        Assert.That((range.IsRange, range.StatusText, range.Covers(549), range.Covers(550)), Is.EqualTo((true, "500-549", true, false)));
        Assert.That(factory.StatusRule(400, 499).StatusText, Is.EqualTo("4xx"));
        Assert.That(() => factory.StatusRule(599, 500), Throws.TypeOf<System.ArgumentOutOfRangeException>());
        StatusRule exact = factory.StatusRule(429, title: "Too Many Requests");
        Assert.That((exact.IsRange, exact.LastHttpStatus, exact.Covers(429)), Is.EqualTo((false, 429, true)));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>The small public surface of the catalog types, the factory generated code uses, and the one-line ToString of responses.</summary>
public class CatalogModelTests
{
    [Test]
    public void Factory_supplies_the_provider_and_its_documentation_url()
    {
        var factory = new CatalogFactory("Contoso", "https://docs.contoso.com/errors");
        ErrorDescriptor own = factory.ErrorDescriptor("a", documentationUrl: "https://docs.contoso.com/a");
        ErrorDescriptor inherited = factory.ErrorDescriptor("b", name: "B_NAME");

        Assert.That(own.Provider, Is.EqualTo("Contoso"));
        Assert.That(own.DocumentationUrl, Is.EqualTo("https://docs.contoso.com/a"));
        Assert.That(inherited.DocumentationUrl, Is.EqualTo("https://docs.contoso.com/errors"));
        Assert.That(inherited.Name, Is.EqualTo("B_NAME"));
        Assert.That(own.Name, Is.EqualTo("a"), "the name defaults to the code");
    }

    [Test]
    public void Retry_strategy_left_out_is_what_a_catalog_without_retry_means()
    {
        var factory = new CatalogFactory("Contoso", null);
        Assert.That(factory.ErrorDescriptor("a", isRetryable: true).RetryStrategy, Is.EqualTo(RetryStrategy.Backoff));
        Assert.That(factory.ErrorDescriptor("b").RetryStrategy, Is.EqualTo(RetryStrategy.None));
        Assert.That(factory.StatusRule(429, isRetryable: true, retryStrategy: RetryStrategy.Delay).RetryStrategy, Is.EqualTo(RetryStrategy.Delay));
    }

    [Test]
    public void Error_descriptors_and_status_rules_share_one_shape()
    {
        var factory = new CatalogFactory("Contoso", null);
        CatalogEntry[] entries =
        {
            factory.ErrorDescriptor("a", isRetryable: true, summary: "S.", remediation: "R.", inferredFields: new[] { "retryable" }, inferenceNote: "N."),
            factory.StatusRule(503, isRetryable: true, summary: "S.", remediation: "R.", inferredFields: new[] { "retryable" }, inferenceNote: "N."),
        };

        foreach (CatalogEntry entry in entries)
        {
            Assert.That(entry.IsInferred("RETRYABLE"), Is.True, entry.ToString());
            Assert.That(entry.IsInferred("summary"), Is.False, entry.ToString());
            Assert.That((entry.Summary, entry.Remediation, entry.InferenceNote), Is.EqualTo(("S.", "R.", "N.")));
        }
    }

    [Test]
    public void Small_public_constructors_fill_the_rest_with_defaults()
    {
        var descriptor = new ErrorDescriptor("Contoso", "a", isRetryable: true, summary: "S.");
        var rule = new StatusRule("Contoso", 404, isRetryable: false, summary: "Not found.");
        var item = new ApiError("a", "message");

        Assert.That((descriptor.Name, descriptor.RetryStrategy, descriptor.Phases.Count, descriptor.InferredFields.Count), Is.EqualTo(("a", RetryStrategy.Backoff, 0, 0)));
        Assert.That((rule.Title, rule.RetryStrategy, rule.Remediation), Is.EqualTo(((string?)null, RetryStrategy.None, string.Empty)));
        Assert.That((item.Details.Count, item.ExtraFields.Count, item.Parameter), Is.EqualTo((0, 0, (string?)null)));
        Assert.That(CatalogFactory.ApiError("a", "m", parameter: "p", details: new[] { "d" }).Details, Is.EqualTo(new[] { "d" }));
    }

    [Test]
    public void Error_response_to_string_is_one_redacted_line_without_headers()
    {
        var headers = new Dictionary<string, IEnumerable<string>>
        {
            ["X-Request-Id"] = new[] { "req-1" },
            ["Retry-After"] = new[] { "7" },
            ["Authorization"] = new[] { "Bearer header-secret" },
            ["X-RateLimit-Limit"] = new[] { "100" },
            ["X-RateLimit-Remaining"] = new[] { "0" },
        };
        string body = "{\"error\": {\"code\": \"queue_full\", \"message\": \"Queue full\\nfor Bearer body-secret-token\"}}";
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, body, headers);

        string text = response.ToString();
        TestContext.Out.WriteLine(text);
        Assert.That(text, Does.StartWith("ErrorResponse(Cmfy, HTTP 429, Json, code 'queue_full', request id 'req-1', retry after 00:00:07): \"Queue full"));
        Assert.That(text, Does.Not.Contain("\n"));
        Assert.That(text, Does.Not.Contain("secret"));
        Assert.That(response.RateLimit!.ToString(), Is.EqualTo("RateLimit(limit 100, remaining 0, reset ?)"));
    }
}

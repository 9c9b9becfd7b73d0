using System.IO;
using System.Linq;
using System.Reflection;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>Code families (issue 13) in the parser and the emitter: parsed as written, emitted compactly, and only when declared.</summary>
public class CodeFamilyGenerationTests
{
    private const string Catalog = """
        schema: errorcodegen/v1
        provider:
          name: Fam
          title: Fam API
          format: runware
        exceptions:
          - name: Validation
        errors:
          - code: invalidApiKey
            retryable: false
            summary: The key is wrong.
        families:
          - name: Timeout
            contains: timeout
            ignore_case: true
            retryable: true
            retry: once
            retry_after: 2s
            summary: A time-out.
            source: SDK errors.ts.
          - name: Validation
            prefix: [invalid, missing]
            suffix: Invalid
            exception: Validation
            retryable: false
            summary: Invalid.
            remediation: Fix the **request**.
            source: SDK errors.ts.
        """;

    [Test]
    public void Families_are_parsed_as_written_and_in_order()
    {
        CatalogModel model = CatalogParser.Parse(new CatalogFile("/r/fam.errors.yaml", Catalog, null, null)).Model!;

        Assert.That(model.Families.Select(f => f.Name), Is.EqualTo(new[] { "Timeout", "Validation" }));
        CodeFamilyModel timeout = model.Families[0];
        Assert.That((timeout.IgnoreCase, timeout.Retry, timeout.RetryAfterMilliseconds, timeout.Contains.Single()), Is.EqualTo((true, RetryKind.Once, (long?)2000, "timeout")));
        CodeFamilyModel validation = model.Families[1];
        Assert.That(validation.Prefixes, Is.EqualTo(new[] { "invalid", "missing" }));
        Assert.That(validation.Suffixes, Is.EqualTo(new[] { "Invalid" }));
        Assert.That((validation.ExceptionGroup, validation.Remediation.PlainText, validation.Source), Is.EqualTo(("Validation", "Fix the request.", "SDK errors.ts.")));
    }

    [Test]
    public void Families_are_emitted_as_one_list_and_classified_in_FromErrorResponse()
    {
        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/r/fam.errors.yaml", Catalog) });
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        string errors = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Fam.Errors.g.cs", System.StringComparison.Ordinal)).GetText().ToString();
        string exceptions = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Fam.Exceptions.g.cs", System.StringComparison.Ordinal)).GetText().ToString();

        Assert.That(errors, Does.Contain("s_families =").And.Contain("Families => s_families;"));
        Assert.That(errors, Does.Contain("global::ErrorCodeGen.ErrorFamily.Find(response.RawCode, s_families)"));
        Assert.That(errors, Does.Contain("case \"Validation\":"));
        int start = errors.IndexOf("s_families =", System.StringComparison.Ordinal);
        int end = errors.IndexOf("});", start, System.StringComparison.Ordinal);
        int lines = errors.Substring(start, end - start).Count(c => c == '\n');
        Assert.That(lines / 2.0, Is.LessThanOrEqualTo(6), "at most six lines a family");
        Assert.That(exceptions, Does.Contain("global::ErrorCodeGen.ErrorFamily? family = null"));
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty);
    }

    [Test]
    public void A_catalog_without_families_generates_no_family_code()
    {
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { GeneratorHarness.CuratedCatalog("cmfy-cloud.errors.yaml") });
        Assert.That(diagnostics, Is.Empty);

        Assert.That(result.GeneratedTrees.Select(t => t.GetText().ToString()), Has.None.Contains("ErrorFamily"));
    }

    [Test]
    public void Refresh_credentials_is_parsed_and_wraps_the_entry()
    {
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { GeneratorHarness.CuratedCatalog("flow.errors.yaml") });
        Assert.That(diagnostics, Is.Empty);
        string errors = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Flow.Errors.g.cs", System.StringComparison.Ordinal)).GetText().ToString();

        Assert.That(errors, Does.Contain("s_status403 = s_catalog.RefreshingCredentials(s_catalog.StatusRule(403,"));
        Assert.That(errors.Split('\n').Count(l => l.Contains("RefreshingCredentials")), Is.EqualTo(1));
    }
    [Test]
    public void A_catalog_with_families_and_provider_rules_builds_its_exceptions_from_both()
    {
        // Families need the family parameter, provider rules (backoff, support) the ProviderRules constructor: both at once
        // take the constructor that has both, compiled at C# 7.3 and run.
        string yaml = Catalog.Replace(
            "  format: runware\n",
            "  format: runware\n  backoff:\n    base: 2s\n    attempts: 4\n  support:\n    contact: Fam Support\n    send: [request id]\n");
        var compilation = GeneratorHarness.CreateCompilation(version: LanguageVersion.CSharp7_3);
        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/r/fam.errors.yaml", yaml) }, compilation);
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        string exceptions = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Fam.Exceptions.g.cs", System.StringComparison.Ordinal)).GetText().ToString();
        Assert.That(exceptions, Does.Contain("FamErrors.ProviderRules, response, descriptor, statusRule, family, null"));

        using var pe = new MemoryStream();
        var emit = output.WithAssemblyName("FamRules" + System.Guid.NewGuid().ToString("N")).Emit(pe);
        Assert.That(emit.Success, Is.True, GeneratorHarness.Describe(emit.Diagnostics.Take(5)));
        Assembly assembly = Assembly.Load(pe.ToArray());
        var catalog = (IErrorCatalog)assembly.GetType("Consumer.FamErrors")!.GetProperty("Catalog")!.GetValue(null)!;

        ApiErrorException family = catalog.FromResponse(400, "{\"errors\":[{\"code\":\"invalidWidth\",\"message\":\"m\"}]}");
        Assert.That(family.Descriptor, Is.Null);
        Assert.That(family.Family?.Name, Is.EqualTo("Validation"));
        Assert.That(family.ErrorGroup, Is.EqualTo("Validation"));
        Assert.That(family.ProviderRules, Is.Not.Null);
        Assert.That(family.RetryParameters?.MaxAttempts, Is.EqualTo(4));
        Assert.That(family.Remediation, Does.Contain("Fix the request.").And.Contain("Fam Support"));
        Assert.That(family.Message, Does.Contain("(family Validation)"));

        ApiErrorException listed = catalog.FromResponse(401, "{\"errors\":[{\"code\":\"invalidApiKey\"}]}");
        Assert.That((listed.Descriptor?.Code, listed.Family, listed.RetryParameters?.BaseDelay), Is.EqualTo(("invalidApiKey", (ErrorFamily?)null, (System.TimeSpan?)System.TimeSpan.FromSeconds(2))));
    }
}

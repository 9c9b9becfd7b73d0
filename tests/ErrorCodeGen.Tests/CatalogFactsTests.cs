using System.Collections.Generic;
using System.Linq;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// The catalog facts of issue 12 (status ranges, <c>backoff</c>, <c>transport</c>, <c>support</c>, <c>sections</c>): each
/// mistake is a diagnostic at its node (1-based line and column here), and a catalog with all of them generates code that
/// compiles at C# 7.3.
/// </summary>
public class CatalogFactsTests
{
    private const string Path = "/repo/facts.errors.yaml";

    private const string Provider = "schema: errorcodegen/v1\nprovider:\n  name: Acme\n  title: Acme API\n  format: runcomfy\n";

    private const string OneCode = "errors:\n  - code: 1\n    retryable: true\n    summary: A.\n";

    private static CatalogParseResult Parse(string yaml) => CatalogParser.Parse(new CatalogFile(Path, yaml, null, null));

    private static List<Diagnostic> Diagnose(string yaml) => Parse(yaml).Diagnostics.Select(d => d.ToDiagnostic()).ToList();

    private static void AssertSingle(string yaml, string id, int line, int column, string? messagePart = null)
    {
        List<Diagnostic> diagnostics = Diagnose(yaml);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { id }), string.Join("\n", diagnostics));
        FileLinePositionSpan span = diagnostics[0].Location.GetLineSpan();
        Assert.That(span.Path, Is.EqualTo(Path));
        Assert.That((span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1), Is.EqualTo((line, column)), diagnostics[0].ToString());
        if (messagePart != null)
        {
            Assert.That(diagnostics[0].GetMessage(), Does.Contain(messagePart));
        }
    }

    private static string Statuses(string first, string second)
        => Provider + "exceptions:\n  - name: Server\nstatuses:\n"
        + "  - status: " + first + "\n    retryable: true\n    summary: A.\n"
        + "  - status: " + second + "\n    retryable: true\n    summary: B.\nerrors: []\n";

    // ---------------------------------------------------------------- status ranges

    [Test]
    public void Overlapping_ranges_of_equal_width_are_reported_at_the_later_one()
        => AssertSingle(Statuses("500-549", "520-569"), "ECG0036", 12, 13, "overlaps the range 500-549 at line 9");

    [Test]
    public void The_same_range_written_twice_is_an_overlap()
        => AssertSingle(Statuses("5xx", "500-599"), "ECG0036", 12, 13, "Status range 500-599 overlaps the range 5xx");

    [TestCase("6xx", "ECG0005", "600")]
    [TestCase("5xz", "ECG0013", "a class (5xx) or a range (500-599)")]
    [TestCase("599-500", "ECG0013", "from a lower status to a higher one")]
    [TestCase("450-650", "ECG0005", "650")]
    public void A_status_that_is_no_status_class_or_range_is_reported_at_its_value(string status, string id, string message)
        => AssertSingle(Statuses(status, "429"), id, 9, 13, message);

    [Test]
    public void Ranges_of_different_width_and_exact_statuses_may_overlap_and_are_ordered()
    {
        string yaml = Statuses("5xx", "500-549").Replace("errors: []\n", "  - status: 500\n    retryable: true\n    summary: C.\n  - status: 503\n    retryable: true\n    summary: D.\nerrors: []\n");
        CatalogParseResult result = Parse(yaml);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Model!.StatusRules.Select(r => r.StatusText), Is.EqualTo(new[] { "500", "500-549", "5xx", "503" }));
        Assert.That(result.Model.StatusRules.Select(r => r.IsRange), Is.EqualTo(new[] { false, true, true, false }));
    }

    // ---------------------------------------------------------------- backoff

    private static string ProviderBackoff(string lines) => Provider + "  backoff:\n" + lines + OneCode;

    [Test]
    public void A_jitter_over_100_percent_is_reported_at_its_value()
        => AssertSingle(ProviderBackoff("    jitter: 150%\n"), "ECG0013", 7, 13, "percentage (10%) or a fraction (0.1)");

    [Test]
    public void Zero_attempts_are_reported_at_the_value()
        => AssertSingle(ProviderBackoff("    attempts: 0\n"), "ECG0013", 7, 15, "at least 1");

    [Test]
    public void A_cap_below_the_base_is_reported_at_the_cap()
        => AssertSingle(ProviderBackoff("    base: 2s\n    cap: 1s\n"), "ECG0013", 8, 10, "not below the base");

    [Test]
    public void A_wrong_duration_is_reported_at_the_value()
        => AssertSingle(ProviderBackoff("    base: soon\n"), "ECG0013", 7, 11, "duration");

    [Test]
    public void An_unknown_backoff_key_is_a_warning_with_a_suggestion()
        => AssertSingle(ProviderBackoff("    attempts: 3\n    atempts: 3\n"), "ECG0011", 8, 5, "did you mean 'attempts'");

    [Test]
    public void A_backoff_that_is_not_a_mapping_is_reported()
        => AssertSingle(Provider + "  backoff: fast\n" + OneCode, "ECG0004", 6, 12, "backoff");

    [Test]
    public void An_empty_backoff_is_reported()
        => AssertSingle(Provider + "  backoff: {}\n" + OneCode, "ECG0003", 6, 12, "base, cap, jitter or attempts");

    [Test]
    public void A_backoff_with_only_a_note_is_reported()
        => AssertSingle(Provider + "  backoff:\n    note: From the page.\n" + OneCode, "ECG0003", 7, 5, "base, cap, jitter or attempts");

    [Test]
    public void An_inferred_backoff_needs_a_note()
        => AssertSingle(Provider + OneCode + "    backoff:\n      attempts: 3\n    inferred: [backoff]\n", "ECG0003", 12, 5, "'note'");

    [Test]
    public void Backoff_values_are_read_into_the_model()
    {
        string yaml = Provider + "  backoff:\n    base: 500ms\n    cap: 1m\n    jitter: 0.25\n    attempts: 4\n" + OneCode + "    backoff:\n      jitter: 10%\n";
        CatalogParseResult result = Parse(yaml);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Model!.Provider.Backoff, Is.EqualTo(new BackoffModel(500, 60_000, 0.25, 4)));
        Assert.That(result.Model.Errors[0].Backoff, Is.EqualTo(new BackoffModel(null, null, 0.1, null)));
    }

    // ---------------------------------------------------------------- support

    [Test]
    public void Support_without_a_contact_is_reported_at_the_mapping()
        => AssertSingle(Provider + "  support:\n    send: [the full error response]\n" + OneCode, "ECG0003", 7, 5, "Support is missing the required field 'contact'");

    [Test]
    public void Support_that_is_not_a_mapping_is_reported()
        => AssertSingle(Provider + "  support: hi@example.com\n" + OneCode, "ECG0004", 6, 12, "support");

    [Test]
    public void An_inferred_support_contact_needs_a_note()
        => AssertSingle(Provider + "  support:\n    contact: help@example.com\n    inferred: [contact]\n" + OneCode, "ECG0003", 8, 5, "'note'");

    [Test]
    public void Support_is_read_once_for_the_provider()
    {
        CatalogParseResult result = Parse(Provider + "  support:\n    contact: help@example.com\n    send: [the request id, your job_id]\n" + OneCode);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Model!.Provider.Support!.PlainText, Is.EqualTo("Support: help@example.com; send the request id, your job_id."));
    }

    // ---------------------------------------------------------------- transport

    private static string Transport(string rules) => Provider + "exceptions:\n  - name: Server\ntransport:\n" + rules + OneCode;

    [Test]
    public void An_unknown_transport_failure_is_reported_at_its_value()
        => AssertSingle(Transport("  - failure: dns\n    retryable: true\n    summary: A.\n"), "ECG0013", 9, 14, "use timeout");

    [Test]
    public void A_second_rule_for_the_same_failure_is_reported()
        => AssertSingle(Transport("  - failure: timeout\n    retryable: true\n    summary: A.\n  - failure: Timeout\n    retryable: false\n    summary: B.\n"), "ECG0013", 12, 14, "line 9");

    [Test]
    public void A_transport_rule_names_a_declared_exception_group()
        => AssertSingle(Transport("  - failure: connection\n    retryable: true\n    exception: Network\n    summary: A.\n"), "ECG0009", 11, 16, "Network");

    [Test]
    public void A_transport_rule_with_contradictory_retry_settings_warns()
        => AssertSingle(Transport("  - failure: timeout\n    retryable: false\n    retry: backoff\n    summary: A.\n"), "ECG0018", 11, 12, "has no effect");

    [Test]
    public void A_transport_rule_without_a_summary_is_reported()
        => AssertSingle(Transport("  - failure: timeout\n    retryable: true\n"), "ECG0003", 9, 5, "'summary'");

    // ---------------------------------------------------------------- sections

    private static string Sections(string sections, string errors) => Provider + "sections:\n" + sections + "errors:\n" + errors;

    private const string DatasetCode = "  - code: 40001\n    retryable: false\n    category: Dataset\n    summary: A.\n";

    [Test]
    public void A_code_against_its_sections_numbering_is_reported_at_the_code()
        => AssertSingle(
            Sections("  - category: Dataset\n    codes: xxx01-xxx49\n", DatasetCode + "  - code: 40051\n    retryable: false\n    category: Dataset\n    summary: B.\n"),
            "ECG0013", 14, 11, "numbers its codes xxx01-xxx49");

    [TestCase("01-49x")]
    [TestCase("xxx49-xxx01")]
    [TestCase("xx01-xxx49")]
    public void A_numbering_rule_that_is_no_pattern_is_reported_at_its_value(string codes)
        => AssertSingle(Sections("  - category: Dataset\n    codes: " + codes + "\n", DatasetCode), "ECG0013", 8, 12, "xxx01-xxx49");

    [Test]
    public void A_section_no_code_belongs_to_is_reported_at_its_category()
        => AssertSingle(Sections("  - category: Jobs\n    endpoints: [/jobs]\n", DatasetCode), "ECG0013", 7, 15, "no code has this category");

    [Test]
    public void Codes_without_endpoints_take_their_sections()
    {
        CatalogParseResult result = Parse(Sections(
            "  - category: Dataset\n    endpoints: [/v1/datasets]\n    codes: xxx01-xxx49\n    summary: Applies to `/v1/datasets`.\n",
            DatasetCode + "  - code: 40002\n    retryable: false\n    category: Dataset\n    endpoints: [POST /v1/datasets]\n    summary: B.\n"));
        Assert.That(result.Diagnostics, Is.Empty);
        CatalogModel model = result.Model!;
        Assert.That(model.Errors[0].Endpoints, Is.EqualTo(new[] { "/v1/datasets" }));
        Assert.That(model.Errors[0].EndpointsFromSection, Is.True);
        Assert.That(model.Errors[1].Endpoints, Is.EqualTo(new[] { "POST /v1/datasets" }));
        Assert.That(model.Errors[1].EndpointsFromSection, Is.False);
        Assert.That(model.Sections.Single().Codes, Is.EqualTo("xxx01-xxx49"));
    }

    // ---------------------------------------------------------------- generated code

    internal const string AllFacts = """
        schema: errorcodegen/v1
        provider:
          name: Facts
          title: Facts API
          format: cmfy
          backoff:
            base: 500ms
            cap: 30s
            jitter: 10%
            attempts: 4
          support:
            contact: help@example.com
            send: [the request id, your job_id]
        exceptions:
          - name: Server
            summary: Server errors.
          - name: Network
            summary: No response.
        statuses:
          - status: 429
            retryable: true
            retry: delay
            backoff:
              attempts: 2
            summary: Too many requests.
          - status: 503
            retryable: true
            exception: Server
            summary: Unavailable.
          - status: 500-549
            retryable: true
            exception: Server
            summary: Some server errors.
          - status: 5xx
            retryable: true
            summary: Other server errors.
        transport:
          - failure: timeout
            retryable: true
            exception: Network
            backoff:
              base: 2s
            summary: Timed out.
            remediation: Use a longer timeout.
          - failure: connection
            retryable: true
            summary: Could not connect.
        sections:
          - category: Jobs
            endpoints: [/v1/jobs]
            codes: xxx51-xxx99
            inferred: [endpoints]
            note: The page names the jobs endpoint only in its examples.
        errors:
          - code: 50051
            http: 500
            retryable: true
            exception: Server
            category: Jobs
            backoff:
              attempts: 2
            summary: Job failed.
          - code: 40051
            http: 400
            retryable: false
            category: Jobs
            endpoints: [POST /v1/jobs]
            summary: Bad job.
        """;

    [Test]
    public void Every_fact_generates_code_that_compiles_at_CSharp_7_3()
    {
        var compilation = GeneratorHarness.CreateCompilation(version: Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3);
        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/src/facts.errors.yaml", AllFacts) }, compilation, new TestOptionsProvider());

        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, GeneratorHarness.Describe(output.GetDiagnostics()));
        foreach (SyntaxTree tree in result.GeneratedTrees)
        {
            Snapshot.Verify(tree.GetText().ToString(), System.IO.Path.GetFileNameWithoutExtension(tree.FilePath));
        }
    }

    [Test]
    public void Every_fact_survives_the_shipped_model_format()
    {
        CatalogParseResult parsed = CatalogParser.ParseYaml(new CatalogFile("/src/facts.errors.yaml", AllFacts, null, null));
        Assert.That(parsed.Diagnostics, Is.Empty);
        byte[] data = ShippedModels.Write(parsed, AllFacts);
        CatalogParseResult loaded = ShippedModels.ReadForTests(data, new CatalogFile("/src/facts.errors.yaml", AllFacts, null, null))!;
        Assert.That(loaded.Model, Is.EqualTo(parsed.Model));
        Assert.That(loaded.Model!.TransportRules.Count, Is.EqualTo(2));
        Assert.That(loaded.Model.Provider.Support, Is.Not.Null);
        Assert.That(loaded.Model.StatusRules.Count(r => r.IsRange), Is.EqualTo(2));
        Assert.That(loaded.Model.Sections.Single().Inferred, Is.EqualTo(new[] { "endpoints" }));
        Assert.That(loaded.Model.Sections.Single().Note, Is.EqualTo("The page names the jobs endpoint only in its examples."));
    }
}

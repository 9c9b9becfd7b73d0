using System.Collections.Generic;
using System.Linq;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>Each catalog mistake gives its own diagnostic at the offending node (line and column are 1-based here).</summary>
public class CatalogDiagnosticTests
{
    private const string Path = "/repo/bad.errors.yaml";

    private const string Header = """
        schema: errorcodegen/v1
        provider:
          name: Acme
          title: Acme API
          format: runcomfy
        exceptions:
          - name: Validation
        errors:

        """;

    private static List<Diagnostic> Diagnose(string yaml)
        => CatalogParser.Parse(new CatalogFile(Path, yaml, null, null)).Diagnostics.Select(d => d.ToDiagnostic()).ToList();

    private static void AssertSingle(string yaml, string id, int line, int column, string? messagePart = null)
    {
        List<Diagnostic> diagnostics = Diagnose(yaml);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { id }), string.Join("\n", diagnostics));
        Diagnostic diagnostic = diagnostics[0];
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.That(span.Path, Is.EqualTo(Path));
        Assert.That((span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1), Is.EqualTo((line, column)), diagnostic.ToString());
        if (messagePart != null)
        {
            Assert.That(diagnostic.GetMessage(), Does.Contain(messagePart));
        }
    }

    private const string FamilyHeader = """
        schema: errorcodegen/v1
        provider:
          name: Acme
          title: Acme API
          format: runware
        exceptions:
          - name: Validation
        errors:
          - code: invalidApiKey
            retryable: false
            summary: The key is wrong.
        families:

        """;

    [Test]
    public void Duplicate_code_family()
        => AssertSingle(
            FamilyHeader
            + "  - name: Validation\n    prefix: invalid\n    retryable: false\n    summary: Invalid.\n    source: SDK.\n"
            + "  - name: Validation\n    prefix: missing\n    retryable: false\n    summary: Missing.\n    source: SDK.\n",
            "ECG0040", 18, 11, "declared twice (first at line 13)");

    [Test]
    public void Family_pattern_shadowed_by_an_earlier_family()
        => AssertSingle(
            FamilyHeader
            + "  - name: Timeout\n    contains: timeout\n    ignore_case: true\n    retryable: true\n    summary: T.\n    source: SDK.\n"
            + "  - name: Provider\n    prefix: [provider, providerTimeout]\n    retryable: true\n    summary: P.\n    source: SDK.\n",
            "ECG0041", 20, 13, "'providerTimeout' of family 'Provider'");

    [Test]
    public void Family_pattern_that_only_overlaps_is_not_reported()
    {
        // invalidTimeout matches both, and goes to the first family; neither pattern covers the other.
        List<Diagnostic> diagnostics = Diagnose(
            FamilyHeader
            + "  - name: Timeout\n    contains: Timeout\n    retryable: true\n    summary: T.\n    source: SDK.\n"
            + "  - name: Validation\n    prefix: invalid\n    exception: Validation\n    retryable: false\n    summary: V.\n    source: SDK.\n"
            + "  - name: Provider\n    prefix: providerTimeout\n    ignore_case: true\n    retryable: true\n    summary: P.\n    source: SDK.\n");
        Assert.That(diagnostics, Is.Empty, string.Join("\n", diagnostics));
    }

    [Test]
    public void Family_without_a_pattern()
        => AssertSingle(FamilyHeader + "  - name: Empty\n    retryable: false\n    summary: E.\n    source: SDK.\n", "ECG0003", 13, 5, "'prefix', 'suffix' or 'contains'");

    [Test]
    public void Family_without_a_source()
        => AssertSingle(FamilyHeader + "  - name: NoSource\n    prefix: x\n    retryable: false\n    summary: E.\n", "ECG0003", 13, 5, "'source'");

    [Test]
    public void Family_pattern_with_white_space()
        => AssertSingle(FamilyHeader + "  - name: Padded\n    suffix: ' Expired'\n    retryable: false\n    summary: E.\n    source: SDK.\n", "ECG0013", 14, 13, "white space");

    [Test]
    public void Family_with_an_unknown_exception_group()
        => AssertSingle(FamilyHeader + "  - name: Billing\n    contains: Credits\n    exception: Payment\n    retryable: false\n    summary: B.\n    source: SDK.\n", "ECG0009", 15, 16, "Payment");

    [Test]
    public void Yaml_syntax_error() => AssertSingle(Header + "  - code: 1\n    summary: \"unterminated\n", "ECG0001", 10, 14);

    [Test]
    public void Unknown_schema_version()
        => AssertSingle(Header.Replace("errorcodegen/v1", "errorcodegen/v9") + "  []", "ECG0002", 1, 9, "errorcodegen/v9");

    [Test]
    public void Missing_required_field()
        => AssertSingle(Header + "  - code: 40001\n    summary: Bad id.\n", "ECG0003", 9, 5, "'retryable'");

    [Test]
    public void Http_status_that_is_not_a_number()
        => AssertSingle(Header + "  - code: 40001\n    http: four hundred\n    retryable: false\n    summary: Bad id.\n", "ECG0004", 10, 11, "four hundred");

    [Test]
    public void Retryable_that_is_not_a_boolean()
        => AssertSingle(Header + "  - code: 40001\n    retryable: maybe\n    summary: Bad id.\n", "ECG0004", 10, 16, "true or false");

    [Test]
    public void Http_status_out_of_range()
        => AssertSingle(Header + "  - code: 40001\n    http: 999\n    retryable: false\n    summary: Bad id.\n", "ECG0005", 10, 11, "999");

    [Test]
    public void Duplicate_code()
        => AssertSingle(Header + "  - code: 1\n    retryable: false\n    summary: A.\n  - code: 1\n    name: Other\n    retryable: false\n    summary: B.\n", "ECG0006", 12, 11, "line 9");

    [Test]
    public void Identifier_collision_suggests_an_override()
        => AssertSingle(Header + "  - code: rate-limit\n    retryable: true\n    summary: A.\n  - code: rate_limit\n    retryable: true\n    summary: B.\n", "ECG0007", 12, 11, "identifier:");

    [Test]
    public void Collision_with_the_generated_Unknown_member()
        => AssertSingle(Header + "  - code: unknown\n    retryable: false\n    summary: A.\n", "ECG0007", 9, 11, "Unknown");

    [Test]
    public void Invalid_identifier_override()
        => AssertSingle(Header + "  - code: 1\n    identifier: class\n    retryable: false\n    summary: A.\n", "ECG0008", 10, 17, "keyword");

    [Test]
    public void Unknown_exception_group()
        => AssertSingle(Header + "  - code: 1\n    exception: Validaton\n    retryable: false\n    summary: A.\n", "ECG0009", 10, 16, "Validation");

    [Test]
    public void Unknown_key_is_a_warning_with_a_suggestion()
    {
        AssertSingle(Header + "  - code: 1\n    retryabel: false\n    retryable: false\n    summary: A.\n", "ECG0011", 10, 5, "did you mean 'retryable'");
        Assert.That(Diagnose(Header + "  - code: 1\n    retryabel: false\n    retryable: false\n    summary: A.\n")[0].Severity, Is.EqualTo(DiagnosticSeverity.Warning));
    }

    [Test]
    public void Empty_catalog_is_a_warning() => AssertSingle(Header + "  []\n", "ECG0012", 8, 1);

    [Test]
    public void Aliases_are_refused_where_they_stand()
        => AssertSingle(Header + "  - code: 1\n    retryable: false\n    summary: &s A.\n  - code: 2\n    retryable: false\n    summary: *s\n", "ECG0015", 14, 14);

    [Test]
    public void Duplicate_key()
        => AssertSingle(Header + "  - code: 1\n    retryable: false\n    retryable: true\n    summary: A.\n", "ECG0014", 11, 5, "line 10");

    [Test]
    public void Code_zero_is_reserved_for_Unknown()
        => AssertSingle(Header + "  - code: 0\n    retryable: false\n    summary: A.\n", "ECG0013", 9, 11, "Unknown");

    [Test]
    public void Inferred_field_needs_a_note()
        => AssertSingle(Header + "  - code: 1\n    retryable: false\n    inferred: [retryable]\n    summary: A.\n", "ECG0003", 11, 5, "'note'");

    [Test]
    public void Duplicate_status_rule()
        => AssertSingle(Header.Replace("errors:\n", "statuses:\n  - status: 429\n    retryable: true\n    summary: A.\n  - status: 429\n    retryable: true\n    summary: B.\nerrors: []\n"), "ECG0019", 12, 13, "line 9");

    [Test]
    public void Duplicate_exception_group()
        => AssertSingle(Header.Replace("  - name: Validation\n", "  - name: Validation\n  - name: Validation\n") + "  []\n", "ECG0020", 8, 11, "line 7");

    [Test]
    public void Contradictory_retry_settings_warn()
    {
        AssertSingle(Header + "  - code: 1\n    retryable: false\n    retry: backoff\n    summary: A.\n", "ECG0018", 11, 12, "has no effect");
        AssertSingle(Header + "  - code: 1\n    retryable: true\n    retry: none\n    summary: A.\n", "ECG0018", 11, 12, "contradicts");
        AssertSingle(Header + "  - code: 1\n    retryable: false\n    refused: true\n    summary: A.\n", "ECG0018", 11, 14, "'refused: true' has no effect");
    }

    [Test]
    public void Markdown_nested_too_deeply_is_reported_at_the_field()
        => AssertSingle(Header + "  - code: 1\n    retryable: false\n    summary: A.\n    remediation: \"" + new string('>', 20_000) + " x\"\n", "ECG0016", 12, 18, "nested too deeply");

    [Test]
    public void Yaml_nested_too_deeply_is_reported_where_it_goes_too_deep()
    {
        List<Diagnostic> diagnostics = Diagnose(Header + "  - code: 1\n    retryable: false\n    summary: " + new string('[', 1000) + "\n");
        Diagnostic diagnostic = diagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo("ECG0016"));
        Assert.That(diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, Is.EqualTo(11));
    }

    [Test]
    public void Catalog_with_an_error_produces_no_code()
    {
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText(Path, Header + "  - code: 1\n    retryable: maybe\n    summary: A.\n") });

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ECG0004" }));
        Assert.That(result.GeneratedTrees, Is.Empty, "nothing half-valid is emitted");
    }

    [Test]
    public void Two_catalogs_with_one_provider_name()
    {
        string catalog = Header + "  - code: 1\n    retryable: false\n    summary: A.\n";
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/repo/a.errors.yaml", catalog), new TestAdditionalText("/repo/b.errors.yaml", catalog) });

        Diagnostic diagnostic = diagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo("ECG0010"));
        Assert.That(diagnostic.Location.GetLineSpan().Path, Is.EqualTo("/repo/b.errors.yaml"));
        Assert.That(diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, Is.EqualTo(3));
        Assert.That(result.GeneratedTrees, Has.Length.EqualTo(GeneratorHarness.FilesPerCatalog), "the first catalog (by path) is still generated");
    }

    [Test]
    public void Missing_runtime_reference_is_reported_instead_of_broken_code()
    {
        var compilation = GeneratorHarness.CreateCompilation(references: GeneratorHarness.ReferencesWithoutRuntime);
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { GeneratorHarness.CuratedCatalog("runcomfy-trainer.errors.yaml") }, compilation);

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ECG0017" }));
        Assert.That(diagnostics[0].Location.GetLineSpan().Path, Does.EndWith("runcomfy-trainer.errors.yaml"));
        Assert.That(result.GeneratedTrees, Is.Empty);
    }

    [Test]
    public void Yaml_that_is_not_a_catalog_file_is_ignored()
    {
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/repo/settings.yaml", "not: [a catalog") });

        Assert.That(diagnostics, Is.Empty);
        Assert.That(result.GeneratedTrees, Is.Empty);
    }
}

/// <summary>MSBuild settings that cannot be honoured are errors, not silent defaults.</summary>
public class OptionDiagnosticTests
{
    private static readonly TestAdditionalText s_catalog = new("/repo/ok.errors.yaml", "schema: errorcodegen/v1\nprovider:\n  name: Ok\n  title: Ok API\n  format: cmfy\nerrors:\n  - code: a\n    retryable: false\n    summary: A.\n");

    [TestCase("build_property.ErrorCodeGenAccessibility", "protected", "Property ErrorCodeGenAccessibility")]
    [TestCase("build_property.ErrorCodeGenNamespace", "My-Sdk.Errors", "Property ErrorCodeGenNamespace")]
    public void Invalid_project_setting(string key, string value, string named)
    {
        var options = new TestOptionsProvider(new System.Collections.Generic.Dictionary<string, string> { [key] = value });
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { s_catalog }, options: options);

        Diagnostic diagnostic = diagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo("ECG0022"));
        Assert.That(diagnostic.GetMessage(), Does.Contain(named).And.Contain(value));
        Assert.That(diagnostic.Location.GetLineSpan().Path, Is.EqualTo("/repo/ok.errors.yaml"));
        Assert.That(result.GeneratedTrees, Is.Empty);
    }

    [Test]
    public void Per_file_metadata_wins_and_is_validated()
    {
        var perFile = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IDictionary<string, string>>
        {
            ["/repo/ok.errors.yaml"] = new System.Collections.Generic.Dictionary<string, string>
            {
                ["build_metadata.AdditionalFiles.ErrorCodeGenNamespace"] = "Contoso.Sdk.Errors",
                ["build_metadata.AdditionalFiles.ErrorCodeGenAccessibility"] = "internal",
            },
        };
        var options = new TestOptionsProvider(new System.Collections.Generic.Dictionary<string, string> { ["build_property.RootNamespace"] = "Root", ["build_property.ErrorCodeGenAccessibility"] = "public" }, perFile);
        var (_, output, diagnostics) = GeneratorHarness.Run(new[] { s_catalog }, options: options);

        Assert.That(diagnostics, Is.Empty);
        INamedTypeSymbol type = output.GetTypeByMetadataName("Contoso.Sdk.Errors.OkErrorCode")!;
        Assert.That(type, Is.Not.Null);
        Assert.That(type.DeclaredAccessibility, Is.EqualTo(Accessibility.Internal));
    }

    [Test]
    public void Enum_reserved_name_value__()
    {
        var diagnostics = CatalogParser.Parse(new CatalogFile("/r/a.errors.yaml", "schema: errorcodegen/v1\nprovider:\n  name: A\n  title: A\n  format: cmfy\nerrors:\n  - code: x\n    identifier: value__\n    retryable: false\n    summary: S.\n", null, null)).Diagnostics;

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ECG0007" }));
    }

    [Test]
    public void Padded_code_is_refused()
    {
        var diagnostics = CatalogParser.Parse(new CatalogFile("/r/a.errors.yaml", "schema: errorcodegen/v1\nprovider:\n  name: A\n  title: A\n  format: cmfy\nerrors:\n  - code: \" x\"\n    retryable: false\n    summary: S.\n", null, null)).Diagnostics;

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ECG0013" }));
    }
}

/// <summary>Checks across catalogs of one project.</summary>
public class CrossCatalogTests
{
    private static TestAdditionalText Catalog(string path, string provider, string group = "Auth")
        => new(path, $"schema: errorcodegen/v1\nprovider:\n  name: {provider}\n  title: T\n  format: cmfy\nexceptions:\n  - name: {group}\nerrors:\n  - code: a\n    retryable: false\n    summary: A.\n");

    [Test]
    public void Provider_names_differing_only_in_case_collide()
    {
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { Catalog("/r/a.errors.yaml", "Foo"), Catalog("/r/b.errors.yaml", "FOO") });

        Assert.That(result.Results.Single().Exception, Is.Null);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ECG0010" }));
        Assert.That(result.GeneratedTrees, Has.Length.EqualTo(GeneratorHarness.FilesPerCatalog));
    }

    [Test]
    public void Generated_type_names_colliding_across_catalogs()
    {
        // Provider "AB" generates ABException; provider "A" with group "B" would too.
        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { Catalog("/r/a.errors.yaml", "AB", "X"), Catalog("/r/b.errors.yaml", "A", "B") });

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ECG0023" }));
        Assert.That(diagnostics[0].GetMessage(), Does.Contain("ABException"));
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);
    }
}

public class StricterValueTests
{
    private const string Head = "schema: errorcodegen/v1\nprovider:\n  name: A\n  title: A\n  format: cmfy\nerrors:\n";

    private static string[] Ids(string errors) => CatalogParser.Parse(new CatalogFile("/r/a.errors.yaml", Head + errors, null, null)).Diagnostics.Select(d => d.Id).ToArray();

    [Test]
    public void Tagged_string_code_stays_text()
    {
        var result = CatalogParser.Parse(new CatalogFile("/r/a.errors.yaml", Head + "  - code: !!str 42\n    retryable: false\n    summary: S.\n", null, null));
        Assert.That(result.Model!.Errors[0].IsNumeric, Is.False);
    }

    [Test]
    public void Quoted_numbers_and_booleans_are_text() => Assert.That(Ids("  - code: 1\n    http: \"422\"\n    retryable: \"false\"\n    summary: S.\n"), Is.EqualTo(new[] { "ECG0004", "ECG0004" }));

    [Test]
    public void Retry_after_without_retrying_warns() => Assert.That(Ids("  - code: 1\n    retryable: false\n    retry_after: 5s\n    summary: S.\n"), Is.EqualTo(new[] { "ECG0018" }));

    [Test]
    public void Inferred_must_name_fields_the_entry_sets()
        => Assert.That(Ids("  - code: 1\n    retryable: false\n    inferred: [http, code]\n    note: n\n    summary: S.\n"), Is.EqualTo(new[] { "ECG0013", "ECG0013" }));

    [Test]
    public void Inferred_needs_a_non_empty_note() => Assert.That(Ids("  - code: 1\n    retryable: false\n    inferred: [retryable]\n    note: \"\"\n    summary: S.\n"), Is.EqualTo(new[] { "ECG0003" }));
}

public class DiagnosticCatalogTests
{
    private static IEnumerable<DiagnosticDescriptor> All() => ErrorCodeGen.Generator.Diagnostics.DiagnosticDescriptors.All;

    [Test]
    public void The_lookup_table_lists_every_descriptor()
    {
        // DiagnosticInfo carries a descriptor by ID and finds it in DiagnosticDescriptors.All: every descriptor field must be there.
        var fields = typeof(ErrorCodeGen.Generator.Diagnostics.DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.That(fields, Is.Not.Empty);
        Assert.That(All(), Is.EquivalentTo(fields));
        foreach (DiagnosticDescriptor d in fields)
        {
            Assert.That(ErrorCodeGen.Generator.Model.DiagnosticInfo.Create(d, null).Descriptor, Is.SameAs(d), d.Id);
        }
    }

    [Test]
    public void Every_diagnostic_is_documented_released_and_linked()
    {
        string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));
        string releases = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoPaths.Root, "generator", "ErrorCodeGen.Generator", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor d in All())
        {
            Assert.That(docs, Does.Contain("\n## " + d.Id + "\n"), d.Id + " has a section in docs/diagnostics.md");
            Assert.That(releases, Does.Contain(d.Id + " | ErrorCodeGen | " + d.DefaultSeverity + " |"), d.Id + " is in AnalyzerReleases");
            Assert.That(d.HelpLinkUri, Does.EndWith("docs/diagnostics.md#" + d.Id.ToLowerInvariant()));
            Assert.That(d.Id, Does.Match("^ECG00[0-9]{2}$"));
        }

        Assert.That(All().Select(d => d.Id).Distinct().Count(), Is.EqualTo(All().Count()));
    }

    [Test]
    public void Errors_cannot_be_silenced()
    {
        foreach (DiagnosticDescriptor d in All().Where(d => d.DefaultSeverity == DiagnosticSeverity.Error))
        {
            Assert.That(d.CustomTags, Does.Contain(WellKnownDiagnosticTags.NotConfigurable), d.Id);
        }
    }

    [TestCase("my-app.2nd", "my_app._2nd")]
    [TestCase("...", "_")]
    [TestCase("-", "_")]
    [TestCase(".App.", "App")]
    public void Root_namespace_from_a_project_name_is_made_valid(string rootNamespace, string expected)
    {
        var options = new TestOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace });
        var catalog = new TestAdditionalText("/r/ok.errors.yaml", "schema: errorcodegen/v1\nprovider:\n  name: Ok\n  title: Ok\n  format: cmfy\nerrors:\n  - code: a\n    retryable: false\n    summary: A.\n");
        var (_, output, diagnostics) = GeneratorHarness.Run(new[] { catalog }, options: options);

        Assert.That(diagnostics, Is.Empty);
        Assert.That(output.GetTypeByMetadataName(expected + ".OkErrorCode"), Is.Not.Null);
    }
}

public class PreciseLocationTests
{
    private const string Head = "schema: errorcodegen/v1\nprovider:\n  name: A\n  title: A\n  format: cmfy\nerrors:\n";

    private static Diagnostic Single(string text)
        => CatalogParser.Parse(new CatalogFile("/r/a.errors.yaml", text, null, null)).Diagnostics.Single().ToDiagnostic();

    [Test]
    public void Second_document_is_reported_where_it_starts()
    {
        Diagnostic d = Single(Head + "  - code: a\n    retryable: false\n    summary: S.\n---\nmore: 1\n");
        Assert.That(d.Id, Is.EqualTo("ECG0001"));
        Assert.That(d.Location.GetLineSpan().StartLinePosition.Line + 1, Is.EqualTo(10));
    }

    [Test]
    public void Exhausted_enum_values_are_reported_at_each_text_code()
    {
        var diagnostics = CatalogParser.Parse(new CatalogFile("/r/a.errors.yaml", Head + "  - code: 9223372036854775807\n    retryable: false\n    summary: S.\n  - code: x\n    retryable: false\n    summary: S.\n  - code: y\n    retryable: false\n    summary: S.\n", null, null)).Diagnostics.Select(d => d.ToDiagnostic()).ToList();

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ECG0013", "ECG0013" }));
        Assert.That(diagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1), Is.EqualTo(new[] { 10, 13 }));
    }
}

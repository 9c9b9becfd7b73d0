using System.Collections.Generic;
using System.Linq;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// A declared error shape that cannot be right (provider.shape, docs/catalog-schema.md) is an error at the node it is
/// about, with a fix in the message; line and column are 1-based.
/// </summary>
public class ShapeDiagnosticTests
{
    private const string Path = "/repo/shape.errors.yaml";

    private const string Errors = """
        errors:
          - code: invalid_request_error
            retryable: false
            summary: The request is invalid.

        """;

    /// <summary>A catalog with <paramref name="provider"/> after the provider's name and title (line 5 on).</summary>
    private static string Catalog(string provider) => "schema: errorcodegen/v1\nprovider:\n  name: Acme\n  title: Acme API\n" + provider + Errors;

    private static List<Diagnostic> Diagnose(string yaml)
        => CatalogParser.Parse(new CatalogFile(Path, yaml, null, null)).Diagnostics.Select(d => d.ToDiagnostic()).ToList();

    [TestCase("''", "a header name is empty")]
    [TestCase("'   '", "a header name is empty")]
    [TestCase("'X Trace Id'", "only letters, digits")]
    [TestCase("'X-Id:'", "only letters, digits")]
    public void A_request_id_header_that_is_no_header_name_is_reported_at_it(string header, string why)
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: /e\n    code: /c\n  request_id_headers: [" + header + "]\n"), "ECG0013", 9, 24, "request_id_headers", why);

    [Test]
    public void A_value_at_the_end_of_a_long_flow_list_is_reported_at_its_column()
    {
        // The reader keeps the line's start as it goes (it searched back for it at each item, which made a flow list of N
        // items on one line cost N times the line: 400,000 items took 10.8 s, now 0.6 s; docs/benchmarks.md).
        string items = string.Concat(Enumerable.Repeat("x-id, ", 50_000));
        AssertSingle(Catalog("  format: json\n  shape:\n    error: /e\n    code: /c\n  request_id_headers: [" + items + "'X Y']\n"), "ECG0013", 9, 24 + items.Length, "only letters, digits");
    }

    [Test]
    public void A_problem_catalogs_blank_request_id_header_is_reported_too()
        => AssertSingle(Catalog("  format: problem\n  request_id_headers: [x-trace, '']\n"), "ECG0013", 6, 33, "a header name is empty");

    private static void AssertSingle(string yaml, string id, int line, int column, params string[] messageParts)
    {
        List<Diagnostic> diagnostics = Diagnose(yaml);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { id }), string.Join("\n", diagnostics));
        Diagnostic diagnostic = diagnostics[0];
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.That(span.Path, Is.EqualTo(Path));
        Assert.That((span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1), Is.EqualTo((line, column)), diagnostic.ToString());
        foreach (string part in messageParts)
        {
            Assert.That(diagnostic.GetMessage(), Does.Contain(part));
        }
    }

    [Test]
    public void A_valid_json_shape_has_no_diagnostics()
        => Assert.That(Diagnose(Catalog("  format: json\n  shape:\n    error: /error\n    code: [/code, /type]\n    message: /message\n    request_id: /request_id\n  request_id_headers: [request-id]\n")), Is.Empty);

    [Test]
    public void A_status_with_its_failing_values_has_no_diagnostics()
        => Assert.That(Diagnose(Catalog("  format: json\n  shape:\n    error: ''\n    code: /error_code\n    message: /error\n    status: [/status, /state]\n    failing_status: [failed, CANCELED, 'timed out']\n")), Is.Empty);

    [Test]
    public void A_status_without_failing_values_is_reported_at_the_shape()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: ''\n    code: /code\n    status: /status\n"), "ECG0032", 6, 3, "missing 'failing_status'", "add failing_status: [failed]");

    [Test]
    public void Failing_values_without_a_status_are_reported_at_the_shape()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: ''\n    code: /code\n    failing_status: failed\n"), "ECG0032", 6, 3, "missing 'status'", "add status: /status");

    [TestCase("[]", 10, 21, "ECG0013", "the list is empty")]
    [TestCase("[failed, ' failed']", 10, 30, "ECG0013", "spaces around it")]
    [TestCase("['échoué']", 10, 22, "ECG0013", "not plain ASCII")]
    [TestCase("[failed, '']", 10, 30, "ECG0013", "a value is empty")]
    [TestCase("[failed, {a: 1}]", 10, 30, "ECG0004", "a status text such as failed")]
    public void A_failing_value_that_cannot_match_is_reported_at_it(string values, int line, int column, string id, string why)
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: ''\n    code: /code\n    status: /status\n    failing_status: " + values + "\n"), id, line, column, "failing_status", why);

    [Test]
    public void A_status_pointer_is_checked_like_the_others()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: ''\n    code: /code\n    status: status\n    failing_status: failed\n"), "ECG0030", 9, 13, "write '/status'");

    [Test]
    public void A_valid_problem_catalog_needs_no_shape()
        => Assert.That(Diagnose(Catalog("  format: problem\n")), Is.Empty);

    [Test]
    public void Pointer_without_a_leading_slash()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: error\n    code: /code\n"), "ECG0030", 7, 12, "'error'", "must start with '/'", "write '/error'");

    [Test]
    public void Pointer_with_a_bad_tilde_escape_in_a_list()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: /error\n    code: [/code, /a~2b]\n"), "ECG0030", 8, 19, "code", "'~' must be followed by 0", "'~0'");

    [Test]
    public void Pointer_that_is_not_text()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: /error\n    code: {a: 1}\n"), "ECG0030", 8, 11, "expected a pointer such as /code");

    [Test]
    public void Empty_pointer_list()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: /error\n    code: []\n"), "ECG0030", 8, 11, "the list is empty");

    [Test]
    public void Unknown_shape_key_with_a_suggestion()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: /error\n    code: /code\n    mesage: /message\n"), "ECG0031", 9, 5, "'mesage'", "did you mean 'message'?", "the keys are error, code, message", "retry_after, status, failing_status");

    [Test]
    public void Missing_code()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: /error\n    message: /message\n"), "ECG0032", 6, 3, "'code'", "add code: /code");

    [Test]
    public void Missing_error()
        => AssertSingle(Catalog("  format: json\n  shape:\n    code: /code\n"), "ECG0032", 6, 3, "'error'", "add error: /error");

    [Test]
    public void Shape_with_a_built_in_format()
        => AssertSingle(Catalog("  format: cmfy\n  shape:\n    error: /error\n    code: /code\n"), "ECG0033", 6, 3, "'shape'", "'cmfy'", "write format: json");

    [Test]
    public void Request_id_headers_with_a_built_in_format()
        => AssertSingle(Catalog("  format: runware\n  request_id_headers: [x-trace]\n"), "ECG0033", 6, 3, "'request_id_headers'", "'runware'");

    [Test]
    public void Error_location_with_format_problem()
        => AssertSingle(Catalog("  format: problem\n  shape:\n    error: /error\n    code: /code\n"), "ECG0033", 7, 5, "'shape.error'", "read from the root");

    [Test]
    public void Format_json_without_a_shape()
        => AssertSingle(Catalog("  format: json\n"), "ECG0034", 5, 11, "add shape:", "runcomfy, runware, cmfy, graphql");

    [Test]
    public void Pointers_that_contradict_each_other()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: /error\n    code: /code\n    message: /code/text\n"), "ECG0035", 6, 3, "message: '/code/text'", "inside a member another pointer reads as a value");

    [Test]
    public void Nested_error_locations()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: [/error, /error/inner]\n    code: /code\n"), "ECG0035", 6, 3, "nests with another error location");

    [Test]
    public void Whole_body_with_alternatives()
        => AssertSingle(Catalog("  format: json\n  shape:\n    error: [\"\", /error]\n    code: /code\n"), "ECG0035", 6, 3, "cannot have alternatives");

    [Test]
    public void The_shape_of_a_catalog_is_what_the_runtime_compiles()
    {
        // The generator and the runtime share the pointer syntax and the layout rules (linked files): what one accepts
        // the other compiles, and what one rejects the other rejects with the same words.
        string[] pointers = { "/error", "", "error", "/a~1b", "/a~0b", "/a~b", "/~", "/a/", "//", "/a b" };
        foreach (string pointer in pointers)
        {
            var definition = new ErrorShapeDefinition { Error = { "/error" }, Code = { pointer } };
            bool runtime = ErrorShape.TryCreate(definition, out _, out string? runtimeProblem);
            List<Diagnostic> diagnostics = Diagnose(Catalog("  format: json\n  shape:\n    error: /error\n    code: \"" + pointer + "\"\n"));
            Assert.That(diagnostics.Count == 0, Is.EqualTo(runtime), pointer + ": " + runtimeProblem + " / " + string.Join("; ", diagnostics));
            if (!runtime)
            {
                string problem = runtimeProblem!.Substring(runtimeProblem.IndexOf(':') + 2);
                Assert.That(diagnostics.Single().GetMessage(), Does.Contain(problem), pointer);
            }
        }
    }
}

/// <summary>A declared status, generated, compiled at C# 7.3 and run: a job body whose status says it failed is a failure at HTTP 200.</summary>
public class DeclaredStatusGenerationTests
{
    private const string Yaml = """
        schema: errorcodegen/v1
        provider:
          name: Jobs
          title: Jobs API
          format: json
          shape:
            error: ''
            code: /error_code
            message: /error
            status: /status
            failing_status: [failed, canceled]
        errors:
          - code: out_of_memory
            retryable: false
            summary: The job ran out of memory.

        """;

    [Test]
    public void The_generated_catalog_reads_a_failing_status()
    {
        var compilation = GeneratorHarness.CreateCompilation(version: Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3);
        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/r/jobs.errors.yaml", Yaml) }, compilation);
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        string errors = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Jobs.Errors.g.cs", System.StringComparison.Ordinal)).GetText().ToString();
        Assert.That(errors, Does.Contain("Status = { \"/status\" },").And.Contain("FailingStatus = { \"failed\", \"canceled\" },"));

        using var pe = new System.IO.MemoryStream();
        var emit = output.WithAssemblyName("Jobs" + System.Guid.NewGuid().ToString("N")).Emit(pe);
        Assert.That(emit.Success, Is.True, GeneratorHarness.Describe(emit.Diagnostics.Take(5)));
        var catalog = (ErrorCodeGen.IErrorCatalog)System.Reflection.Assembly.Load(pe.ToArray()).GetType("Consumer.JobsErrors")!.GetProperty("Catalog")!.GetValue(null)!;

        Assert.That(catalog.IsFailure(200, """{"id":"j1","status":"failed","error":"CUDA out of memory"}"""), Is.True);
        Assert.That(catalog.IsFailure(200, """{"id":"j1","status":"Canceled"}"""), Is.True);
        Assert.That(catalog.IsFailure(200, """{"id":"j1","status":"succeeded","output":["a.png"]}"""), Is.False);
        ErrorCodeGen.ApiErrorException failed = catalog.FromResponse(200, """{"id":"j1","status":"failed","error":"CUDA out of memory","error_code":"out_of_memory"}""");
        Assert.That((failed.RawCode, failed.ServerMessage, failed.Descriptor?.Code), Is.EqualTo(("out_of_memory", "CUDA out of memory", "out_of_memory")));
    }
}

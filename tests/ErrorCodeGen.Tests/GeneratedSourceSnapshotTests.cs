using System.Linq;
using ErrorCodeGen.Generator;
using ErrorCodeGen.Generator.Emitting;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>The generated files, compared with reviewed snapshots in Snapshots/.</summary>
public class GeneratedSourceSnapshotTests
{
    /// <summary>
    /// A small catalog that uses every field of docs/catalog-schema.md: provider docs, namespace, source and
    /// retry_by; groups with and without a summary; status rules with a title, retry, retry_after, refused, exception,
    /// remediation and inferred values; numeric and text codes (one beyond int, so the enum is long) with name,
    /// identifier, http, retry, retry_after, refused, exception, category, message, Markdown summary and remediation, docs,
    /// endpoints, phases, inferred and note.
    /// </summary>
    internal const string EverySchemaFeature = """
        schema: errorcodegen/v1
        provider:
          name: Sample
          title: Sample API
          docs: https://docs.example.com/errors
          format: runware
          namespace: Sample.Sdk.Errors
          source: seeds/sample.html
          retry_by: status
        exceptions:
          - name: Auth
            summary: The credentials were **refused**.
          - name: Limit
        statuses:
          - status: 401
            title: Unauthorized
            retryable: false
            exception: Auth
            summary: The key is missing or wrong.
            remediation: |
              - Check the `Authorization` header.
              - See [keys](/keys).
          - status: 429
            title: Too Many Requests
            retryable: true
            retry: delay
            retry_after: 1.5 sec
            refused: true
            exception: Limit
            summary: Too many requests.
            inferred: [retry_after]
            note: The page names no wait; 1.5 s is what the service sent in tests.
        errors:
          - code: invalidApiKey
            name: INVALID_API_KEY
            http: 401
            retryable: false
            exception: Auth
            category: Authentication
            message: Invalid API key
            summary: The key is `wrong`.
            remediation: |
              1. Copy the key again from [the dashboard](https://example.com/keys).
              2. Send it as `Authorization: Bearer <key>`.
            docs: https://docs.example.com/errors/auth
            endpoints: [POST /v1/tasks, "GET /v1/tasks/{id}"]
            phases: [submit, poll]
          - code: 42258
            identifier: QueueFull
            http: 429
            retryable: true
            retry: once
            retry_after: 10s
            refused: true
            exception: Limit
            summary: Your queue is full.
            inferred: [retryable, http]
            note: Inferred from the status the service sends.
          - code: 9999999999
            name: TIMEOUT
            retryable: true
            summary: The task took too long.
        """;

    [Test]
    public void Every_schema_feature()
    {
        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/src/sample.errors.yaml", EverySchemaFeature) });

        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty);
        Assert.That(result.GeneratedTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)), Is.EquivalentTo(new[]
        {
            "Sample.ErrorCode.g.cs", "Sample.Errors.g.cs", "Sample.Exceptions.g.cs", "Sample.Catalog.g.cs",
        }));
        foreach (SyntaxTree tree in result.GeneratedTrees)
        {
            Snapshot.Verify(tree.GetText().ToString(), System.IO.Path.GetFileNameWithoutExtension(tree.FilePath));
        }
    }

    /// <summary>The emitter run straight from a hand-built model (as NetEscapades.EnumGenerators does): no YAML, no Roslyn.</summary>
    [Test]
    public void Emitter_from_a_model()
    {
        static RenderedText Text(string plain) => new(plain, plain, System.Security.SecurityElement.Escape(plain)!);
        var model = new CatalogModel(
            "/src/model.errors.yaml",
            new ProviderModel("Model", "Model API", null, "runcomfy", null, null, RetryByStatus: false),
            new[] { new ExceptionGroupModel("Server", "ModelServerException", RenderedText.Empty) }.ToEquatableArray(),
            new[] { new StatusRuleModel(503, "Service Unavailable", true, RetryKind.Delay, 30_000, "Server", Text("Try later."), RenderedText.Empty, EquatableArray<string>.Empty, null) { Refused = true } }.ToEquatableArray(),
            new[]
            {
                new ErrorCodeModel("40001", true, 40001, "BAD_INPUT", "BadInput", 400, false, RetryKind.None, null, null, "Input", null, Text("The input is wrong."), Text("Fix the input & retry."), null, EquatableArray<string>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty, null),
                new ErrorCodeModel("50001", true, 50001, "50001", "Internal", 500, true, RetryKind.Backoff, null, "Server", null, null, Text("Something broke."), RenderedText.Empty, null, EquatableArray<string>.Empty, EquatableArray<string>.Empty, new[] { "retryable" }.ToEquatableArray(), "Assumed transient."),
            }.ToEquatableArray(),
            EnumIsLong: false);

        var files = CatalogEmitter.Emit(model, new EmitOptions("Model.Sdk", "internal", NullableAnnotations: true, "1.2.3"));

        Assert.That(files.Select(f => f.HintName), Is.EqualTo(new[] { "Model.ErrorCode.g.cs", "Model.Errors.g.cs", "Model.Exceptions.g.cs", "Model.Catalog.g.cs" }));
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(files.Select(f => f.Source));
        Assert.That(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, GeneratorHarness.Describe(compilation.GetDiagnostics()));
        foreach (var file in files)
        {
            Snapshot.Verify(file.Source, System.IO.Path.GetFileNameWithoutExtension(file.HintName));
        }
    }

    [Test]
    public void Text_codes_without_namespace_at_CSharp_7_3()
    {
        const string catalog = """
            schema: errorcodegen/v1
            provider:
              name: Sample
              title: Sample API
              format: cmfy
            exceptions:
              - name: Auth
                summary: The credentials were refused.
            statuses:
              - status: 429
                retryable: true
                retry: delay
                retry_after: 60s
                summary: Too many requests.
            errors:
              - code: invalid_api_key
                http: 401
                retryable: false
                exception: Auth
                message: Invalid API key
                summary: The key is wrong.
                remediation: |
                  Check for typos in `Authorization: Bearer <key>`.
              - code: queue_full
                http: 429
                retryable: true
                retry: delay
                retry_after: 10s
                summary: Your queue is full.
            """;
        var compilation = GeneratorHarness.CreateCompilation(version: Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3);
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/src/sample.errors.yaml", catalog) }, compilation, new TestOptionsProvider());

        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        foreach (SyntaxTree tree in result.GeneratedTrees)
        {
            Snapshot.Verify(tree.GetText().ToString(), System.IO.Path.GetFileNameWithoutExtension(tree.FilePath));
        }
    }

    /// <summary>A json catalog's one static shape: the declared provider.shape as an ErrorShapeDefinition, compiled at C# 7.3.</summary>
    [Test]
    public void Declared_shape_at_CSharp_7_3()
    {
        const string catalog = """
            schema: errorcodegen/v1
            provider:
              name: Sample
              title: Sample API
              format: json
              shape:
                message: /message
                code: [/code, /type]
                error: [/error, /errors]
                retry_after: /error/retry_after
                path: /loc
              request_id_headers: [request-id, x-request-id]
            errors:
              - code: invalid_request_error
                http: 400
                retryable: false
                summary: The request is invalid.
            """;
        var compilation = GeneratorHarness.CreateCompilation(version: Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3);
        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/src/sample.errors.yaml", catalog) }, compilation, new TestOptionsProvider());

        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, GeneratorHarness.Describe(output.GetDiagnostics()));
        foreach (SyntaxTree tree in result.GeneratedTrees.Where(t => t.FilePath.EndsWith(".Errors.g.cs", System.StringComparison.Ordinal) || t.FilePath.EndsWith(".Catalog.g.cs", System.StringComparison.Ordinal)))
        {
            Snapshot.Verify(tree.GetText().ToString(), System.IO.Path.GetFileNameWithoutExtension(tree.FilePath));
        }
    }
}

/// <summary>Parsing and emitting do not depend on the machine's culture.</summary>
public class CultureIndependenceTests
{
    [TestCase("tr-TR")]
    [TestCase("de-DE")]
    [TestCase("ar-SA")]
    public void Generated_code_is_the_same_under_any_culture(string culture)
    {
        string[] Generate()
        {
            var (result, _, _) = GeneratorHarness.Run(RepoPaths.CuratedCatalogs.Select(GeneratorHarness.CuratedCatalog));
            return result.GeneratedTrees.Select(t => t.GetText().ToString()).ToArray();
        }

        System.Globalization.CultureInfo original = System.Globalization.CultureInfo.CurrentCulture;
        string[] invariant;
        string[] localized;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            invariant = Generate();
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
            localized = Generate();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = original;
        }

        Assert.That(localized, Is.EqualTo(invariant));
    }
}

using System.Linq;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>The generated files, compared with reviewed snapshots in Snapshots/.</summary>
public class GeneratedSourceSnapshotTests
{
    [Test]
    public void Trainer_catalog()
    {
        var (result, _, _) = GeneratorHarness.Run(new[] { GeneratorHarness.CuratedCatalog("runcomfy-trainer.errors.yaml") });

        Assert.That(result.GeneratedTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)), Is.EquivalentTo(new[]
        {
            "RunComfyTrainer.ErrorCode.g.cs", "RunComfyTrainer.Errors.g.cs", "RunComfyTrainer.Exceptions.g.cs",
        }));
        foreach (SyntaxTree tree in result.GeneratedTrees)
        {
            Snapshot.Verify(tree.GetText().ToString(), System.IO.Path.GetFileNameWithoutExtension(tree.FilePath));
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

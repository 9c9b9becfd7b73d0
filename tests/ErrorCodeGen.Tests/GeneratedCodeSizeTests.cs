using System.Linq;
using System.Text;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// The generated Errors file stays small enough to read on F12: at most 12 lines per code (1,272 lines for the
/// Trainer catalog's 44 codes, about 29 a code, before descriptors had named fields and named arguments).
/// </summary>
public class GeneratedCodeSizeTests
{
    private const double MaxLinesPerCode = 12;

    private static int ErrorsFileLines(GeneratorDriverRunResult result, string provider)
    {
        string text = result.GeneratedTrees.Single(t => t.FilePath.EndsWith(provider + ".Errors.g.cs", System.StringComparison.Ordinal)).GetText().ToString();
        return text.Count(c => c == '\n');
    }

    [Test]
    public void Trainer_catalog_has_at_most_12_lines_per_code()
    {
        var (result, _, diagnostics) = GeneratorHarness.Run(new[] { GeneratorHarness.CuratedCatalog("runcomfy-trainer.errors.yaml") });
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        int codes = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("RunComfyTrainer.ErrorCode.g.cs", System.StringComparison.Ordinal))
            .GetText().ToString().Split('\n').Count(l => l.TrimEnd().EndsWith(",", System.StringComparison.Ordinal) && l.Contains(" = ")) - 1;
        Assert.That(codes, Is.EqualTo(44), "the Trainer catalog's codes (enum members without Unknown)");

        double perCode = ErrorsFileLines(result, "RunComfyTrainer") / (double)codes;
        TestContext.Out.WriteLine($"RunComfyTrainer.Errors.g.cs: {perCode:0.00} lines per code");
        Assert.That(perCode, Is.LessThanOrEqualTo(MaxLinesPerCode));
    }

    /// <summary>
    /// In a small catalog the class's fixed members (parsing, the FromResponse family, docs) dominate, so the lines
    /// per code are measured as what each code adds: a catalog of 12 codes against the same catalog with 2.
    /// </summary>
    [Test]
    public void A_small_catalog_adds_at_most_12_lines_per_code()
    {
        int Lines(int codes)
        {
            var yaml = new StringBuilder("schema: errorcodegen/v1\nprovider:\n  name: Small\n  title: Small API\n  format: cmfy\n");
            yaml.Append("statuses:\n  - status: 429\n    retryable: true\n    summary: Too many requests.\nerrors:\n");
            for (int i = 0; i < codes; i++)
            {
                yaml.Append("  - code: error_number_").Append(i).Append('\n')
                    .Append("    http: 400\n    retryable: ").Append(i % 2 == 0 ? "false" : "true").Append('\n')
                    .Append("    message: Error number ").Append(i).Append(" happened\n")
                    .Append("    summary: The request failed with error number ").Append(i).Append(".\n")
                    .Append("    remediation: |\n      - Check the request.\n      - Send it again with `retry: true`.\n");
            }

            var (result, _, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/src/small.errors.yaml", yaml.ToString()) });
            Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
            return ErrorsFileLines(result, "Small");
        }

        double perCode = (Lines(12) - Lines(2)) / 10.0;
        TestContext.Out.WriteLine($"Small.Errors.g.cs: {perCode:0.00} lines per added code");
        Assert.That(perCode, Is.LessThanOrEqualTo(MaxLinesPerCode));
    }
}

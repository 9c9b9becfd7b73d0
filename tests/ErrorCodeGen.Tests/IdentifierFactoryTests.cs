using System.Linq;
using System.Text;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

public class IdentifierFactoryTests
{
    [TestCase("INVALID_DATASET_ID", "InvalidDatasetId")]
    [TestCase("FLUX2_OOM_RISK", "Flux2OomRisk")]
    [TestCase("invalidApiKey", "InvalidApiKey")]
    [TestCase("invalid_api_key", "InvalidApiKey")]
    [TestCase("ComfyUIConnectionError", "ComfyUIConnectionError")]
    [TestCase("Not Found", "NotFound")]
    [TestCase("rate-limit", "RateLimit")]
    [TestCase("class", "Class")]
    [TestCase("default", "Default")]
    [TestCase("1xx", "Code1xx")]
    [TestCase("42258", "Code42258")]
    [TestCase("a.b-c d", "ABCD")]
    [TestCase("données_invalides", "DonnéesInvalides")]
    [TestCase("ошибка-доступа", "ОшибкаДоступа")]
    [TestCase("日本語エラー", "日本語エラー")]
    [TestCase("🚀 launch", "Launch")]
    [TestCase("🚀", "")]
    public void Names_become_valid_identifiers(string raw, string expected)
    {
        string name = IdentifierFactory.ToPascalCase(raw);

        Assert.That(name, Is.EqualTo(expected));
        if (name.Length > 0)
        {
            Assert.That(IdentifierFactory.IsValidIdentifier(name, out string reason), Is.True, reason);
        }
    }

    [TestCase("class", false)]
    [TestCase("async", false)]
    [TestCase("__reserved", false)]
    [TestCase("9lives", false)]
    [TestCase("a b", false)]
    [TestCase("Valid_1", true)]
    [TestCase("Ünïcödé", true)]
    public void Identifier_validation(string name, bool valid) => Assert.That(IdentifierFactory.IsValidIdentifier(name, out _), Is.EqualTo(valid));

    [Test]
    public void Awkward_codes_generate_code_that_compiles()
    {
        string[] codes = { "class", "default", "1xx", "a.b-c d", "données_invalides", "ошибка-доступа", "日本語エラー", "🚀 launch", "null", "true" };
        var yaml = new StringBuilder("schema: errorcodegen/v1\nprovider:\n  name: Awkward\n  title: Awkward API\n  format: cmfy\nerrors:\n");
        foreach (string code in codes)
        {
            yaml.Append("  - code: \"").Append(code).Append("\"\n    retryable: false\n    summary: S.\n");
        }

        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/x/awkward.errors.yaml", yaml.ToString()) });

        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, GeneratorHarness.Describe(output.GetDiagnostics()));
        var members = output.GetTypeByMetadataName("Consumer.AwkwardErrorCode")!.MemberNames.ToList();
        Assert.That(members, Is.SupersetOf(new[] { "Unknown", "Class", "Default", "Code1xx", "ABCD", "DonnéesInvalides", "ОшибкаДоступа", "日本語エラー", "Launch", "Null", "True" }));
    }
}

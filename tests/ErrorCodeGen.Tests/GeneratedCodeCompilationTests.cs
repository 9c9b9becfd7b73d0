using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>Generated code is checked by compiling it: zero warnings, with documentation diagnostics on, at every language level we support.</summary>
public class GeneratedCodeCompilationTests
{
    /// <summary>Uses the generated API the way an SDK does; valid at C# 7.3.</summary>
    private const string Consumer = @"
namespace Consumer
{
    internal static class Usage
    {
        internal static string Classify(int status, string body)
        {
            RunComfyTrainerErrorCode code;
            if (RunComfyTrainerErrors.TryParse(""42258"", out code) && code.IsRetryable())
            {
                return ""unexpected"";
            }

            try
            {
                throw RunComfyTrainerErrors.FromResponse(status, body);
            }
            catch (RunComfyTrainerValidationException ex)
            {
                return ex.Code + "" "" + ex.Remediation + "" "" + RunComfyTrainerErrorCode.ConfigDatasetNotFound.Describe().Summary;
            }
            catch (CmfyCloudRateLimitException ex)
            {
                return ex.RetryAfter.GetValueOrDefault().TotalSeconds + ""s"";
            }
            catch (global::ErrorCodeGen.ApiErrorException ex)
            {
                return ex.Message + RunwareErrors.All.Count + FlowErrors.StatusRules.Count + RunComfyServerlessErrors.All.Count + code.HttpStatus();
            }
        }
    }
}";

    public static IEnumerable<TestCaseData> LanguageMatrix()
    {
        yield return new TestCaseData(LanguageVersion.CSharp7_3, NullableContextOptions.Disable).SetName("CSharp7_3_nullable_disabled");
        yield return new TestCaseData(LanguageVersion.CSharp8, NullableContextOptions.Enable).SetName("CSharp8_nullable_enabled");
        yield return new TestCaseData(LanguageVersion.Latest, NullableContextOptions.Enable).SetName("Latest_nullable_enabled");
        yield return new TestCaseData(LanguageVersion.Latest, NullableContextOptions.Disable).SetName("Latest_nullable_disabled");
    }

    private static IEnumerable<AdditionalText> AllCatalogs() => RepoPaths.CuratedCatalogs.Select(GeneratorHarness.CuratedCatalog);

    [TestCaseSource(nameof(LanguageMatrix))]
    public void Curated_catalogs_compile_with_zero_warnings(LanguageVersion version, NullableContextOptions nullable)
    {
        var compilation = GeneratorHarness.CreateCompilation(new[] { Consumer }, version, nullable);

        var (result, output, generatorDiagnostics) = GeneratorHarness.Run(AllCatalogs(), compilation);

        Assert.That(generatorDiagnostics, Is.Empty, GeneratorHarness.Describe(generatorDiagnostics));
        Assert.That(result.GeneratedTrees, Has.Length.EqualTo(5 * GeneratorHarness.FilesPerCatalog), "the files of each catalog");
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.That(problems, Is.Empty, GeneratorHarness.Describe(problems));

        using var pe = new MemoryStream();
        using var xml = new MemoryStream();
        var emit = output.Emit(pe, xmlDocumentationStream: xml);
        Assert.That(emit.Success, Is.True, GeneratorHarness.Describe(emit.Diagnostics));
    }

    [Test]
    public void Documentation_file_carries_summary_and_remediation_of_each_code()
    {
        var (_, output, _) = GeneratorHarness.Run(AllCatalogs());
        using var pe = new MemoryStream();
        using var xml = new MemoryStream();
        Assert.That(output.Emit(pe, xmlDocumentationStream: xml).Success, Is.True);

        XDocument doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml.ToArray()));
        XElement member = doc.Descendants("member").Single(m => (string?)m.Attribute("name") == "F:Consumer.RunComfyTrainerErrorCode.Flux2OomRisk");
        Assert.That(member.Element("summary")!.Value, Does.Contain("FLUX.2 training settings have a high out-of-memory (OOM) risk."));
        string remarks = member.Element("remarks")!.Value;
        Assert.That(remarks, Does.Contain("HTTP 422").And.Contain("Not retryable").And.Contain("batch_size × (max_res/1024)^2 ≥ 6"));

        // Every enum member of every catalog is documented.
        var enumMembers = output.GetSymbolsWithName(n => true, SymbolFilter.Member)
            .OfType<IFieldSymbol>()
            .Where(f => f.ContainingType.TypeKind == TypeKind.Enum && f.ContainingType.Name.EndsWith("ErrorCode"))
            .ToList();
        Assert.That(enumMembers, Has.Count.GreaterThan(44));
        foreach (IFieldSymbol field in enumMembers)
        {
            Assert.That(field.GetDocumentationCommentXml(), Does.Contain("<summary>"), field.ToDisplayString());
        }
    }

    [Test]
    public void Internal_accessibility_and_global_namespace_compile()
    {
        var options = new TestOptionsProvider(new Dictionary<string, string> { ["build_property.ErrorCodeGenAccessibility"] = "internal" });
        var compilation = GeneratorHarness.CreateCompilation(new[] { "internal static class Use { internal static object X() { return RunComfyTrainerErrors.FromResponse(500, null); } }" });

        var (_, output, diagnostics) = GeneratorHarness.Run(new[] { GeneratorHarness.CuratedCatalog("runcomfy-trainer.errors.yaml") }, compilation, options);

        Assert.That(diagnostics, Is.Empty);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, GeneratorHarness.Describe(output.GetDiagnostics()));
        INamedTypeSymbol type = output.GetTypeByMetadataName("RunComfyTrainerErrorCode")!;
        Assert.That(type.DeclaredAccessibility, Is.EqualTo(Accessibility.Internal));
    }

    [Test]
    public void Numeric_codes_keep_their_number_as_the_enum_value()
    {
        var (_, output, _) = GeneratorHarness.Run(new[] { GeneratorHarness.CuratedCatalog("runcomfy-trainer.errors.yaml") });
        INamedTypeSymbol type = output.GetTypeByMetadataName("Consumer.RunComfyTrainerErrorCode")!;

        var values = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToDictionary(f => f.Name, f => (int)f.ConstantValue!);
        Assert.That(values["Unknown"], Is.EqualTo(0));
        Assert.That(values["Flux2OomRisk"], Is.EqualTo(42258));
        Assert.That(values["DatasetNotFound"], Is.EqualTo(40401));
        Assert.That(values["ConfigDatasetNotFound"], Is.EqualTo(42254));
        Assert.That(values, Has.Count.EqualTo(45));
    }
}

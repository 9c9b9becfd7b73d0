using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using ErrorCodeGen.Generator.Emitting;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// Above <see cref="CatalogEmitter.LargeCatalogCodes"/> codes the generated catalog looks codes up in sorted tables, not in
/// <c>switch</c> statements over every code (whose compile time grows with the square of the codes). Generated, compiled at
/// C# 7.3 and run: every code classifies as the small-catalog shape does, in any catalog order, numeric or text.
/// </summary>
public class LargeCatalogShapeTests
{
    /// <summary>Codes listed in descending order, one in three without an exception group, one in five a server error.</summary>
    private static string Yaml(int codes, bool text)
    {
        var sb = new StringBuilder("schema: errorcodegen/v1\nprovider:\n  name: Big\n  title: Big API\n  format: runware\n");
        sb.Append("exceptions:\n  - name: Validation\n    summary: Invalid.\n  - name: Server\n    summary: Server side.\n");
        sb.Append("errors:\n");
        for (int i = codes - 1; i >= 0; i--)
        {
            string group = i % 3 == 0 ? null! : i % 5 == 0 ? "Server" : "Validation";
            sb.Append("  - code: ").Append(Code(i, text)).Append('\n');
            sb.Append("    retryable: ").Append(i % 5 == 0 ? "true" : "false").Append('\n');
            if (group != null)
            {
                sb.Append("    exception: ").Append(group).Append('\n');
            }

            sb.Append("    summary: Error ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(".\n");
        }

        return sb.ToString();
    }

    private static string Code(int i, bool text) => text ? "err_" + i.ToString("x", CultureInfo.InvariantCulture) : (7_000_000 - (i * 37)).ToString(CultureInfo.InvariantCulture);

    private static string ExpectedException(int i) => i % 3 == 0 ? "BigException" : i % 5 == 0 ? "BigServerException" : "BigValidationException";

    [TestCase(CatalogEmitter.LargeCatalogCodes, false, false)]
    [TestCase(CatalogEmitter.LargeCatalogCodes + 1, false, true)]
    [TestCase(CatalogEmitter.LargeCatalogCodes + 1, true, true)]
    [TestCase(1000, true, true)]
    public void Every_code_classifies_the_same_in_either_shape(int codes, bool text, bool tables)
    {
        var compilation = GeneratorHarness.CreateCompilation(version: LanguageVersion.CSharp7_3);
        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/r/big.errors.yaml", Yaml(codes, text)) }, compilation);
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        string errors = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Big.Errors.g.cs", System.StringComparison.Ordinal)).GetText().ToString();
        Assert.That(errors.Contains("IndexOfCode("), Is.EqualTo(tables), "the shape follows the size");
        Assert.That(errors.Contains("case BigErrorCode."), Is.EqualTo(!tables), "no switch over every code in the large shape");

        using var pe = new MemoryStream();
        var emit = output.WithAssemblyName("Big" + System.Guid.NewGuid().ToString("N")).Emit(pe);
        Assert.That(emit.Success, Is.True, GeneratorHarness.Describe(emit.Diagnostics.Take(5)));
        Assembly assembly = Assembly.Load(pe.ToArray());
        var catalog = (IErrorCatalog)assembly.GetType("Consumer.BigErrors")!.GetProperty("Catalog")!.GetValue(null)!;
        MethodInfo tryParse = assembly.GetType("Consumer.BigErrors")!.GetMethod("TryParse")!;

        var wrong = new List<string>();
        for (int i = 0; i < codes; i++)
        {
            string raw = Code(i, text);
            ApiErrorException ex = catalog.Create(raw, 400);
            object?[] args = { " " + raw + " ", null };
            bool parsed = (bool)tryParse.Invoke(null, args)!;
            if (ex.Descriptor?.Code != raw || ex.GetType().Name != ExpectedException(i) || ex.IsRetryable != (i % 5 == 0) || !parsed || args[1]!.ToString() == "Unknown")
            {
                wrong.Add(raw + " -> " + ex.GetType().Name + " " + ex.Descriptor?.Code);
            }
        }

        Assert.That(wrong, Is.Empty);
        Assert.That(catalog.Create(text ? "err_zzz" : "1", 400).Descriptor, Is.Null, "a code not in the catalog is unknown");
        Assert.That(catalog.Create(text ? "ERR_0" : "7000000.5", 400).Descriptor, Is.Null, "exact, ordinal match only");
    }
}

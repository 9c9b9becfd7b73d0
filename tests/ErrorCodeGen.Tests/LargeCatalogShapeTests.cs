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

    /// <summary>The generated catalog, compiled under a name of its own and loaded.</summary>
    private static Assembly Load(Compilation output)
    {
        using var pe = new MemoryStream();
        var emit = output.WithAssemblyName("Big" + System.Guid.NewGuid().ToString("N")).Emit(pe);
        Assert.That(emit.Success, Is.True, GeneratorHarness.Describe(emit.Diagnostics.Take(5)));
        return Assembly.Load(pe.ToArray());
    }

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

        Assembly assembly = Load(output);
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
        if (text)
        {
            // Around every code in ordinal order, nothing else is one: a code with a character after it (one that sorts
            // after every code character, one before), without its last, and the bare prefix and the empty text.
            var near = new List<string> { "err_", "err", "", "e" };
            for (int i = 0; i < codes; i++)
            {
                near.Add(Code(i, text) + "~");
                near.Add(Code(i, text) + "!");
            }

            var found = near.Where(raw => (bool)tryParse.Invoke(null, new object?[] { raw, null })! || catalog.Create(raw, 400).Descriptor != null).ToList();
            Assert.That(found, Is.Empty, "texts that are no code");
        }

        Assert.That(catalog.Create(text ? "err_zzz" : "1", 400).Descriptor, Is.Null, "a code not in the catalog is unknown");
        Assert.That(catalog.Create(text ? "ERR_0" : "7000000.5", 400).Descriptor, Is.Null, "exact, ordinal match only");
    }

    /// <summary>
    /// A large catalog makes its descriptors a chunk at a time, when one of them is first asked for: the first error of a
    /// 10,000-code catalog waited about 0.8 s while the JIT compiled a static constructor that made them all. Asking for
    /// one code makes its chunk only; <c>All</c> makes the rest, each code still one descriptor, also when threads race.
    /// </summary>
    [Test]
    public void Descriptors_are_made_a_chunk_at_a_time_on_first_use_and_once()
    {
        const int codes = 1000;
        var compilation = GeneratorHarness.CreateCompilation(version: LanguageVersion.CSharp7_3);
        var (_, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/r/big.errors.yaml", Yaml(codes, text: true)) }, compilation);
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        Assembly assembly = Load(output);
        System.Type errors = assembly.GetType("Consumer.BigErrors")!;
        System.Type codeType = assembly.GetType("Consumer.BigErrorCode")!;
        var made = (object?[])errors.GetField("s_descriptors", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        MethodInfo describe = errors.GetMethod("Describe")!;
        MethodInfo tryParse = errors.GetMethod("TryParse")!;
        object CodeOf(int i)
        {
            object?[] args = { Code(i, text: true), null };
            Assert.That((bool)tryParse.Invoke(null, args)!, Is.True);
            return args[1]!;
        }

        Assert.That(made, Has.Length.EqualTo(codes));
        Assert.That(made.Count(d => d != null), Is.Zero, "nothing is made before a code is asked for");

        // Catalog order is descending (Yaml): code 500 is at index codes - 1 - 500.
        int index = codes - 1 - 500;
        var first = (ErrorDescriptor)describe.Invoke(null, new[] { CodeOf(500) })!;
        Assert.That(first.Code, Is.EqualTo(Code(500, text: true)));
        Assert.That(made.Count(d => d != null), Is.EqualTo(CatalogEmitter.DescriptorChunk), "one chunk, the one the code is in");
        int chunkStart = index / CatalogEmitter.DescriptorChunk * CatalogEmitter.DescriptorChunk;
        Assert.That(Enumerable.Range(0, codes).Where(i => made[i] != null), Is.EqualTo(Enumerable.Range(chunkStart, CatalogEmitter.DescriptorChunk)));
        Assert.That(describe.Invoke(null, new[] { CodeOf(500) }), Is.SameAs(first), "made once");

        // Threads racing for the codes of chunks not made yet all see one descriptor per code.
        var seen = new ErrorDescriptor[8][];
        using (var start = new System.Threading.Barrier(seen.Length))
        {
            var threads = Enumerable.Range(0, seen.Length).Select(t => new System.Threading.Thread(() =>
            {
                start.SignalAndWait();
                seen[t] = Enumerable.Range(0, 200).Select(i => (ErrorDescriptor)describe.Invoke(null, new[] { CodeOf(i) })!).ToArray();
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        for (int t = 1; t < seen.Length; t++)
        {
            for (int i = 0; i < 200; i++)
            {
                Assert.That(seen[t][i], Is.SameAs(seen[0][i]), "code " + i + " on thread " + t);
            }
        }

        var all = (IReadOnlyList<ErrorDescriptor>)errors.GetProperty("All")!.GetValue(null)!;
        Assert.That(all, Has.Count.EqualTo(codes));
        Assert.That(made.Count(d => d != null), Is.EqualTo(codes), "All makes every chunk");
        Assert.That(errors.GetProperty("All")!.GetValue(null), Is.SameAs(all), "All is made once");
        for (int i = 0; i < codes; i++)
        {
            Assert.That(all[codes - 1 - i], Is.SameAs(describe.Invoke(null, new[] { CodeOf(i) })), "All holds the descriptors Describe gives");
        }

        Assert.That(all[index], Is.SameAs(first));
        Assert.That(codeType.IsEnum, Is.True);
    }

    [TestCase(LanguageVersion.CSharp7_3, NullableContextOptions.Disable)]
    [TestCase(LanguageVersion.CSharp8, NullableContextOptions.Enable)]
    [TestCase(LanguageVersion.Latest, NullableContextOptions.Enable)]
    public void The_large_shape_compiles_with_zero_warnings(LanguageVersion version, NullableContextOptions nullable)
    {
        // One code with every argument a chunk method writes: a credential refresh (the factory call wrapped in another),
        // its own backoff, phases, endpoints, an example message, inferred fields and a note.
        string yaml = Yaml(CatalogEmitter.LargeCatalogCodes + 1, text: true) + """
              - code: token_expired
                name: TOKEN_EXPIRED
                http: 401
                retryable: false
                refresh_credentials: true
                exception: Validation
                category: Auth
                summary: The access token expired.
                remediation: Refresh the token and call again.
                message: Token expired
                phases: [submit]
                endpoints: [POST /v1/tasks]
                backoff:
                  base: 2s
                  attempts: 2
                inferred: [retryable]
                note: Inferred from the status.
            """;
        var compilation = GeneratorHarness.CreateCompilation(version: version, nullable: nullable);
        var (_, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/r/big.errors.yaml", yaml) }, compilation);
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.That(problems, Is.Empty, GeneratorHarness.Describe(problems));

        var catalog = (IErrorCatalog)Load(output).GetType("Consumer.BigErrors")!.GetProperty("Catalog")!.GetValue(null)!;
        ApiErrorException ex = catalog.Create("token_expired", 401);
        Assert.That((ex.Descriptor?.Name, ex.RequiresCredentialRefresh, ex.RetryParameters?.BaseDelay, ex.RetryParameters?.MaxAttempts), Is.EqualTo(("TOKEN_EXPIRED", true, (System.TimeSpan?)System.TimeSpan.FromSeconds(2), (int?)2)));
    }
}

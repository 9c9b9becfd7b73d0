using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// A corpus of catalogs mutated from the curated ones (deleted, duplicated, swapped and re-indented lines, cut-off
/// files, stray YAML tokens, broken values). Every mutant goes through the real generator driver: it must never throw,
/// and every mutant must end either with a diagnostic in its own file or with generated code that compiles with no
/// warning at all.
/// </summary>
public class MalformedCorpusTests
{
    private const int MutantsPerCatalog = 200;
    private const int BatchSize = 50;

    private static readonly string[] s_strayTokens =
    {
        ":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "!!binary ", "|", ">", "\"", "'", "#", "\t", "  ", "---\n", "...\n",
        "%YAML 1.2\n", "? ", "~", "null", "0x1F", "1e999", "-1", "99999999999999999999", "\u0000", "\uFFFD", "\u2028", "<img", "`",
    };

    private static readonly string[] s_badValues = { "four hundred", "maybe", "[]", "{}", "-", "\"\"", "999", "0", "~", "yes", "1.5", "*x" };

    [Test]
    public void Every_mutant_gets_a_diagnostic_or_compiling_code()
    {
        // A fixed seed keeps CI repeatable; ECG_CORPUS_SEED explores other corpora locally.
        int seed = int.TryParse(Environment.GetEnvironmentVariable("ECG_CORPUS_SEED"), out int s) ? s : 20261122;
        var random = new Random(seed);
        var mutants = new List<TestAdditionalText>();
        foreach (string catalog in RepoPaths.CuratedCatalogs)
        {
            string text = File.ReadAllText(RepoPaths.Catalog(catalog)).Replace("\r\n", "\n");
            string provider = System.Text.RegularExpressions.Regex.Match(text, @"^  name: (\w+)", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
            for (int i = 0; i < MutantsPerCatalog; i++)
            {
                // Each mutant gets its own provider name first, so a batch of mutants can share one compilation.
                string renamed = text.Replace("  name: " + provider + "\n", "  name: " + provider + "M" + i + "\n");
                mutants.Add(new TestAdditionalText($"/corpus/{catalog.Replace(".errors.yaml", string.Empty)}-{i}.errors.yaml", Mutate(renamed, random)));
            }
        }

        int diagnosed = 0, compiled = 0;
        var idCounts = new Dictionary<string, int>();
        foreach (var batch in mutants.Chunk(BatchSize))
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
            GeneratorDriver driver = GeneratorHarness.CreateDriver(batch).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var diagnostics);
            GeneratorRunResult run = driver.GetRunResult().Results.Single();

            Assert.That(run.Exception, Is.Null, "the generator threw");
            Assert.That(diagnostics.Where(d => !d.Id.StartsWith("ECG", StringComparison.Ordinal)), Is.Empty, "only our own diagnostics (never CS8785)");

            var byFile = diagnostics.GroupBy(d => d.Location.GetLineSpan().Path).ToDictionary(g => g.Key, g => g.ToList());
            foreach (TestAdditionalText mutant in batch)
            {
                if (byFile.TryGetValue(mutant.Path, out var own))
                {
                    diagnosed++;
                    foreach (string id in own.Select(d => d.Id).Distinct())
                    {
                        idCounts[id] = idCounts.GetValueOrDefault(id) + 1;
                    }

                    Assert.That(own.All(d => d.Location.IsInSource || d.Location.Kind == LocationKind.ExternalFile), Is.True, "every diagnostic has a file location");
                }
                else
                {
                    compiled++;
                }
            }

            // Whatever was generated (valid mutants, and warning-only ones) compiles with no warning.
            var generatedProblems = output.GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && run.GeneratedSources.Any(s => s.SyntaxTree == d.Location.SourceTree))
                .ToList();
            Assert.That(generatedProblems, Is.Empty, GeneratorHarness.Describe(generatedProblems.Take(5)));
        }

        TestContext.Out.WriteLine($"Seed {seed}: {mutants.Count} mutants: {diagnosed} diagnosed, {compiled} valid and compiled cleanly.");
        TestContext.Out.WriteLine("Diagnostics (mutants per ID): " + string.Join(", ", idCounts.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value)));
        Assert.That(diagnosed + compiled, Is.EqualTo(mutants.Count));
        Assert.That(diagnosed, Is.GreaterThan(mutants.Count / 2), "most mutations break a catalog and must be diagnosed");
    }

    private static string Mutate(string text, Random random)
    {
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations; m++)
        {
            var lines = text.Split('\n').ToList();
            int at = random.Next(lines.Count);
            switch (random.Next(9))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[at]);
                    break;
                case 2 when at + 1 < lines.Count:
                    (lines[at], lines[at + 1]) = (lines[at + 1], lines[at]);
                    break;
                case 3:
                    lines[at] = random.Next(2) == 0 ? " " + lines[at] : lines[at].TrimStart(' ').PadLeft(Math.Max(0, lines[at].Length - 2 - lines[at].TrimStart(' ').Length) + lines[at].TrimStart(' ').Length);
                    break;
                case 4:
                    return string.Join("\n", lines).Substring(0, random.Next(text.Length));
                case 5:
                    {
                        string line = lines[at];
                        int pos = random.Next(line.Length + 1);
                        lines[at] = line.Insert(pos, s_strayTokens[random.Next(s_strayTokens.Length)]);
                        break;
                    }

                case 6:
                    {
                        int colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
                        if (colon > 0)
                        {
                            lines[at] = lines[at].Substring(0, colon + 2) + s_badValues[random.Next(s_badValues.Length)];
                        }

                        break;
                    }

                case 7:
                    {
                        // Rename a key: a typo the unknown-key warning should catch.
                        int colon = lines[at].IndexOf(':');
                        if (colon > 1)
                        {
                            lines[at] = lines[at].Substring(0, colon - 1) + "x" + lines[at].Substring(colon);
                        }

                        break;
                    }

                default:
                    {
                        var sb = new StringBuilder(lines[at]);
                        if (sb.Length > 0)
                        {
                            const string breakers = ":-[{&*!|>\"'#\t ";
                            sb[random.Next(sb.Length)] = breakers[random.Next(breakers.Length)];
                        }

                        lines[at] = sb.ToString();
                        break;
                    }
            }

            text = string.Join("\n", lines);
        }

        return text;
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// A corpus of catalogs mutated from the curated ones (deleted, duplicated, swapped and re-indented lines, cut-off
/// files, stray YAML tokens, broken values, renamed keys). Every mutant goes through the real generator driver on its
/// own and must never make it throw. Each one then has exactly one of two outcomes, and anything else fails the test:
/// <list type="bullet">
/// <item><description>diagnosed: an error (ECG…) located in its own file;</description></item>
/// <item><description>generated: no error (warnings allowed), and the three files of one provider
/// (<c>{P}.ErrorCode.g.cs</c>, <c>{P}.Errors.g.cs</c>, <c>{P}.Exceptions.g.cs</c>), which compile with no warning at all.</description></item>
/// </list>
/// Every mutation kind is applied alone to every curated catalog, then mixed; the mutants run in parallel, each worker
/// reusing one driver, and everything generated is compiled in one compilation, each mutant in its own namespace.
/// </summary>
public class MalformedCorpusTests
{
    private const int MutationKinds = 10;
    private const int MutantsPerKind = 2;
    private const int MixedMutants = 4;

    private static readonly string[] s_generatedParts = { ".ErrorCode.g.cs", ".Errors.g.cs", ".Exceptions.g.cs" };

    private static readonly string[] s_strayTokens =
    {
        ":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "!!binary ", "|", ">", "\"", "'", "#", "\t", "  ", "---\n", "...\n",
        "%YAML 1.2\n", "? ", "~", "null", "0x1F", "1e999", "-1", "99999999999999999999", "\u0000", "\uFFFD", "\u2028", "<img", "`",
    };

    private static readonly string[] s_badValues = { "four hundred", "maybe", "[]", "{}", "-", "\"\"", "999", "0", "~", "yes", "1.5", "*x" };

    [Test]
    public void Every_mutant_gets_an_error_or_three_generated_files_that_compile()
    {
        // A fixed seed keeps CI repeatable; ECG_CORPUS_SEED explores other corpora locally.
        int seed = int.TryParse(Environment.GetEnvironmentVariable("ECG_CORPUS_SEED"), out int s) ? s : 20261122;
        List<TestAdditionalText> mutants = CreateCorpus(new Random(seed));

        // Each mutant's types in a namespace of its own, so that all of them compile together whatever their names.
        var options = new TestOptionsProvider(
            new Dictionary<string, string> { ["build_property.RootNamespace"] = "Consumer" },
            mutants.Select((m, i) => (m.Path, i)).ToDictionary(
                p => p.Path,
                p => (IDictionary<string, string>)new Dictionary<string, string> { ["build_metadata.AdditionalFiles.ErrorCodeGenNamespace"] = Namespace(p.i) }));
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();

        var runs = new MutantRun[mutants.Count];
        Parallel.ForEach(
            Partitioner.Create(0, mutants.Count),
            range =>
            {
                GeneratorDriver driver = GeneratorHarness.CreateDriver(Array.Empty<AdditionalText>(), options);
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    driver = driver.ReplaceAdditionalTexts(ImmutableArray.Create<AdditionalText>(mutants[i])).RunGenerators(compilation);
                    runs[i] = new MutantRun(mutants[i], Namespace(i), driver.GetRunResult().Results.Single());
                }
            });

        // Mutants whose generated files are the same text but for their namespace and file name compile alike: the
        // first of each such group is compiled, and the group shares its verdict.
        var firstWithText = new Dictionary<string, MutantRun>(StringComparer.Ordinal);
        foreach (MutantRun run in runs)
        {
            string key = run.NormalizedGeneratedText();
            run.CompiledAs = key.Length == 0 ? run : firstWithText.TryGetValue(key, out MutantRun? first) ? first : firstWithText[key] = run;
        }

        Compilation output = compilation.AddSyntaxTrees(runs.Where(r => r.CompiledAs == r).SelectMany(r => r.Result.GeneratedSources).Select(g => g.SyntaxTree));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.That(problems.Where(d => d.Location.SourceTree is null), Is.Empty, "problems of the compilation as a whole");
        ILookup<SyntaxTree, Diagnostic> problemsByTree = problems.ToLookup(d => d.Location.SourceTree!);

        int diagnosed = 0, generated = 0;
        var failures = new List<string>();
        var idCounts = new Dictionary<string, int>();
        foreach (MutantRun run in runs)
        {
            string? failure = run.Judge(problemsByTree);
            if (failure != null)
            {
                failures.Add(run.Mutant.Path + ": " + failure);
            }
            else if (run.HasError)
            {
                diagnosed++;
            }
            else
            {
                generated++;
            }

            foreach (string id in run.Result.Diagnostics.Select(d => d.Id).Distinct())
            {
                idCounts[id] = idCounts.GetValueOrDefault(id) + 1;
            }
        }

        TestContext.Out.WriteLine($"Seed {seed}: {mutants.Count} mutants: {diagnosed} diagnosed, {generated} generated three files that compile, {failures.Count} neither; {firstWithText.Count} distinct generated sets compiled.");
        TestContext.Out.WriteLine("Diagnostics (mutants per ID): " + string.Join(", ", idCounts.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value)));
        Assert.That(failures, Is.Empty, "mutants with neither outcome");
        Assert.That(diagnosed, Is.GreaterThan(mutants.Count / 2), "most mutations break a catalog and must be diagnosed");
        Assert.That(generated, Is.GreaterThan(0), "some mutations leave a valid catalog (a duplicated comment, a harmless re-indent)");
    }

    private static string Namespace(int mutant) => "Corpus.M" + mutant.ToString(CultureInfo.InvariantCulture);

    /// <summary>For each curated catalog: every mutation kind alone, <see cref="MutantsPerKind"/> times, then mixed ones.</summary>
    private static List<TestAdditionalText> CreateCorpus(Random random)
    {
        var mutants = new List<TestAdditionalText>();
        foreach (string catalog in RepoPaths.CuratedCatalogs)
        {
            string text = File.ReadAllText(RepoPaths.Catalog(catalog)).Replace("\r\n", "\n");
            string name = catalog.Replace(".errors.yaml", string.Empty);
            for (int kind = 0; kind < MutationKinds; kind++)
            {
                for (int i = 0; i < MutantsPerKind; i++)
                {
                    mutants.Add(new TestAdditionalText($"/corpus/{name}-kind{kind}-{i}.errors.yaml", Mutate(text, random, kind)));
                }
            }

            for (int i = 0; i < MixedMutants; i++)
            {
                string mixed = text;
                for (int m = random.Next(2, 4); m > 0; m--)
                {
                    mixed = Mutate(mixed, random, random.Next(MutationKinds));
                }

                mutants.Add(new TestAdditionalText($"/corpus/{name}-mixed-{i}.errors.yaml", mixed));
            }
        }

        return mutants;
    }

    /// <summary>One mutant and what the generator did with it, alone in the driver.</summary>
    private sealed class MutantRun(TestAdditionalText mutant, string ns, GeneratorRunResult result)
    {
        public TestAdditionalText Mutant { get; } = mutant;

        public GeneratorRunResult Result { get; } = result;

        /// <summary>The mutant whose generated files were compiled for this one (itself, or one with the same text).</summary>
        public MutantRun CompiledAs { get; set; } = null!;

        public bool HasError => Result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

        /// <summary>Everything generated, with the mutant's namespace and file name taken out; empty if nothing was.</summary>
        public string NormalizedGeneratedText()
            => string.Concat(Result.GeneratedSources.Select(g => g.HintName + "\n" + g.SourceText))
                .Replace(ns, "Corpus.Mutant", StringComparison.Ordinal)
                .Replace(Path.GetFileName(Mutant.Path), "mutant.errors.yaml", StringComparison.Ordinal);

        /// <summary>Null when the mutant has one of the two outcomes; otherwise what is wrong.</summary>
        public string? Judge(ILookup<SyntaxTree, Diagnostic> problemsByTree)
        {
            if (Result.Exception != null)
            {
                return "the generator threw " + Result.Exception;
            }

            var misplaced = Result.Diagnostics.Where(d => !d.Id.StartsWith("ECG", StringComparison.Ordinal) || d.Location.GetLineSpan().Path != Mutant.Path);
            if (misplaced.Any())
            {
                return "a diagnostic that is not ours or not in the mutant's file: " + GeneratorHarness.Describe(misplaced);
            }

            // Whatever was generated compiles with no warning, whether or not the mutant also has an error.
            var problems = CompiledAs.Result.GeneratedSources.SelectMany(g => problemsByTree[g.SyntaxTree]).Take(3).ToList();
            if (problems.Count > 0)
            {
                return "generated code does not compile cleanly: " + GeneratorHarness.Describe(problems);
            }

            if (HasError)
            {
                return null;
            }

            var hintNames = Result.GeneratedSources.Select(g => g.HintName).ToList();
            bool hasAllThree = hintNames.Where(h => h.EndsWith(s_generatedParts[0], StringComparison.Ordinal))
                .Select(h => h.Substring(0, h.Length - s_generatedParts[0].Length))
                .Any(provider => s_generatedParts.All(part => hintNames.Contains(provider + part)));
            return hasAllThree ? null : "no error, but not the three generated files: [" + string.Join(", ", hintNames) + "]";
        }
    }

    /// <summary>One mutation of the given kind (0 to <see cref="MutationKinds"/> - 1) at a random line.</summary>
    private static string Mutate(string text, Random random, int kind)
    {
        var lines = text.Split('\n').ToList();
        int at = random.Next(lines.Count);
        switch (kind)
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

            case 8:
                {
                    // Copy and paste a whole list entry (an error, a status rule, an exception group, a phase).
                    var entries = Enumerable.Range(0, lines.Count).Where(l => lines[l].TrimStart(' ').StartsWith("- ", StringComparison.Ordinal)).ToList();
                    if (entries.Count == 0)
                    {
                        break;
                    }

                    int first = entries[random.Next(entries.Count)];
                    int indent = lines[first].Length - lines[first].TrimStart(' ').Length;
                    int end = first + 1;
                    while (end < lines.Count && (lines[end].Trim().Length == 0 || lines[end].Length - lines[end].TrimStart(' ').Length > indent))
                    {
                        end++;
                    }

                    lines.InsertRange(end, lines.GetRange(first, end - first));
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

        return string.Join("\n", lines);
    }
}

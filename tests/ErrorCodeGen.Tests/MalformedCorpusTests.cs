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
/// files, stray YAML tokens, broken values, renamed keys, copied list entries, deleted sections). Every mutant goes
/// through the real generator driver on its own and must never make it throw. Each one then has exactly one of two
/// outcomes, and anything else fails the test:
/// <list type="bullet">
/// <item><description>diagnosed: an error (ECG…) located in its own file;</description></item>
/// <item><description>generated: no error (warnings allowed), and the three files of one provider
/// (<c>{P}.ErrorCode.g.cs</c>, <c>{P}.Errors.g.cs</c>, <c>{P}.Exceptions.g.cs</c>), which compile with no warning at all.</description></item>
/// </list>
/// The corpus is chosen rather than drawn in bulk (about 230 mutants instead of 1,000 random ones, with the same line
/// coverage of the generator): every line mutation on every curated catalog; every stray token twice and every bad
/// value once; every key the catalogs use with four bad values; every top-level section deleted, and every list given
/// an entry that is text; a few mixed mutants. Where the place does not matter, the mutation goes to the smallest
/// catalog, so that what still compiles stays small. The mutants run in parallel, each worker reusing one driver, and
/// everything generated is compiled in one compilation, each mutant in its own namespace (its RootNamespace).
/// </summary>
public class MalformedCorpusTests
{
    private const int MutantsPerLineMutation = 1;
    private const int MixedMutants = 2;

    private static readonly string[] s_generatedParts = { ".ErrorCode.g.cs", ".Errors.g.cs", ".Exceptions.g.cs" };

    private static readonly string[] s_strayTokens =
    {
        ":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "!!binary ", "|", ">", "\"", "'", "#", "\t", "  ", "---\n", "...\n",
        "%YAML 1.2\n", "? ", "~", "null", "0x1F", "1e999", "-1", "99999999999999999999", "\u0000", "\uFFFD", "\u2028", "<img", "`",
    };

    private static readonly string[] s_badValues = { "four hundred", "maybe", "[]", "{}", "-", "\"\"", "999", "0", "~", "yes", "1.5", "*x" };

    /// <summary>What one mutation does at a random line (or point) of a catalog.</summary>
    private enum Mutation
    {
        DeleteLine,
        DuplicateLine,
        SwapLines,
        Reindent,
        Truncate,
        RenameKey,
        CopyEntry,
        BreakCharacter,
        StrayToken,
        BadValue,
    }

    /// <summary>The mutations applied <see cref="MutantsPerLineMutation"/> times to every catalog; tokens and values are enumerated instead.</summary>
    private static readonly Mutation[] s_lineMutations = Enum.GetValues<Mutation>().Where(m => m is not (Mutation.StrayToken or Mutation.BadValue)).ToArray();

    [Test]
    public void Every_mutant_gets_an_error_or_three_generated_files_that_compile()
    {
        // A fixed seed keeps CI repeatable; ECG_CORPUS_SEED explores other corpora locally.
        int seed = int.TryParse(Environment.GetEnvironmentVariable("ECG_CORPUS_SEED"), out int s) ? s : 20261122;
        List<TestAdditionalText> mutants = CreateCorpus(new Random(seed));

        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
        var runs = new MutantRun[mutants.Count];
        Parallel.ForEach(
            Partitioner.Create(0, mutants.Count),
            range =>
            {
                GeneratorDriver driver = GeneratorHarness.CreateDriver(Array.Empty<AdditionalText>());
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    // Each mutant's types in a namespace of its own, so that all of them compile together whatever their names.
                    driver = driver.ReplaceAdditionalTexts(ImmutableArray.Create<AdditionalText>(mutants[i]))
                        .WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = Namespace(i) }))
                        .RunGenerators(compilation);
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

    private static List<TestAdditionalText> CreateCorpus(Random random)
    {
        var catalogs = RepoPaths.CuratedCatalogs
            .Select(file => (Name: file.Replace(".errors.yaml", string.Empty), Text: File.ReadAllText(RepoPaths.Catalog(file)).Replace("\r\n", "\n")))
            .ToList();
        var mutants = new List<TestAdditionalText>();
        void Add(string catalog, string what, string text) => mutants.Add(new TestAdditionalText($"/corpus/{catalog}-{what}-{mutants.Count}.errors.yaml", text));

        foreach (var (name, text) in catalogs)
        {
            foreach (Mutation mutation in s_lineMutations)
            {
                for (int i = 0; i < MutantsPerLineMutation; i++)
                {
                    Add(name, mutation.ToString(), Mutate(text, random, mutation));
                }
            }

            for (int i = 0; i < MixedMutants; i++)
            {
                string mixed = text;
                for (int m = random.Next(2, 4); m > 0; m--)
                {
                    mixed = Mutate(mixed, random, (Mutation)random.Next(Enum.GetValues<Mutation>().Length));
                }

                Add(name, "mixed", mixed);
            }
        }

        // Each top-level section (schema, provider, exceptions, statuses, errors, …) deleted with its block, from the
        // smallest catalog that has it.
        var sections = catalogs
            .OrderBy(c => c.Text.Length)
            .SelectMany(c => c.Text.Split('\n').Where(l => l.Length > 0 && char.IsLetter(l[0])).Select(l => (Catalog: c, Section: l.Split(':')[0])))
            .GroupBy(p => p.Section, StringComparer.Ordinal);
        foreach (var places in sections)
        {
            var (name, text) = places.First().Catalog;
            Add(name, "without-" + places.Key, WithoutSection(text, places.Key));
            if (text.Contains("\n" + places.Key + ":\n  - ", StringComparison.Ordinal))
            {
                // A list entry that is text, not a mapping.
                Add(name, "text-entry-" + places.Key, text.Replace("\n" + places.Key + ":\n  - ", "\n" + places.Key + ":\n  - just text\n  - ", StringComparison.Ordinal));
            }
        }

        // Every stray token twice: at the start of a line (where "---" starts a document) of one of the two smallest
        // catalogs, where YAML structure is what breaks, and anywhere in a line of any catalog, prose included. Every
        // bad value once, in one of the two smallest catalogs. (What still compiles is then small.)
        var smallest = catalogs.OrderBy(c => c.Text.Length).Take(2).ToList();
        for (int i = 0; i < s_strayTokens.Length; i++)
        {
            var (name, text) = smallest[i % smallest.Count];
            Add(name, "token" + i, InsertToken(text, random, s_strayTokens[i], atLineStart: true));
            (name, text) = catalogs[i % catalogs.Count];
            Add(name, "token" + i, InsertToken(text, random, s_strayTokens[i], atLineStart: false));
        }

        for (int i = 0; i < s_badValues.Length; i++)
        {
            var (name, text) = smallest[i % smallest.Count];
            Add(name, "value" + i, ReplaceValue(text, random, s_badValues[i]));
        }

        // Every key the catalogs use with a wrong word, a list, an out-of-range number and an empty string, in the
        // smallest catalog that has the key (what still compiles is then small): each key's validation meets them all.
        var keys = catalogs
            .OrderBy(c => c.Text.Length)
            .SelectMany(c => KeysOf(c.Text).Select(key => (Catalog: c, Key: key)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var places in keys)
        {
            var (name, text) = places.First().Catalog;
            foreach (string value in new[] { "four hundred", "[]", "999", "\"\"" })
            {
                Add(name, "bad-" + places.Key, ReplaceValue(text, random, value, places.Key));
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

    /// <summary>A stray token at the start or at a random point of a random line.</summary>
    private static string InsertToken(string text, Random random, string token, bool atLineStart)
    {
        var lines = text.Split('\n');
        int at = random.Next(lines.Length);
        lines[at] = lines[at].Insert(atLineStart ? 0 : random.Next(lines[at].Length + 1), token);
        return string.Join("\n", lines);
    }

    /// <summary>The catalog without one top-level section (<c>errors:</c> and every line below it, up to the next section).</summary>
    private static string WithoutSection(string text, string section)
    {
        var lines = text.Split('\n').ToList();
        int start = lines.FindIndex(l => l.StartsWith(section + ":", StringComparison.Ordinal));
        int end = start + 1;
        while (end < lines.Count && (lines[end].Length == 0 || !char.IsLetter(lines[end][0])))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        return string.Join("\n", lines);
    }

    /// <summary>The key of a <c>key: value</c> line (or <c>- key: value</c>), or null.</summary>
    private static string? KeyOf(string line)
    {
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        string key = colon > 0 ? line.Substring(0, colon).TrimStart(' ', '-') : string.Empty;
        return key.Length > 0 && key.All(c => char.IsLetter(c) || c == '_') ? key : null;
    }

    /// <summary>The key of every <c>key: value</c> pair of the YAML, in order.</summary>
    private static IEnumerable<string> KeysOf(string text)
    {
        string[] lines = text.Split('\n');
        return KeyLines(lines).Select(l => KeyOf(lines[l])!);
    }

    /// <summary>The lines that are <c>key: value</c> pairs of the YAML, not text inside a block scalar (<c>|</c>, <c>&gt;</c>).</summary>
    private static IEnumerable<int> KeyLines(string[] lines)
    {
        int blockIndent = -1;
        for (int l = 0; l < lines.Length; l++)
        {
            int indent = lines[l].Length - lines[l].TrimStart(' ').Length;
            if (blockIndent >= 0 && (lines[l].Trim().Length == 0 || indent > blockIndent))
            {
                continue;
            }

            blockIndent = -1;
            if (KeyOf(lines[l]) != null)
            {
                yield return l;
                string value = lines[l].Substring(lines[l].IndexOf(": ", StringComparison.Ordinal) + 2).Trim();
                if (value.StartsWith('|') || value.StartsWith('>'))
                {
                    blockIndent = indent + (lines[l].TrimStart(' ').StartsWith("- ", StringComparison.Ordinal) ? 2 : 0);
                }
            }
        }
    }

    /// <summary>A bad value in place of the value of a random <c>key: value</c> line (with that key, if one is given).</summary>
    private static string ReplaceValue(string text, Random random, string value, string? key = null)
    {
        var lines = text.Split('\n');
        int[] candidates = KeyLines(lines).Where(l => key is null || KeyOf(lines[l]) == key).ToArray();
        int at = candidates[random.Next(candidates.Length)];
        lines[at] = lines[at].Substring(0, lines[at].IndexOf(": ", StringComparison.Ordinal) + 2) + value;
        return string.Join("\n", lines);
    }

    private static string Mutate(string text, Random random, Mutation mutation)
    {
        var lines = text.Split('\n').ToList();
        int at = random.Next(lines.Count);
        switch (mutation)
        {
            case Mutation.StrayToken:
                return InsertToken(text, random, s_strayTokens[random.Next(s_strayTokens.Length)], atLineStart: false);
            case Mutation.BadValue:
                return ReplaceValue(text, random, s_badValues[random.Next(s_badValues.Length)]);
            case Mutation.DeleteLine:
                lines.RemoveAt(at);
                break;
            case Mutation.DuplicateLine:
                lines.Insert(at, lines[at]);
                break;
            case Mutation.SwapLines when at + 1 < lines.Count:
                (lines[at], lines[at + 1]) = (lines[at + 1], lines[at]);
                break;
            case Mutation.Reindent:
                lines[at] = random.Next(2) == 0 ? " " + lines[at] : lines[at].TrimStart(' ').PadLeft(Math.Max(0, lines[at].Length - 2 - lines[at].TrimStart(' ').Length) + lines[at].TrimStart(' ').Length);
                break;
            case Mutation.Truncate:
                return text.Substring(0, random.Next(text.Length));
            case Mutation.CopyEntry:
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

            case Mutation.RenameKey:
                {
                    // Rename a key: a typo the unknown-key warning should catch.
                    int colon = lines[at].IndexOf(':');
                    if (colon > 1)
                    {
                        lines[at] = lines[at].Substring(0, colon - 1) + "x" + lines[at].Substring(colon);
                    }

                    break;
                }

            default: // BreakCharacter, and SwapLines at the last line
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

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ErrorCodeGen.Generator;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>The pipeline caches: unrelated edits re-run nothing, a catalog edit re-runs only that catalog.</summary>
public class IncrementalityTests
{
    private static readonly string[] s_steps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!)
        .ToArray();

    private static GeneratorRunResult RunTwice(Func<GeneratorDriver, CSharpCompilation, AdditionalText[], (GeneratorDriver, CSharpCompilation)> edit, out GeneratorRunResult first)
    {
        AdditionalText[] catalogs = { GeneratorHarness.CuratedCatalog("runcomfy-trainer.errors.yaml"), GeneratorHarness.CuratedCatalog("cmfy-cloud.errors.yaml") };
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { "namespace Consumer { internal class A { } }" });
        GeneratorDriver driver = GeneratorHarness.CreateDriver(catalogs).RunGenerators(compilation);
        first = driver.GetRunResult().Results.Single();

        (driver, compilation) = edit(driver, compilation, catalogs);
        return driver.RunGenerators(compilation).GetRunResult().Results.Single();
    }

    private static IEnumerable<(string Step, IncrementalStepRunReason Reason, object Value)> Outputs(GeneratorRunResult result, string step)
        => result.TrackedSteps.TryGetValue(step, out var runs)
            ? runs.SelectMany(r => r.Outputs.Select(o => (step, o.Reason, o.Value)))
            : Enumerable.Empty<(string, IncrementalStepRunReason, object)>();

    [Test]
    public void Every_step_is_tracked()
    {
        RunTwice((d, c, _) => (d, c), out GeneratorRunResult first);
        foreach (string step in s_steps)
        {
            Assert.That(first.TrackedSteps.ContainsKey(step), Is.True, step);
        }
    }

    [Test]
    public void Unrelated_CSharp_edit_leaves_every_step_cached()
    {
        GeneratorRunResult second = RunTwice(
            (driver, compilation, _) => (driver, compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { internal class B { } }", GeneratorHarness.ParseOptions()))),
            out _);

        foreach (string step in s_steps)
        {
            foreach (var output in Outputs(second, step))
            {
                Assert.That(output.Reason, Is.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged), step);
            }
        }

        foreach (var output in second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs))
        {
            Assert.That(output.Reason, Is.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged), "source output");
        }
    }

    [Test]
    public void Editing_one_catalog_reruns_only_that_catalog()
    {
        GeneratorRunResult second = RunTwice(
            (driver, compilation, catalogs) =>
            {
                AdditionalText old = catalogs[1];
                string text = old.GetText()!.ToString();
                Assert.That(text, Does.Contain("Request body is not valid JSON"));
                var edited = new TestAdditionalText(old.Path, text.Replace("Request body is not valid JSON", "Request body is not JSON"));
                return (driver.ReplaceAdditionalText(old, edited), compilation);
            },
            out _);

        var parsed = Outputs(second, TrackingNames.ParsedCatalogs).ToList();
        Assert.That(parsed.Count(o => o.Reason == IncrementalStepRunReason.Modified), Is.EqualTo(1), "the edited catalog is parsed again");
        Assert.That(parsed.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), Is.EqualTo(1), "the other catalog is not");

        var emit = Outputs(second, TrackingNames.EmitInputs).ToList();
        Assert.That(emit.Count(o => o.Reason == IncrementalStepRunReason.Modified), Is.EqualTo(1));
        Assert.That(emit.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), Is.EqualTo(1));
    }

    [Test]
    public void Step_outputs_hold_no_compiler_or_parser_objects()
    {
        RunTwice((d, c, _) => (d, c), out GeneratorRunResult first);
        foreach (string step in s_steps)
        {
            foreach (var output in Outputs(first, step))
            {
                AssertPlainValue(output.Value, step, depth: 0, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static readonly Type[] s_forbidden =
    {
        typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(AdditionalText),
        typeof(SourceText), typeof(Location), typeof(Diagnostic), typeof(SemanticModel), typeof(System.Xml.Linq.XNode),
    };

    private static void AssertPlainValue(object? value, string path, int depth, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 20)
        {
            return;
        }

        Type type = value.GetType();
        Assert.That(s_forbidden.Any(f => f.IsAssignableFrom(type)), Is.False, $"{path} holds a {type}");
        string ns = type.Namespace ?? string.Empty;
        Assert.That(ns.StartsWith("YamlDotNet", StringComparison.Ordinal) || ns.StartsWith("Markdig", StringComparison.Ordinal), Is.False, $"{path} holds a {type}");
        Assert.That(type.IsArray, Is.False, $"{path} holds an array ({type}), which compares by reference");
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable sequence && type.Name.StartsWith("EquatableArray", StringComparison.Ordinal))
        {
            int i = 0;
            foreach (object? item in sequence)
            {
                AssertPlainValue(item, $"{path}[{i++}]", depth + 1, seen);
            }

            return;
        }

        Assert.That(value is IEnumerable && value is not string, Is.False, $"{path} holds a collection ({type}) that is not an EquatableArray");
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                AssertPlainValue(property.GetValue(value), path + "." + property.Name, depth + 1, seen);
            }
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            AssertPlainValue(field.GetValue(value), path + "." + field.Name, depth + 1, seen);
        }
    }

    [Test]
    public void Step_outputs_are_classes()
    {
        // In a cold compiler process Roslyn's step code over a value type is JIT-compiled anew for each one (about 5 to
        // 10 ms each, measured in the Quickstart's csc; the diagnostics steps over EquatableArray were about 140
        // methods); over classes it is shared. The diagnostics steps output a DiagnosticList for that reason.
        RunTwice((d, c, _) => (d, c), out GeneratorRunResult first);
        foreach (string step in s_steps)
        {
            var outputs = Outputs(first, step).ToList();
            Assert.That(outputs, Is.Not.Empty, $"{step} ran and is tracked");
            foreach (var output in outputs)
            {
                Type type = output.Value.GetType();
                Assert.That(type.IsValueType, Is.False, $"{step} outputs a value type, {type}");
            }
        }
    }
}

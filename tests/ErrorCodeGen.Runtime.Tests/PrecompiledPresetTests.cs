using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using ErrorCodeGen.Formats;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// The built-in shapes ship compiled (runtime/ErrorCodeGen.Runtime/Formats/ShapePresets.Compiled.cs): the first error of a
/// process builds its preset's lookup tables directly instead of running the shape compiler, whose code (about 85 methods)
/// would be compiled by the JIT first. That file is written from the compiler's own output, and these tests hold the two
/// equal, field by field; after a preset's spec changes, <c>ECG_ACCEPT_SNAPSHOTS=1</c> rewrites it (never in CI).
/// </summary>
public sealed class PrecompiledPresetTests
{
    private const string AcceptVariable = "ECG_ACCEPT_SNAPSHOTS";

    /// <summary>The presets in the order of <see cref="ErrorWireFormat"/>: the spec and the method of the shipped tables.</summary>
    private static readonly (ErrorWireFormat Format, Func<ShapeSpec> Spec, string Method)[] s_presets =
    {
        (ErrorWireFormat.RunComfy, ShapePresets.RunComfy, "CompiledRunComfy"),
        (ErrorWireFormat.Runware, ShapePresets.Runware, "CompiledRunware"),
        (ErrorWireFormat.Cmfy, ShapePresets.Cmfy, "CompiledCmfy"),
        (ErrorWireFormat.GraphQL, ShapePresets.GraphQL, "CompiledGraphQL"),
        (ErrorWireFormat.Json, ShapePresets.Json, "CompiledJson"),
        (ErrorWireFormat.Problem, ShapePresets.Problem, "CompiledProblem"),
    };

    [Test]
    public void Every_format_has_its_shipped_tables()
    {
        Assert.That(s_presets.Select(p => p.Format), Is.EqualTo(Enum.GetValues<ErrorWireFormat>()));
        foreach ((ErrorWireFormat format, _, _) in s_presets)
        {
            Assert.That(ShapePresets.Compiled(format).Format, Is.EqualTo(format));
        }
    }

    [Test]
    public void The_shipped_tables_are_what_the_compiler_makes_of_each_preset()
    {
        foreach ((ErrorWireFormat format, Func<ShapeSpec> spec, _) in s_presets)
        {
            ShapeFormat compiled = ShapeCompiler.Compile(spec(), out string? problem) ?? throw new AssertionException(format + " does not compile: " + problem);
            string? difference = Difference(compiled, ShapePresets.Compiled(format), format.ToString());
            Assert.That(difference, Is.Null, "the shipped tables differ from the compiler's (ECG_ACCEPT_SNAPSHOTS=1 rewrites them)");
        }
    }

    [Test]
    public void The_shipped_file_is_the_one_the_compiler_output_writes()
    {
        string path = Path.Combine(RepositoryRoot(), "runtime", "ErrorCodeGen.Runtime", "Formats", "ShapePresets.Compiled.cs");
        string expected = Emit();
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.That(File.Exists(path), Is.True, path);
        Assert.That(File.ReadAllText(path).Replace("\r\n", "\n"), Is.EqualTo(expected), "ShapePresets.Compiled.cs is not what the compiler makes of the presets; ECG_ACCEPT_SNAPSHOTS=1 rewrites it");
    }

    [Test]
    public void A_difference_in_any_field_is_found()
    {
        // The comparison itself: equal tables are equal, and one changed flag deep in a tree is reported with its path.
        ShapeFormat a = ShapeCompiler.Compile(ShapePresets.Cmfy(), out _)!;
        ShapeFormat b = ShapeCompiler.Compile(ShapePresets.Cmfy(), out _)!;
        Assert.That(Difference(a, b, "cmfy"), Is.Null);

        ShapeFormat runware = ShapeCompiler.Compile(ShapePresets.Runware(), out _)!;
        Assert.That(Difference(a, runware, "cmfy"), Is.Not.Null);

        ShapeFormat json = ShapeCompiler.Compile(ShapePresets.Json(), out _)!;
        json.RootKeptWithoutCode = !json.RootKeptWithoutCode;
        Assert.That(Difference(ShapeCompiler.Compile(ShapePresets.Json(), out _)!, json, "json"), Does.Contain("RootKeptWithoutCode"));
    }

    /// <summary>The first field (by path) in which two object graphs of the compiled shape differ; null when none does.</summary>
    private static string? Difference(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : path + ": " + (expected ?? "null") + " != " + (actual ?? "null");
        }

        Type type = expected.GetType();
        if (type != actual.GetType())
        {
            return path + ": " + type + " != " + actual.GetType();
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(string))
        {
            return expected.Equals(actual) ? null : path + ": " + expected + " != " + actual;
        }

        if (expected is Array left)
        {
            var right = (Array)actual;
            if (left.Length != right.Length)
            {
                return path + ".Length: " + left.Length + " != " + right.Length;
            }

            for (int i = 0; i < left.Length; i++)
            {
                string? d = Difference(left.GetValue(i), right.GetValue(i), path + "[" + i + "]");
                if (d != null)
                {
                    return d;
                }
            }

            return null;
        }

        Assert.That(type.Namespace, Does.StartWith("ErrorCodeGen"), "a compiled shape holds only its own types, arrays, text and numbers: " + type);
        for (Type? t = type; t != null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                string? d = Difference(field.GetValue(expected), field.GetValue(actual), path + "." + field.Name.Replace("<", string.Empty).Replace(">k__BackingField", string.Empty));
                if (d != null)
                {
                    return d;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// ShapePresets.Compiled.cs as the compiler's output of each preset writes it. A level that stands in more than one
    /// place (the same item fields under GraphQL's <c>errors</c> and <c>error</c>) is written once, as a method that makes
    /// it anew at each call: every place has its own instance, as the compiler's output does.
    /// </summary>
    private static string Emit()
    {
        var compiled = s_presets.Select(p => (p.Format, p.Method, Shape: ShapeCompiler.Compile(p.Spec(), out _)!)).ToList();

        // Each level's text on its own (no sharing, no indentation): levels with the same text are the same level.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(ShapeNode node)
        {
            string key = Node(node, 0, shared: null);
            counts[key] = counts.TryGetValue(key, out int n) ? n + 1 : 1;
            foreach (ShapeEntry e in Field<ShapeEntry[]>(node, "_entries"))
            {
                if (e.Child != null)
                {
                    Count(e.Child);
                }
            }
        }

        foreach (var preset in compiled)
        {
            Count(Field<ShapeNode>(preset.Shape, "_root"));
        }

        // The shared levels, named in the order they are first met (outermost first), so that the file is the same each time.
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<(string Name, ShapeNode Node)>();
        void Name(ShapeNode node)
        {
            string key = Node(node, 0, shared: null);
            if (counts[key] > 1 && !shared.ContainsKey(key))
            {
                string name = "Level" + (order.Count + 1).ToString(CultureInfo.InvariantCulture);
                shared[key] = name;
                order.Add((name, node));
            }

            foreach (ShapeEntry e in Field<ShapeEntry[]>(node, "_entries"))
            {
                if (e.Child != null)
                {
                    Name(e.Child);
                }
            }
        }

        foreach (var preset in compiled)
        {
            Name(Field<ShapeNode>(preset.Shape, "_root"));
        }

        var w = new StringBuilder();
        w.Append("// <auto-generated/>\n");
        w.Append("// Written by PrecompiledPresetTests from ShapeCompiler's output for each preset (ShapePresets): do not edit.\n");
        w.Append("// After a preset changes, ECG_ACCEPT_SNAPSHOTS=1 dotnet test tests/ErrorCodeGen.Runtime.Tests --filter PrecompiledPreset\n");
        w.Append("// rewrites it; the tests fail while it differs from the compiler's output, field by field.\n");
        w.Append("#nullable enable\n");
        w.Append("using System.Collections.Generic;\n\n");
        w.Append("namespace ErrorCodeGen.Formats\n{\n");
        w.Append("    internal static partial class ShapePresets\n    {\n");
        w.Append("        /// <summary>The compiled tables of a built-in format's preset, as <see cref=\"ShapeCompiler\"/> makes them.</summary>\n");
        w.Append("        internal static ShapeFormat Compiled(ErrorWireFormat format) => format switch\n        {\n");
        foreach (var preset in compiled)
        {
            w.Append("            ErrorWireFormat.").Append(preset.Format).Append(" => ").Append(preset.Method).Append("(),\n");
        }

        w.Append("            _ => throw new System.ArgumentOutOfRangeException(nameof(format)),\n        };\n");
        foreach (var preset in compiled)
        {
            ShapeFormat shape = preset.Shape;
            w.Append("\n        private static ShapeFormat ").Append(preset.Method).Append("()\n            => new ShapeFormat(ErrorWireFormat.").Append(preset.Format)
                .Append(", ").Append(Node(Field<ShapeNode>(shape, "_root"), 3, shared))
                .Append(", rootIsItem: ").Append(Bool(Field<bool>(shape, "_rootIsItem"))).Append(")\n            {\n")
                .Append("                RootFallback = ").Append(Bool(shape.RootFallback)).Append(",\n")
                .Append("                RootKeptWithoutCode = ").Append(Bool(shape.RootKeptWithoutCode)).Append(",\n")
                .Append("                FailingStatuses = new string[] { ").Append(string.Join(", ", shape.FailingStatuses.Select(Literal))).Append(shape.FailingStatuses.Length > 0 ? " " : string.Empty).Append("},\n")
                .Append("            };\n");
        }

        foreach ((string name, ShapeNode node) in order)
        {
            // The level itself, not a call of its own method; levels inside it that are shared are calls.
            string key = Node(node, 0, shared: null);
            shared.Remove(key);
            w.Append("\n        private static ShapeNode ").Append(name).Append("()\n            => ").Append(Node(node, 3, shared)).Append(";\n");
            shared[key] = name;
        }

        w.Append("\n        private static ShapeNode N(bool inItem, string? extraPrefix, bool keepsUnnamed, bool keepsAlsoExtra, params ShapeEntry[] entries)\n");
        w.Append("            => new ShapeNode(inItem, extraPrefix, new List<ShapeEntry>(entries), keepsUnnamed, keepsAlsoExtra);\n\n");
        w.Append("        private static ShapeEntry E(string name, ShapeAction[] actions, ShapeNode? child, bool isLocation, bool alsoExtra, int seenBit, bool ranked, ErrorLocationKinds kinds, bool isConditional)\n");
        w.Append("            => new ShapeEntry(name, actions, child, isLocation, alsoExtra, seenBit, ranked, kinds, isConditional);\n\n");
        w.Append("        private static ShapeAction[] A(params ShapeAction[] actions) => actions;\n\n");
        w.Append("        private static ShapeAction F(ShapeField field, int rank) => new ShapeAction(field, rank);\n");
        w.Append("    }\n}\n");
        return w.ToString();
    }

    /// <summary>The C# that makes <paramref name="node"/>: a call of its shared method when it has one, else the level itself.</summary>
    private static string Node(ShapeNode node, int depth, Dictionary<string, string>? shared)
    {
        if (shared != null && shared.TryGetValue(Node(node, 0, shared: null), out string? name))
        {
            return name + "()";
        }

        var w = new StringBuilder();
        w.Append("N(").Append(Bool(node.InItem)).Append(", ").Append(node.ExtraPrefix is null ? "null" : Literal(node.ExtraPrefix)).Append(", ")
            .Append(Bool(node.KeepsUnnamed)).Append(", ").Append(Bool(node.KeepsAlsoExtra));
        string indent = new string(' ', 4 * (depth + 1));
        foreach (ShapeEntry e in Field<ShapeEntry[]>(node, "_entries"))
        {
            bool isLocation = e.Kind == EntryKind.Location || e.Kind == EntryKind.ConditionalLocation;
            w.Append(",\n").Append(indent).Append("E(").Append(Literal(e.NameText)).Append(", A(")
                .Append(string.Join(", ", e.Actions.Select(a => "F(" + EnumText(a.Field) + ", " + a.Rank.ToString(CultureInfo.InvariantCulture) + ")"))).Append("), ")
                .Append(e.Child is null ? "null" : Node(e.Child, depth + 1, shared))
                .Append(", isLocation: ").Append(Bool(isLocation)).Append(", alsoExtra: ").Append(Bool(e.AlsoExtra))
                .Append(", seenBit: ").Append(e.SeenBit.ToString(CultureInfo.InvariantCulture)).Append(", ranked: ").Append(Bool(e.Ranked))
                .Append(", kinds: ").Append(EnumText(e.Kinds)).Append(", isConditional: ").Append(Bool(e.Kind == EntryKind.ConditionalLocation)).Append(')');
        }

        return w.Append(')').ToString();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>An enum value as C#: its name when it has one, else the cast of its number (a combination of flags).</summary>
    private static string EnumText<T>(T value)
        where T : struct, Enum
        => System.Enum.IsDefined(value)
            ? typeof(T).Name + "." + value
            : "(" + typeof(T).Name + ")" + Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < ' ' || c > '~')
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    private static T Field<T>(object target, string name)
        => (T)target.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!.GetValue(target)!;

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ErrorCodeGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ErrorCodeGen.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}

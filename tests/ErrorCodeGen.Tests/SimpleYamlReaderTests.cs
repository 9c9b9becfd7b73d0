using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Tests.Infrastructure;
using NUnit.Framework;
using YamlDotNet.Core;

namespace ErrorCodeGen.Tests;

/// <summary>
/// The common YAML of catalogs is read without YamlDotNet (<see cref="SimpleYamlReader"/>): the tree is YamlDotNet's
/// (nodes, values, styles, and the marks of one-line scalars), and the parse result is the same as through YamlDotNet
/// alone, for the curated catalogs, a large synthetic one, and thousands of damaged copies of them.
/// </summary>
public class SimpleYamlReaderTests
{
    private static IEnumerable<string> CuratedPaths() => Directory.GetFiles(Path.Combine(RepoPaths.Root, "catalog"), "*.errors.yaml").OrderBy(p => p, StringComparer.Ordinal);

    private static IEnumerable<TestCaseData> Catalogs()
    {
        foreach (string path in CuratedPaths())
        {
            yield return new TestCaseData(Path.GetFileName(path), File.ReadAllText(path)).SetArgDisplayNames(Path.GetFileName(path));
        }

        yield return new TestCaseData("synthetic.errors.yaml", ErrorCodeGen.Testing.SyntheticCatalog.Yaml(300)).SetArgDisplayNames("synthetic");
    }

    [TestCaseSource(nameof(Catalogs))]
    public void Catalogs_are_read_into_YamlDotNets_tree(string name, string text)
    {
        YamlNodeBase? simple = SimpleYamlReader.TryRead(text);
        Assert.That(simple, Is.Not.Null, name + " is not in the subset");
        YamlNodeBase? reference = YamlTreeBuilder.Build(text, new List<YamlAliasNode>(), default, out _);
        AssertSameTree(reference!, simple!, "$");
    }

    [TestCaseSource(nameof(Catalogs))]
    public void A_clean_catalog_in_the_subset_is_not_given_to_YamlDotNet(string name, string text)
    {
        var file = new CatalogFile("/c/" + name, text, null, null);
        CatalogParser.YamlDotNetParsesOnThisThread = 0;
        CatalogParseResult result = CatalogParser.ParseYaml(file);
        Assert.That(result.Diagnostics.IsEmpty && result.Model != null, Is.True, string.Join("; ", result.Diagnostics.Select(d => d.ToString())));
        Assert.That(CatalogParser.YamlDotNetParsesOnThisThread, Is.Zero);
        Assert.That(result, Is.EqualTo(CatalogParser.ParseYaml(file, simpleReader: false)));
    }

    [Test]
    public void Damaged_catalogs_parse_as_through_YamlDotNet_alone()
    {
        // Each copy has a few edits of the kinds that change YAML's reading: characters with meaning in YAML,
        // indentation, line breaks and comments, lines removed or repeated. The result, diagnostics and their
        // places included, must be what YamlDotNet alone gives.
        string[] inserts = { " ", "  ", "\n", "\n\n", ":", ": ", "-", "- ", "#", " #", "'", "\"", "|", ">", "[", "]", ",", "{", "}", "&a", "*a", "!", "%", "@", "`", "\t", "\r", "~", "?", "x", "1", "\\" };
        var random = new Random(11);
        string[] sources = CuratedPaths().Select(File.ReadAllText).Append(ErrorCodeGen.Testing.SyntheticCatalog.Yaml(20)).ToArray();
        int simple = 0, total = 0;
        for (int n = 0; n < 1500; n++)
        {
            string source = sources[n % sources.Length];
            var lines = source.Split('\n').ToList();
            int edits = random.Next(1, 4);
            for (int k = 0; k < edits; k++)
            {
                int l = random.Next(lines.Count);
                string line = lines[l];
                switch (random.Next(5))
                {
                    case 0:
                        int at = random.Next(line.Length + 1);
                        lines[l] = line.Insert(at, inserts[random.Next(inserts.Length)]);
                        break;
                    case 1 when line.Length > 0:
                        lines[l] = line.Remove(random.Next(line.Length), 1);
                        break;
                    case 2:
                        lines[l] = new string(' ', random.Next(0, 7)) + line.TrimStart(' ');
                        break;
                    case 3:
                        lines.RemoveAt(l);
                        break;
                    default:
                        lines.Insert(l, line);
                        break;
                }
            }

            string text = string.Join("\n", lines);
            var file = new CatalogFile("/c/damaged" + n.ToString(CultureInfo.InvariantCulture) + ".errors.yaml", text, null, null);
            CatalogParseResult? fast = CatalogParser.ParseYaml(file, simpleReader: true);
            total++;
            if (fast != null && fast.Diagnostics.IsEmpty)
            {
                simple++;
            }

            CatalogParseResult expected = CatalogParser.ParseYaml(file, simpleReader: false)!;
            Assert.That(CatalogParser.ParseYaml(file), Is.EqualTo(expected), "copy " + n + ":\n" + text);
        }

        Assert.That(simple, Is.GreaterThan(total / 10), $"only {simple} of {total} damaged copies were read by the simple reader");
    }

    [TestCase("schema: x\n---\nschema: y\n")]
    [TestCase("a: &x 1\nb: *x\n")]
    [TestCase("a: !!str 1\n")]
    [TestCase("a:\tb\n")]
    [TestCase("a: b\r\n")]
    [TestCase("a: |+\n  kept\n")]
    [TestCase("a: >\n  folded\n    more indented\n")]
    [TestCase("a: plain\n  continued\n")]
    [TestCase("a: \"esc\\n\"\n")]
    [TestCase("a: 'two\n  lines'\n")]
    [TestCase("a: {b: c}\n")]
    [TestCase("a: b: c\n")]
    [TestCase("? a\n: b\n")]
    [TestCase("- a\n")]
    [TestCase("a: |\n  ends without a line break")]
    [TestCase("a:\n")]
    [TestCase("a: [x, ]\n")]
    [TestCase("a: [x, [y]]\n")]
    public void YAML_outside_the_subset_is_left_to_YamlDotNet(string text)
        => Assert.That(SimpleYamlReader.TryRead(text), Is.Null);

    [TestCase("a: 1\nb: 'it''s'\nc: \"q\"\nd: [x, y]\ne: |\n  one\n\n  two\n\n\nf:\n- g: h\n  i: j # c\n# c\n- k\nl:\n  m: n\n")]
    [TestCase("a: plain with {braces}, [brackets] and a:colon # comment\nb: ~\nc: 'x' # c\n")]
    [TestCase("a:\n  - 1\n  - 2\nb: |\n    indented\n      deeper\n    back\nc: d\n")]
    [TestCase("a: >-\n  one\n  two\n\n  three\n\n\n  four\nb: >\n  x\n  y\n\nc: |-\n  s\n\n  t\n\n")]
    [TestCase("a: []\nb: [ ]\nc: [x]\nd: [ x ,y ]\n")]
    public void Small_texts_are_read_into_YamlDotNets_tree(string text)
    {
        YamlNodeBase? simple = SimpleYamlReader.TryRead(text);
        Assert.That(simple, Is.Not.Null);
        AssertSameTree(YamlTreeBuilder.Build(text, new List<YamlAliasNode>(), default, out _)!, simple!, "$");
    }

    [Test]
    public void A_key_repeated_across_mappings_is_one_string()
    {
        var top = (YamlMapping)SimpleYamlReader.TryRead("errors:\n- code: a\n  message: x\n- code: b\n  message: y\n- cod: c\n")!;
        var root = (YamlSequence)top.Entries[0].Value;
        string[] keys = root.Items.Select(item => (string)((YamlScalarNode)((YamlMapping)item).Entries[0].Key).Value).ToArray();

        Assert.That(keys, Is.EqualTo(new[] { "code", "code", "cod" }));
        Assert.That(keys[1], Is.SameAs(keys[0]), "the second mapping's key is the first's string, not a copy");
        Assert.That(((YamlScalarNode)((YamlMapping)root.Items[1]).Entries[1].Key).Value, Is.SameAs(((YamlScalarNode)((YamlMapping)root.Items[0]).Entries[1].Key).Value));
    }

    private static void AssertSameTree(YamlNodeBase expected, YamlNodeBase actual, string at)
    {
        Assert.That(actual.GetType(), Is.EqualTo(expected.GetType()), at);
        switch (expected)
        {
            case YamlScalarNode e:
                {
                    var a = (YamlScalarNode)actual;
                    Assert.That(a.Value, Is.EqualTo(e.Value), at);
                    Assert.That(a.Style, Is.EqualTo(e.Style), at);
                    Assert.That(a.Tag, Is.EqualTo(e.Tag), at);
                    Assert.That(a.Start, Is.EqualTo(e.Start), at + " start");
                    if (e.Style != ScalarStyle.Literal && e.Style != ScalarStyle.Folded)
                    {
                        Assert.That(a.End, Is.EqualTo(e.End), at + " end");
                    }

                    break;
                }

            case YamlSequence e:
                {
                    var a = (YamlSequence)actual;
                    Assert.That(a.Items, Has.Count.EqualTo(e.Items.Count), at);
                    for (int i = 0; i < e.Items.Count; i++)
                    {
                        AssertSameTree(e.Items[i], a.Items[i], at + "[" + i + "]");
                    }

                    break;
                }

            case YamlMapping e:
                {
                    var a = (YamlMapping)actual;
                    Assert.That(a.Entries, Has.Count.EqualTo(e.Entries.Count), at);
                    for (int i = 0; i < e.Entries.Count; i++)
                    {
                        string key = ((YamlScalarNode)e.Entries[i].Key).Value;
                        AssertSameTree(e.Entries[i].Key, a.Entries[i].Key, at + "." + key + " (key)");
                        AssertSameTree(e.Entries[i].Value, a.Entries[i].Value, at + "." + key);
                    }

                    break;
                }
        }
    }
}

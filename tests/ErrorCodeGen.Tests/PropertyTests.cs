using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using ErrorCodeGen.Generator.Emitting;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Rendering;
using ErrorCodeGen.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// Property tests (FsCheck) of the two ways catalog text reaches generated code: the C# literal escaper and the XML
/// documentation renderer; then random text end to end through a catalog, the generator, the compiler and the runtime.
/// </summary>
public class PropertyTests
{
    private static readonly string[] s_hostileTokens =
    {
        "\"", "\\", "\0", "\n", "\r", "\r\n", "\t", "\u2028", "\u2029", "\u0085", "\uFEFF", "\u200B", "\u001B", "\u007F",
        "*/", "/*", "//", "///", "</summary>", "<summary>", "]]>", "<![CDATA[", "<!--", "-->", "{0}", "{", "}", "#error", "#if",
        "\"\"\"", "$\"", "@\"", "&amp;", "&#x2028;", "<", ">", "&", "'", "`", "``", "*", "**", "_", "[", "](", ")", "<img src=x>",
        "🚀", "é", "日本", "\\u0041", "\\n", " ", "  ", "x", "Bearer", "- ", "1. ", "> ", "# ", "|",
    };

    /// <summary>Strings built from hostile tokens and arbitrary characters (lone surrogates included).</summary>
    private static Gen<string> HostileStrings(bool validUnicodeOnly)
    {
        Gen<string> anyChar = ArbMap.Default.GeneratorFor<char>()
            .Where(c => !validUnicodeOnly || !char.IsSurrogate(c))
            .Select(c => c.ToString());
        Gen<string> token = Gen.Frequency((3, Gen.Elements(s_hostileTokens)), (1, anyChar));
        return token.ListOf().Select(parts => string.Concat(parts));
    }

    [Test]
    public void CSharp_literal_reads_back_as_the_same_string()
    {
        Prop.ForAll(HostileStrings(validUnicodeOnly: false).ToArbitrary(), value =>
        {
            string literal = CSharpLiteral.String(value);
            ExpressionSyntax expression = SyntaxFactory.ParseExpression(literal);
            return expression is LiteralExpressionSyntax parsed
                && !expression.GetDiagnostics().Any()
                && (string?)parsed.Token.Value == value
                && literal.IndexOfAny(new[] { '\n', '\r', '\u2028', '\u2029', '\u0085' }) < 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    [Test]
    public void Rendered_xml_docs_are_well_formed_and_stay_inside_the_comment()
    {
        Prop.ForAll(HostileStrings(validUnicodeOnly: false).ToArbitrary(), value =>
        {
            if (RemediationRenderer.RenderInline(value, null).XmlDoc.Contains('\n'))
            {
                return false; // a summary is one line of XML
            }

            foreach (RenderedText text in new[] { RemediationRenderer.RenderInline(value, "https://docs.example.com/a/"), RemediationRenderer.RenderBlock(value, null) })
            {
                XElement.Parse("<doc>" + text.XmlDoc + "</doc>");
                if (text.XmlDoc.IndexOfAny(new[] { '\r', '\u2028', '\u2029', '\u0085' }) >= 0)
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Test]
    public void Rendered_docs_compile_without_documentation_warnings()
    {
        // Batched: 300 random doc comments on 300 members of one compilation.
        string[] samples = HostileStrings(validUnicodeOnly: false).Sample(60, 300);
        var source = new StringBuilder("/// <summary>Holder.</summary>\npublic static class Holder\n{\n");
        for (int i = 0; i < samples.Length; i++)
        {
            RenderedText inline = RemediationRenderer.RenderInline(samples[i], null);
            RenderedText block = RemediationRenderer.RenderBlock(samples[i], null);
            source.Append("/// <summary>").Append(inline.XmlDoc).Append("</summary>\n/// <remarks>\n");
            foreach (string line in block.XmlDoc.Split('\n'))
            {
                source.Append("/// ").Append(line).Append('\n');
            }

            source.Append("/// </remarks>\npublic const string S").Append(i).Append(" = ").Append(CSharpLiteral.String(samples[i])).Append(";\n");
        }

        source.Append("}\n");
        var compilation = GeneratorHarness.CreateCompilation(new[] { source.ToString() }, LanguageVersion.CSharp7_3);

        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.That(problems, Is.Empty, GeneratorHarness.Describe(problems.Take(5)));
    }

    [Test]
    public void Random_catalog_text_round_trips_through_generated_code()
    {
        string[] samples = HostileStrings(validUnicodeOnly: true).Sample(40, 120).Select(s => string.IsNullOrWhiteSpace(s) ? "x" + s : s).ToArray();
        var yaml = new StringBuilder("schema: errorcodegen/v1\nprovider:\n  name: Fuzz\n  title: ").Append(YamlText.DoubleQuoted(samples[0])).Append("\n  format: runware\nerrors:\n");
        for (int i = 0; i < samples.Length; i++)
        {
            string s = YamlText.DoubleQuoted(samples[i]);
            yaml.Append("  - code: ").Append(YamlText.DoubleQuoted("c" + i + samples[i].Trim())).Append('\n')
                .Append("    identifier: M").Append(i).Append('\n')
                .Append("    name: ").Append(s).Append('\n')
                .Append("    retryable: false\n")
                .Append("    category: ").Append(s).Append('\n')
                .Append("    message: ").Append(s).Append('\n')
                .Append("    summary: ").Append(s).Append('\n')
                .Append("    remediation: ").Append(s).Append('\n')
                .Append("    endpoints: [").Append(s).Append("]\n")
                .Append("    inferred: [retryable]\n")
                .Append("    note: ").Append(s).Append('\n');
        }

        var compilation = GeneratorHarness.CreateCompilation(version: LanguageVersion.CSharp7_3);
        var (_, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/fuzz/fuzz.errors.yaml", yaml.ToString()) }, compilation);
        Assert.That(diagnostics.Where(d => d.Id != "ECG0021"), Is.Empty, GeneratorHarness.Describe(diagnostics));

        using var pe = new MemoryStream();
        using var xml = new MemoryStream();
        var emit = output.WithAssemblyName("Fuzz" + Guid.NewGuid().ToString("N")).Emit(pe, xmlDocumentationStream: xml);
        Assert.That(emit.Success, Is.True, GeneratorHarness.Describe(emit.Diagnostics.Take(5)));
        Assert.DoesNotThrow(() => XDocument.Parse(Encoding.UTF8.GetString(xml.ToArray())));

        Assembly assembly = Assembly.Load(pe.ToArray());
        var all = (IReadOnlyList<ErrorCodeGen.ErrorDescriptor>)assembly.GetType("Consumer.FuzzErrors")!.GetProperty("All")!.GetValue(null)!;
        Assert.That(all, Has.Count.EqualTo(samples.Length));
        for (int i = 0; i < samples.Length; i++)
        {
            ErrorCodeGen.ErrorDescriptor d = all[i];
            Assert.That(d.Code, Is.EqualTo("c" + i + samples[i].Trim()), "code " + i);
            Assert.That(d.Name, Is.EqualTo(samples[i]), "name " + i);
            Assert.That(d.Category, Is.EqualTo(samples[i]), "category " + i);
            Assert.That(d.ExampleMessage, Is.EqualTo(samples[i]), "message " + i);
            Assert.That(d.InferenceNote, Is.EqualTo(samples[i]), "note " + i);
            Assert.That(d.Endpoints, Is.EqualTo(new[] { samples[i] }), "endpoint " + i);
        }
    }
}

using System.Collections.Generic;
using System.IO;
using System.Linq;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Generator.Rendering;
using ErrorCodeGen.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// Plain text is rendered without Markdig (<see cref="RemediationRenderer.AsPlainText"/>), and the result is exactly
/// what Markdig's path makes of it: over every summary and remediation of the curated catalogs, and over near-misses
/// that look plain but are Markdown.
/// </summary>
public class PlainTextFastPathTests
{
    private static IEnumerable<string> CuratedTexts()
    {
        foreach (string path in Directory.GetFiles(Path.Combine(RepoPaths.Root, "catalog"), "*.errors.yaml"))
        {
            CatalogModel model = CatalogParser.ParseYaml(new CatalogFile(path, File.ReadAllText(path), null, null)).Model!;
            foreach (ExceptionGroupModel g in model.ExceptionGroups)
            {
                yield return g.Summary.Markdown;
            }

            foreach (CatalogEntryModel e in model.StatusRules.Cast<CatalogEntryModel>().Concat(model.Errors))
            {
                yield return e.Summary.Markdown;
                yield return e.Remediation.Markdown;
            }
        }
    }

    private static readonly string[] s_nearMisses =
    {
        "Plain text.", "Plain text.\n", "Two lines\nof text.\n", "Two lines \nwith a trailing space.", "Hard break  \nhere.",
        "Double  space.", "Ends with a space. ", " Leading space.", "    Indented code.", "1. A list", "2) A list", "- A list",
        "+ A list", "* A list", "# Heading", "Title\n=====", "Title\n-----", "> Quote", "Some *emphasis*.", "Some _emphasis_.",
        "A `code` span.", "A [link](https://example.com).", "An <b>html</b> tag.", "An &amp; entity.", "A \\times b.",
        "Paragraph one.\n\nParagraph two.", "Tab\there.", "CR\r\nline.", "Price: $5 (about 10%) - or +1 = 6!", "Quotes ‘’“” and dashes – — …",
        "Email me@example.com or see https://example.com/path?q=1.", "Ünïcödé lëttërs and 数字 ١٢٣.", "~~~\ncode\n~~~", "a|b|c",
        "Line one\n1. not a list inside a paragraph?", "Line one\n- not a list?", "Line one\n    indented continuation.", "x\n\n\n",
        "Trailing newlines\n\n", "Ends in digits 42", "Ends with ?", "Ends with )", "(starts with a parenthesis)", "'quoted'", "\"quoted\"",
    };

    private static IEnumerable<string> AllTexts() => CuratedTexts().Concat(s_nearMisses).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct();

    [TestCaseSource(nameof(AllTexts))]
    public void The_fast_path_renders_exactly_what_Markdig_does(string markdown)
    {
        Assert.That(RemediationRenderer.RenderBlock(markdown, "https://example.com/docs/"), Is.EqualTo(RemediationRenderer.RenderBlockWithMarkdig(markdown, "https://example.com/docs/")), "block");
        Assert.That(RemediationRenderer.RenderInline(markdown, "https://example.com/docs/"), Is.EqualTo(RemediationRenderer.RenderInlineWithMarkdig(markdown, "https://example.com/docs/")), "inline");
    }

    [TestCase("Retry the request later.")]
    [TestCase("The supplied dataset identifier is not a valid UUID.\nUse the id the API returned.\n")]
    public void Plain_text_is_not_given_to_Markdig(string markdown)
    {
        RemediationRenderer.MarkdigParsesOnThisThread = 0;
        RemediationRenderer.RenderBlock(markdown, null);
        RemediationRenderer.RenderInline(markdown, null);
        Assert.That(RemediationRenderer.MarkdigParsesOnThisThread, Is.Zero);
    }

    // Code spans and simple lists no longer reach Markdig either (SimpleMarkdownTests); these are Markdown outside that subset.
    [TestCase("Use the *id*.")]
    [TestCase("* one\n  * nested\n")]
    public void Markdown_is_given_to_Markdig(string markdown)
    {
        RemediationRenderer.MarkdigParsesOnThisThread = 0;
        RemediationRenderer.RenderBlock(markdown, null);
        Assert.That(RemediationRenderer.MarkdigParsesOnThisThread, Is.EqualTo(1));
    }

    [Test]
    public void Most_curated_summaries_take_the_fast_path()
    {
        // Not a timing: a fact that keeps one. If the rule stopped matching ordinary sentences, this would say so.
        List<string> summaries = CuratedTexts().Where(t => t.Length > 0 && !t.Contains('\n')).ToList();
        int plain = summaries.Count(t => RemediationRenderer.AsPlainText(t) != null);
        Assert.That(plain, Is.GreaterThan(summaries.Count / 2), $"{plain} of {summaries.Count} one-line texts are plain");
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;
using ErrorCodeGen.Generator.Rendering;
using ErrorCodeGen.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// The common Markdown subset (paragraphs, one-line list items, code spans, bold, links) is rendered without Markdig
/// (<see cref="SimpleMarkdown"/>), to exactly what Markdig's path makes of it: over every text of the curated catalogs,
/// near-misses, and tens of thousands of texts generated from Markdown's building blocks.
/// </summary>
public class SimpleMarkdownTests
{
    private const string BaseUrl = "https://example.com/docs/";

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
        "* one\n* two\n", "- one\n- two", "1. one\n2. two\n", "3. three\n4. four", "* one\n- two", "* one\n\n* two", "* one\n\n- two",
        "1. one\n\n2. two", "1) one", "* one\ncontinued", "* one\n  indented", "Text\n* item", "* item\n\nText after.", "Text.\n\n* item",
        "*  two spaces", "* * *", "- - -", "* # heading", "* > quote", "* 1. nested", "* - nested", "*bold?*", "**bold** start",
        "Some **bold** text.", "Some **bold**text.", "Some**bold** text.", "Some ** bold** text.", "Some **bold ** text.", "**unclosed",
        "Use `code`.", "Use `` code ``.", "Use ` code `.", "Use `code.", "Use ``.", "Use `a``b`.", "Use `<key>` & `a&b`.",
        "See [the docs](https://example.com/x).", "See [the docs](/relative/path).", "See [docs](mailto:a@b.c).", "See ![img](x.png).",
        "See [a](b c).", "See [a](<b>).", "See [a] (b).", "See [a][b].", "See [](x).", "See [a]().", "See [ a](x).", "See [a](x \"t\").",
        "[Link](https://example.com) first.", "`code` first.", "**Bold** first, then `code` and [a link](x/y).",
        "Line one\nline two\n\nParagraph two.\n", "12345678. long", "123456789. longer", "0. zero", "01. leading zero",
        "1. `code` item\n2. **bold** item\n3. [link](u) item", "Ends in a space ", "Tab\tin text", "Back\\slash", "a_b", "a*b", "~x~",
        "Trailing newlines\n\n\n", "\n\nLeading blank lines", "x\n\n\n\ny", "* [link](https://e.x/a?b=1#c) item", "*emph* start",
        "A **b** and **c**, then `d`.", "A **b**, **c**.", "A **b**: c", "(**b**)", "A **b**)", "A **1**", "**1** a", "A **b c** d",
    };

    private static IEnumerable<string> AllTexts() => CuratedTexts().Concat(s_nearMisses).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct();

    [TestCaseSource(nameof(AllTexts))]
    public void The_subset_renders_exactly_what_Markdig_does(string markdown) => AssertSameAsMarkdig(markdown);

    [Test]
    public void Generated_texts_render_exactly_what_Markdig_does()
    {
        // Texts built at random from Markdown's building blocks: lines of words, code spans, bold text and links, as
        // paragraphs or list items, with now and then a piece that takes the text out of the subset (and to Markdig).
        string[] starts = { string.Empty, string.Empty, "* ", "- ", "1. ", "2. ", "10. " };
        string[] good = { "word", "Other", "x", "42", ".", ",", ":", "(", ")", "!", "'", "\u2019", "-", "/", "`code`", "`<k>`", "`a*b`", "**bold**", "**b 2**", "[link](u)", "[the docs](https://e.x/p?q=1)", "[x](/rel)" };
        string[] first = { "word", "Other", "x", "`code`", "**bold**", "[link](u)" };
        string[] bad =
        {
            "  ", "*", "**", "`", "``", "[", "]", "](", ")", "_", "\\", "&", "<", "#", "> ", "    ", "\t", "!", "*emph*", " **", "** ", "[a] (b)",
            "\n  ", "\n* ", "\n1. ", "\n- ", "\n---", "\n===", "\n\n* ", "\n\n- ", "\n\n1. ", " \n",
        };
        var random = new Random(11);
        int simple = 0;
        const int Texts = 20_000;
        for (int n = 0; n < Texts; n++)
        {
            var sb = new StringBuilder();
            int lines = random.Next(1, 5);
            for (int l = 0; l < lines; l++)
            {
                if (l > 0)
                {
                    sb.Append(random.Next(3) == 0 ? "\n\n" : "\n");
                }

                sb.Append(starts[random.Next(starts.Length)]);
                int count = random.Next(1, 7);
                for (int k = 0; k < count; k++)
                {
                    sb.Append(k == 0 || random.Next(4) == 0 ? string.Empty : " ");
                    string[] from = k == 0 ? first : good;
                    sb.Append(random.Next(12) == 0 ? bad[random.Next(bad.Length)] : from[random.Next(from.Length)]);
                }
            }

            if (random.Next(4) == 0)
            {
                sb.Append('\n');
            }

            string markdown = sb.ToString();
            if (string.IsNullOrWhiteSpace(markdown))
            {
                continue;
            }

            if (SimpleMarkdown.TryParse(markdown) != null)
            {
                simple++;
            }

            AssertSameAsMarkdig(markdown);
        }

        Assert.That(simple, Is.GreaterThan(Texts / 5), "too few generated texts are in the subset to test it");
    }

    [TestCase("* Check the `field_7` value of the request.\n* Make sure it is **not** empty.\n")]
    [TestCase("1. Use the exact `id` returned by `POST /datasets`.\n2. See [the docs](/trainer-apis/errors).")]
    [TestCase("Use Retry-After header.\n\nRate limit responses include `Retry-After`; wait **that long**.")]
    [TestCase("Contact [support@cmfy.cloud](mailto:support@cmfy.cloud).")]
    public void The_subset_is_not_given_to_Markdig(string markdown)
    {
        Assert.That(SimpleMarkdown.TryParse(markdown), Is.Not.Null);
        RemediationRenderer.MarkdigParsesOnThisThread = 0;
        RemediationRenderer.RenderBlock(markdown, BaseUrl);
        RemediationRenderer.RenderInline(markdown, BaseUrl);
        Assert.That(RemediationRenderer.MarkdigParsesOnThisThread, Is.Zero);
    }

    [Test]
    public void Most_curated_Markdown_takes_a_fast_path()
    {
        // Not a timing: a fact that keeps one. Of the curated texts that are not plain, most are in the subset.
        List<string> markdown = CuratedTexts().Where(t => t.Trim().Length > 0 && RemediationRenderer.AsPlainText(t) is null).Distinct().ToList();
        int simple = markdown.Count(t => SimpleMarkdown.TryParse(t) != null);
        Assert.That(simple, Is.GreaterThan(markdown.Count / 2), $"{simple} of {markdown.Count} Markdown texts are in the subset");
    }

    private static void AssertSameAsMarkdig(string markdown)
    {
        Assert.That(RemediationRenderer.RenderBlock(markdown, BaseUrl), Is.EqualTo(RemediationRenderer.RenderBlockWithMarkdig(markdown, BaseUrl)), "block: " + markdown);
        Assert.That(RemediationRenderer.RenderInline(markdown, BaseUrl), Is.EqualTo(RemediationRenderer.RenderInlineWithMarkdig(markdown, BaseUrl)), "inline: " + markdown);
    }
}

using System.Linq;
using System.Xml.Linq;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Rendering;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

public class RemediationRendererTests
{
    private static XElement ParseDoc(string xml) => XElement.Parse("<doc>" + xml + "</doc>");

    [Test]
    public void Bullet_list_with_code_and_bold_renders_to_text_and_xml()
    {
        RenderedText text = RemediationRenderer.RenderBlock("* Reduce `batch_size` now.\n* Keep it **small**.\n", null);

        Assert.That(text.PlainText, Is.EqualTo("- Reduce batch_size now.\n- Keep it small."));
        XElement doc = ParseDoc(text.XmlDoc);
        XElement list = doc.Element("list")!;
        Assert.That(list.Attribute("type")!.Value, Is.EqualTo("bullet"));
        Assert.That(list.Elements("item"), Has.Exactly(2).Items);
        Assert.That(list.ToString(SaveOptions.DisableFormatting), Does.Contain("<c>batch_size</c>").And.Contain("<b>small</b>"));
    }

    [Test]
    public void Numbered_list_keeps_its_numbers()
    {
        RenderedText text = RemediationRenderer.RenderBlock("1. Review the API reference\n2. Contact support\n", null);

        Assert.That(text.PlainText, Is.EqualTo("1. Review the API reference\n2. Contact support"));
        Assert.That(ParseDoc(text.XmlDoc).Element("list")!.Attribute("type")!.Value, Is.EqualTo("number"));
    }

    [Test]
    public void Links_keep_their_target_and_relative_links_resolve_against_the_page()
    {
        RenderedText text = RemediationRenderer.RenderBlock("See **[Jobs API](/trainer-apis/jobs#body)** or mail [hi@x.com](mailto:hi@x.com).", "https://docs.example.com/trainer-apis/error-codes");

        Assert.That(text.PlainText, Is.EqualTo("See Jobs API (https://docs.example.com/trainer-apis/jobs#body) or mail hi@x.com."));
        Assert.That(text.XmlDoc, Does.Contain("<see href=\"https://docs.example.com/trainer-apis/jobs#body\">Jobs API</see>"));
    }

    [Test]
    public void Html_img_tag_becomes_an_image_reference_never_raw_html()
    {
        RenderedText text = RemediationRenderer.RenderBlock(
            "* Do it.\n\n<img src=\"https://cdn.example.com/a.webp?x=1&y=2\" alt=\"Alt Add token\" width=\"10\" />\n", null);

        Assert.That(text.PlainText, Is.EqualTo("- Do it.\n\n[Image: Alt Add token] (https://cdn.example.com/a.webp?x=1&y=2)"));
        Assert.That(text.XmlDoc, Does.Not.Contain("<img"));
        Assert.That(ParseDoc(text.XmlDoc).Descendants("see").Single().Attribute("href")!.Value, Is.EqualTo("https://cdn.example.com/a.webp?x=1&y=2"));
    }

    [TestCase(@"(batch\_size \times (max\_res/1024)^2 \ge 6)", "(batch_size × (max_res/1024)^2 ≥ 6)")]
    [TestCase(@"a \le b \neq c", "a ≤ b ≠ c")]
    [TestCase(@"\timestamp stays", @"\timestamp stays")]
    public void Tex_symbols_become_unicode(string markdown, string expected)
        => Assert.That(RemediationRenderer.RenderInline(markdown, null).PlainText, Is.EqualTo(expected));

    [TestCase("</summary> <!-- x --> ]]> &amp; <b>")]
    [TestCase("line\u2028separator and\u2029paragraph and\u0085next")]
    [TestCase("nul\0 and \u0001 control and lone \uD800 surrogate")]
    [TestCase("*/ /* #error {0} \"\"\" emoji 🚀")]
    public void Hostile_text_gives_well_formed_single_line_safe_xml(string hostile)
    {
        foreach (RenderedText text in new[] { RemediationRenderer.RenderBlock(hostile, null), RemediationRenderer.RenderInline(hostile, null) })
        {
            Assert.DoesNotThrow(() => ParseDoc(text.XmlDoc), text.XmlDoc);
            Assert.That(text.XmlDoc, Does.Not.Contain("\u2028").And.Not.Contain("\u2029").And.Not.Contain("\u0085").And.Not.Contain("\r"));
        }
    }

    [Test]
    public void Inline_summary_has_no_block_elements()
    {
        RenderedText text = RemediationRenderer.RenderInline("`num_frames > 1` with **video**.", null);

        Assert.That(text.XmlDoc, Is.EqualTo("<c>num_frames &gt; 1</c> with <b>video</b>."));
        Assert.That(text.PlainText, Is.EqualTo("num_frames > 1 with video."));
    }
}

public class InlineRenderingRegressionTests
{
    [Test]
    public void Summary_with_a_code_block_stays_one_line_of_xml()
    {
        // Found by the property test: a fenced block in a summary put a raw line break into <summary>.
        RenderedText text = RemediationRenderer.RenderInline("```\nline one\nline two\n```", null);

        Assert.That(text.XmlDoc, Does.Not.Contain("\n"));
        Assert.That(System.Xml.Linq.XElement.Parse("<s>" + text.XmlDoc + "</s>").Element("code")!.Value, Is.EqualTo("line one\nline two"));
    }

    /// <summary>
    /// A paragraph's plain text, its lines trimmed and indented in place, against the way it was written before (the text
    /// trimmed, split at each line feed, each line trimmed): the same text after any text already written.
    /// </summary>
    [Test]
    public void A_paragraphs_plain_text_is_the_trim_and_split_it_replaced()
    {
        char[] alphabet = { 'a', 'b', ' ', '\t', '\r', '\n', '\n', '\u00a0', '\u2028' };
        var random = new System.Random(202612031);
        for (int n = 0; n < 5000; n++)
        {
            var chars = new char[random.Next(0, 24)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            string text = new string(chars);
            string before = random.Next(3) switch { 0 => string.Empty, 1 => "x", _ => "x\n" };
            string indent = random.Next(2) == 0 ? string.Empty : "  ";
            var actual = new System.Text.StringBuilder(before);
            RemediationRenderer.AppendParagraph(actual, indent, text);
            var expected = new System.Text.StringBuilder(before);
            TrimAndSplit(expected, indent, text);
            Assert.That(actual.ToString(), Is.EqualTo(expected.ToString()), System.Text.Json.JsonSerializer.Serialize(new { before, indent, text }));
        }

        static void TrimAndSplit(System.Text.StringBuilder plain, string indent, string text)
        {
            text = text.Trim();
            if (text.Length == 0)
            {
                return;
            }

            // EnsureBlankLine: a blank line after any text before.
            if (plain.Length > 0)
            {
                if (plain[plain.Length - 1] != '\n')
                {
                    plain.Append('\n');
                }

                if (plain.Length < 2 || plain[plain.Length - 2] != '\n')
                {
                    plain.Append('\n');
                }
            }

            foreach (string line in text.Split('\n'))
            {
                plain.Append(indent).Append(line.Trim()).Append('\n');
            }

            plain.Append('\n');
        }
    }

    /// <summary>
    /// The plain text's line trim, read in place, against the way it was written before (split after turning CRLF into LF,
    /// each line trimmed with <see cref="string.TrimEnd()"/>): the same text for line ends, white space and blank runs of
    /// every kind, at either end and inside.
    /// </summary>
    [Test]
    public void The_plain_texts_line_trim_is_the_split_and_trim_it_replaced()
    {
        char[] alphabet = { 'a', 'b', ' ', '\t', '\r', '\n', '\n', '\u00a0', '\u2028', '\u3000' };
        var random = new System.Random(20261203);
        var cases = new System.Collections.Generic.List<string> { string.Empty, "\n", "\r\n", "\r\r\n", "a\r", " a \r\n\r\n b ", "\n\n a\n\n\n\nb\n\n" };
        for (int n = 0; n < 5000; n++)
        {
            var chars = new char[random.Next(0, 24)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            cases.Add(new string(chars));
        }

        foreach (string text in cases)
        {
            Assert.That(RemediationRenderer.TrimLines(text), Is.EqualTo(SplitAndTrim(text)), System.Text.Json.JsonSerializer.Serialize(text));
        }

        static string SplitAndTrim(string text)
        {
            var sb = new System.Text.StringBuilder();
            bool blank = false;
            foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
            {
                string l = line.TrimEnd();
                if (l.Length == 0)
                {
                    blank = sb.Length > 0;
                    continue;
                }

                if (sb.Length > 0)
                {
                    sb.Append('\n');
                    if (blank)
                    {
                        sb.Append('\n');
                    }
                }

                blank = false;
                sb.Append(l);
            }

            return sb.ToString();
        }
    }
}

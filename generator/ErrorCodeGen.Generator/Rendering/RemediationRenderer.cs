using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using ErrorCodeGen.Generator.Model;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ErrorCodeGen.Generator.Rendering
{
    /// <summary>
    /// Renders catalog Markdown (lists, code spans, bold, links, <c>&lt;img&gt;</c> tags, TeX-like formulas) to plain
    /// text for runtime strings and to well-formed XML documentation. XML is built with <see cref="XElement"/>, never
    /// by hand, then made safe for <c>///</c> comments (no raw line separators).
    /// </summary>
    internal static class RemediationRenderer
    {
        /// <summary>
        /// How many Markdown texts this thread has given to Markdig: the tests assert that plain text never is.
        /// </summary>
        [ThreadStatic]
        internal static int MarkdigParsesOnThisThread;

        /// <summary>Built on first use, so text that needs no Markdown parse never loads Markdig or builds a regex.</summary>
        private static class MarkdownParser
        {
            public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();
        }

        /// <summary>Built on first use: only <c>&lt;img&gt;</c> and other HTML in a catalog needs them.</summary>
        private static class Html
        {
            public static readonly Regex Attribute = new Regex(
                "(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\\s*=\\s*(?:\"(?<v>[^\"]*)\"|'(?<v>[^']*)'|(?<v>[^\\s\"'=<>`]+))",
                RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));

            public static readonly Regex Tag = new Regex(
                "^<\\s*(?<name>[A-Za-z][A-Za-z0-9]*)",
                RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));
        }

        private static readonly KeyValuePair<string, string>[] s_texSymbols =
        {
            new KeyValuePair<string, string>("\\times", "\u00D7"),
            new KeyValuePair<string, string>("\\cdot", "\u00B7"),
            new KeyValuePair<string, string>("\\geq", "\u2265"),
            new KeyValuePair<string, string>("\\leq", "\u2264"),
            new KeyValuePair<string, string>("\\ge", "\u2265"),
            new KeyValuePair<string, string>("\\le", "\u2264"),
            new KeyValuePair<string, string>("\\neq", "\u2260"),
            new KeyValuePair<string, string>("\\ne", "\u2260"),
            new KeyValuePair<string, string>("\\approx", "\u2248"),
            new KeyValuePair<string, string>("\\div", "\u00F7"),
            new KeyValuePair<string, string>("\\pm", "\u00B1"),
        };

        /// <summary>Renders block Markdown (remediation text). Throws <see cref="MarkdownTooComplexException"/> for input Markdig refuses.</summary>
        public static RenderedText RenderBlock(string? markdown, string? baseUrl, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(markdown))
            {
                return RenderedText.Empty;
            }

            if (AsPlainText(markdown!) is string text)
            {
                // What Markdig makes of it: one paragraph of literal text, its lines joined by (soft-break) spaces.
                return new RenderedText(markdown!, text, XmlFragment.MakeDocCommentSafe(XmlFragment.Write(text, static (fragment, t) =>
                {
                    fragment.Xml.WriteStartElement("para");
                    fragment.Xml.WriteString(t);
                    fragment.Xml.WriteEndElement();
                })));
            }

            if (SimpleMarkdown.TryParse(markdown!) is List<SimpleBlock> blocks)
            {
                return RenderSimpleBlock(markdown!, blocks, new RenderContext(baseUrl));
            }

            return RenderBlockWithMarkdig(markdown!, baseUrl, cancellationToken);
        }

        /// <summary>
        /// <see cref="RenderBlockWithMarkdig"/> for Markdown of the <see cref="SimpleMarkdown"/> subset, read without
        /// Markdig: the same paragraphs and lists, by the same steps as Markdig's blocks below, their XML written straight
        /// to <see cref="XmlFragment"/>'s writer (the text <see cref="ToXmlDoc"/> makes of the same elements).
        /// </summary>
        private static RenderedText RenderSimpleBlock(string markdown, List<SimpleBlock> blocks, RenderContext context)
        {
            var plain = new StringBuilder();
            foreach (SimpleBlock block in blocks)
            {
                AppendSimplePlain(block, context, plain);
            }

            string xml = XmlFragment.Write((blocks, context), static (fragment, state) =>
            {
                for (int i = 0; i < state.blocks.Count; i++)
                {
                    if (i > 0)
                    {
                        fragment.Append("\n");
                    }

                    WriteSimpleBlock(fragment, state.blocks[i], state.context, inline: false);
                }
            });
            return new RenderedText(markdown, TrimLines(plain.ToString()), XmlFragment.MakeDocCommentSafe(xml));
        }

        /// <summary>As <see cref="RenderBlock(Block, RenderContext, StringBuilder, List{XElement}, string)"/> writes the plain text of a paragraph or a list of one-paragraph items.</summary>
        private static void AppendSimplePlain(SimpleBlock block, RenderContext context, StringBuilder plain)
        {
            // The thread's builder for a paragraph's or an item's text, taken for the block and put back after it.
            StringBuilder text = StringBuilderCache.Acquire(256);
            if (!block.IsList)
            {
                AppendSimplePlain(block.Inlines, context, text);
                AppendParagraph(plain, string.Empty, text.ToString());
                StringBuilderCache.Release(text, MaxKeptBuilder);
                return;
            }

            int number = block.Start;
            EnsureBlankLine(plain);
            foreach (List<SimpleInline> item in block.Items)
            {
                string marker = block.Ordered ? number.ToString(CultureInfo.InvariantCulture) + ". " : "- ";
                number++;
                text.Clear();
                AppendSimplePlain(item, context, text);

                // What AppendParagraph at the item's indent, and the trim of its first line, leave of one line of text.
                plain.Append(marker).Append(text.ToString().Trim()).Append('\n');
            }

            plain.Append('\n');
            StringBuilderCache.Release(text, MaxKeptBuilder);
        }

        /// <summary>
        /// The largest builder the generator gives back to <see cref="StringBuilderCache"/> for the thread's next use (a
        /// block's text here, a code's remarks in the emitter): one huge text does not stay in memory.
        /// </summary>
        internal const int MaxKeptBuilder = 16 * 1024;

        private static void AppendSimplePlain(List<SimpleInline> inlines, RenderContext context, StringBuilder plain)
        {
            foreach (SimpleInline inline in inlines)
            {
                if (inline.Kind == SimpleInlineKind.Link)
                {
                    AppendLinkText(plain, inline.Text, context.Resolve(inline.Url));
                }
                else
                {
                    // Literal text, soft breaks (a space), code and bold: their text (the subset has no TeX macros).
                    plain.Append(inline.Text);
                }
            }
        }

        /// <summary>
        /// The XML of a block: a <c>para</c> (for a summary, only its content), or a <c>list</c> whose items each have
        /// the paragraph's content as their description (in a remediation, the list's tags and items one per line).
        /// </summary>
        private static void WriteSimpleBlock(XmlFragment.Fragment fragment, SimpleBlock block, RenderContext context, bool inline)
        {
            XmlWriter xml = fragment.Xml;
            if (!block.IsList)
            {
                if (!inline)
                {
                    xml.WriteStartElement("para");
                }

                WriteSimpleInlines(xml, block.Inlines, context);
                if (!inline)
                {
                    xml.WriteEndElement();
                }

                return;
            }

            string type = block.Ordered ? "number" : "bullet";
            if (inline)
            {
                xml.WriteStartElement("list");
                xml.WriteAttributeString("type", type);
            }
            else
            {
                fragment.Append(block.Ordered ? ListStart.Number : ListStart.Bullet);
            }

            foreach (List<SimpleInline> item in block.Items)
            {
                if (!inline)
                {
                    fragment.Append("\n");
                }

                xml.WriteStartElement("item");
                xml.WriteStartElement("description");
                WriteSimpleInlines(xml, item, context);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            if (inline)
            {
                xml.WriteEndElement();
            }
            else
            {
                fragment.Append("\n</list>");
            }
        }

        /// <summary>The opening tags <see cref="ToXmlDoc"/> writes for a list, made the same way.</summary>
        private static class ListStart
        {
            public static readonly string Bullet = Make("bullet");

            public static readonly string Number = Make("number");

            private static string Make(string type)
            {
                string empty = XmlFragment.Serialize(new XElement("list", new XAttribute("type", type)));
                return empty.Substring(0, empty.Length - 3) + ">";
            }
        }

        private static void WriteSimpleInlines(XmlWriter xml, List<SimpleInline> inlines, RenderContext context)
        {
            foreach (SimpleInline inline in inlines)
            {
                switch (inline.Kind)
                {
                    case SimpleInlineKind.Code:
                        xml.WriteStartElement("c");
                        xml.WriteString(XmlFragment.XmlSafe(inline.Text));
                        xml.WriteEndElement();
                        break;
                    case SimpleInlineKind.Bold:
                        xml.WriteStartElement("b");
                        xml.WriteString(inline.Text);
                        xml.WriteEndElement();
                        break;
                    case SimpleInlineKind.Link:
                        xml.WriteStartElement("see");
                        xml.WriteAttributeString("href", XmlFragment.XmlSafe(context.Resolve(inline.Url)));
                        xml.WriteString(inline.Text);
                        xml.WriteEndElement();
                        break;
                    default:
                        xml.WriteString(inline.Text);
                        break;
                }
            }
        }

        /// <summary><see cref="RenderBlock"/> through Markdig, whatever the text (the tests compare the two paths).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        internal static RenderedText RenderBlockWithMarkdig(string markdown, string? baseUrl, CancellationToken cancellationToken = default)
        {
            MarkdownDocument document = Parse(markdown);
            var context = new RenderContext(baseUrl);
            var plain = new StringBuilder();
            var xml = new List<XElement>();
            foreach (Block block in document)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RenderBlock(block, context, plain, xml, indent: string.Empty);
            }

            return new RenderedText(markdown!, TrimLines(plain.ToString()), ToXmlDoc(xml));
        }

        /// <summary>
        /// Markdig refuses pathologically nested input (thousands of <c>&gt;</c>, list levels or brackets) with an
        /// <see cref="ArgumentException"/>: that, and only that, becomes a <see cref="MarkdownTooComplexException"/>
        /// the parser reports as a diagnostic at the field.
        /// </summary>
        private static MarkdownDocument Parse(string markdown)
        {
            try
            {
                MarkdigParsesOnThisThread++;
                return Markdown.Parse(markdown, MarkdownParser.Pipeline);
            }
            catch (ArgumentException ex)
            {
                throw new MarkdownTooComplexException(ex.Message);
            }
        }

        /// <summary>Renders inline Markdown (a summary): one paragraph, as text and as XML content (no wrapping element).</summary>
        public static RenderedText RenderInline(string? markdown, string? baseUrl, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(markdown))
            {
                return RenderedText.Empty;
            }

            if (AsPlainText(markdown!) is string text)
            {
                return new RenderedText(markdown!, text, XmlFragment.MakeDocCommentSafe(XmlFragment.Write(text, static (fragment, t) => fragment.Xml.WriteString(t))));
            }

            if (SimpleMarkdown.TryParse(markdown!) is List<SimpleBlock> blocks)
            {
                return RenderSimpleInline(markdown!, blocks, new RenderContext(baseUrl));
            }

            return RenderInlineWithMarkdig(markdown!, baseUrl, cancellationToken);
        }

        /// <summary><see cref="RenderInlineWithMarkdig"/> for Markdown of the <see cref="SimpleMarkdown"/> subset, by the same steps.</summary>
        private static RenderedText RenderSimpleInline(string markdown, List<SimpleBlock> blocks, RenderContext context)
        {
            var plain = new StringBuilder();
            var blockPlain = new StringBuilder();
            for (int i = 0; i < blocks.Count; i++)
            {
                if (i > 0)
                {
                    plain.Append(' ');
                }

                blockPlain.Clear();
                AppendSimplePlain(blocks[i], context, blockPlain);
                plain.Append(CollapseWhitespace(blockPlain.ToString()));
            }

            string xml = XmlFragment.Write((blocks, context), static (fragment, state) =>
            {
                for (int i = 0; i < state.blocks.Count; i++)
                {
                    if (i > 0)
                    {
                        fragment.Xml.WriteString(" ");
                    }

                    WriteSimpleBlock(fragment, state.blocks[i], state.context, inline: true);
                }
            });
            return new RenderedText(markdown, plain.ToString().Trim(), XmlFragment.MakeDocCommentSafe(xml).Replace("\n", "&#xA;"));
        }

        /// <summary>
        /// The text of Markdown that Markdig would read as one paragraph of literal text, else null. Plain means: only
        /// letters, digits, single spaces and punctuation that has no meaning in Markdown (no <c>* _ ` [ ] &lt; &gt; &amp; \ #
        /// ~ |</c>, no tab or CR); every line starts with a letter (so no list, heading, quote, fence, rule, HTML or
        /// indented code) and none ends in a space (no hard break); no blank line inside (one paragraph). The result is
        /// what Markdig's paragraph gives: the lines joined by one space. <c>RemediationRendererTests</c> hold the two
        /// paths equal over every text of the curated catalogs and a set of near-misses.
        /// </summary>
        internal static string? AsPlainText(string markdown)
        {
            int end = markdown.Length;
            while (end > 0 && markdown[end - 1] == '\n')
            {
                end--;
            }

            bool lineStart = true;
            int lines = 1;
            for (int i = 0; i < end; i++)
            {
                char c = markdown[i];
                if (lineStart)
                {
                    if (!char.IsLetter(c))
                    {
                        return null;
                    }

                    lineStart = false;
                    continue;
                }

                if (c == '\n')
                {
                    if (markdown[i - 1] == ' ')
                    {
                        return null;
                    }

                    lineStart = true;
                    lines++;
                }
                else if (c == ' ')
                {
                    if (markdown[i - 1] == ' ')
                    {
                        return null;
                    }
                }
                else if (!char.IsLetterOrDigit(c) && PlainPunctuation.IndexOf(c) < 0)
                {
                    return null;
                }
            }

            if (end == 0 || markdown[end - 1] == ' ')
            {
                return null;
            }

            string text = end == markdown.Length ? markdown : markdown.Substring(0, end);
            return lines == 1 ? text : text.Replace('\n', ' ');
        }

        /// <summary>Punctuation Markdig reads as literal text wherever it stands in a line that starts with a letter.</summary>
        private const string PlainPunctuation = ".,;:?!'\"()/%-+=@$\u2018\u2019\u201C\u201D\u2013\u2014\u2026";

        /// <summary><see cref="RenderInline"/> through Markdig, whatever the text.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        internal static RenderedText RenderInlineWithMarkdig(string markdown, string? baseUrl, CancellationToken cancellationToken = default)
        {
            MarkdownDocument document = Parse(markdown);
            var context = new RenderContext(baseUrl);
            var plain = new StringBuilder();
            var holder = new XElement("summary");
            bool first = true;
            foreach (Block block in document)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!first)
                {
                    plain.Append(' ');
                    holder.Add(" ");
                }

                first = false;
                var blockPlain = new StringBuilder();
                var blockXml = new List<XElement>();
                RenderBlock(block, context, blockPlain, blockXml, indent: string.Empty);
                plain.Append(CollapseWhitespace(blockPlain.ToString()));
                foreach (XElement e in blockXml)
                {
                    // Unwrap <para> so a summary stays one run of text.
                    holder.Add(e.Name.LocalName == "para" ? (object)e.Nodes() : e);
                }
            }

            var sb = new StringBuilder();
            foreach (XNode node in holder.Nodes())
            {
                sb.Append(XmlFragment.Serialize(node));
            }

            // A summary is one line of XML: a line break inside it (a code block, say) is written as a character reference.
            return new RenderedText(markdown!, plain.ToString().Trim(), XmlFragment.MakeDocCommentSafe(sb.ToString()).Replace("\n", "&#xA;"));
        }

        private static void RenderBlock(Block block, RenderContext context, StringBuilder plain, List<XElement> xml, string indent)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    {
                        var para = new XElement("para");
                        var bold = new XElement("b");
                        var text = new StringBuilder();
                        RenderInlines(heading.Inline, context, text, bold);
                        para.Add(bold);
                        AppendParagraph(plain, indent, text.ToString());
                        xml.Add(para);
                        break;
                    }

                case ListBlock list:
                    {
                        var element = new XElement("list", new XAttribute("type", list.IsOrdered ? "number" : "bullet"));
                        int number = 1;
                        if (list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out int start))
                        {
                            number = start;
                        }

                        EnsureBlankLine(plain);
                        foreach (Block child in list)
                        {
                            if (child is not ListItemBlock item)
                            {
                                continue;
                            }

                            string marker = list.IsOrdered ? number.ToString(CultureInfo.InvariantCulture) + ". " : "- ";
                            number++;
                            var description = new XElement("description");
                            var itemPlain = new StringBuilder();
                            var itemXml = new List<XElement>();
                            foreach (Block inner in item)
                            {
                                RenderBlock(inner, context, itemPlain, itemXml, indent + "  ");
                            }

                            // A single paragraph is the item's text; several blocks stay as they are.
                            if (itemXml.Count == 1 && itemXml[0].Name.LocalName == "para")
                            {
                                description.Add(itemXml[0].Nodes());
                            }
                            else
                            {
                                description.Add(itemXml);
                            }

                            element.Add(new XElement("item", description));
                            string itemText = itemPlain.ToString().Trim('\n');
                            itemText = itemText.StartsWith(indent + "  ", StringComparison.Ordinal) ? itemText.Substring(indent.Length + 2) : itemText.TrimStart();
                            plain.Append(indent).Append(marker).Append(itemText).Append('\n');
                        }

                        plain.Append('\n');
                        xml.Add(element);
                        break;
                    }

                case QuoteBlock quote:
                    foreach (Block inner in quote)
                    {
                        RenderBlock(inner, context, plain, xml, indent);
                    }

                    break;
                case CodeBlock code:
                    {
                        string text = code.Lines.ToString().TrimEnd('\n', '\r');
                        EnsureBlankLine(plain);
                        foreach (string line in text.Split('\n'))
                        {
                            plain.Append(indent).Append("    ").Append(line.TrimEnd('\r')).Append('\n');
                        }

                        plain.Append('\n');
                        xml.Add(new XElement("code", XmlFragment.XmlSafe(text)));
                        break;
                    }

                case HtmlBlock html:
                    {
                        string raw = html.Lines.ToString();
                        var para = new XElement("para");
                        var text = new StringBuilder();
                        RenderHtml(raw, context, text, para);
                        if (text.Length > 0)
                        {
                            AppendParagraph(plain, indent, text.ToString());
                            xml.Add(para);
                        }

                        break;
                    }

                case ThematicBreakBlock:
                    break;
                case LinkReferenceDefinitionGroup:
                    break;
                case ContainerBlock container:
                    foreach (Block inner in container)
                    {
                        RenderBlock(inner, context, plain, xml, indent);
                    }

                    break;
                // Paragraphs, and any other leaf with inline content.
                case LeafBlock leaf when leaf.Inline != null:
                    {
                        var para = new XElement("para");
                        var text = new StringBuilder();
                        RenderInlines(leaf.Inline, context, text, para);
                        AppendParagraph(plain, indent, text.ToString());
                        xml.Add(para);
                        break;
                    }

                case LeafBlock leaf:
                    {
                        string text = leaf.Lines.ToString();
                        if (!string.IsNullOrWhiteSpace(text))
                        {
                            AppendParagraph(plain, indent, CollapseWhitespace(text));
                            xml.Add(new XElement("para", XmlFragment.XmlSafe(CollapseWhitespace(text))));
                        }

                        break;
                    }
            }
        }

        private static void RenderInlines(ContainerInline? container, RenderContext context, StringBuilder plain, XElement xml)
        {
            if (container is null)
            {
                return;
            }

            foreach (Inline inline in container)
            {
                RenderInline(inline, context, plain, xml);
            }
        }

        private static void RenderInline(Inline inline, RenderContext context, StringBuilder plain, XElement xml)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    {
                        string text = Tex(literal.Content.ToString());
                        plain.Append(text);
                        xml.Add(XmlFragment.XmlSafe(text));
                        break;
                    }

                case CodeInline code:
                    plain.Append(code.Content);
                    xml.Add(new XElement("c", XmlFragment.XmlSafe(code.Content)));
                    break;
                case EmphasisInline emphasis:
                    {
                        var element = new XElement(emphasis.DelimiterCount >= 2 ? "b" : "i");
                        RenderInlines(emphasis, context, plain, element);
                        xml.Add(element);
                        break;
                    }

                case LinkInline link when link.IsImage:
                    {
                        var altText = new StringBuilder();
                        RenderInlines(link, context, altText, new XElement("ignored"));
                        AppendImage(altText.ToString(), context.Resolve(link.Url), plain, xml);
                        break;
                    }

                case LinkInline link:
                    {
                        string url = context.Resolve(link.Url);
                        var text = new StringBuilder();
                        var element = new XElement("see", new XAttribute("href", XmlFragment.XmlSafe(url)));
                        RenderInlines(link, context, text, element);
                        AppendLinkText(plain, text.ToString(), url);
                        xml.Add(element);
                        break;
                    }

                case AutolinkInline autolink:
                    {
                        string url = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
                        plain.Append(autolink.Url);
                        xml.Add(new XElement("see", new XAttribute("href", XmlFragment.XmlSafe(url)), XmlFragment.XmlSafe(autolink.Url)));
                        break;
                    }

                case LineBreakInline lineBreak:
                    if (lineBreak.IsHard)
                    {
                        plain.Append('\n');
                        xml.Add(new XElement("br"));
                    }
                    else
                    {
                        plain.Append(' ');
                        xml.Add(" ");
                    }

                    break;
                case HtmlEntityInline entity:
                    plain.Append(entity.Transcoded.ToString());
                    xml.Add(XmlFragment.XmlSafe(entity.Transcoded.ToString()));
                    break;
                case HtmlInline html:
                    RenderHtml(html.Tag, context, plain, xml);
                    break;
                case ContainerInline container:
                    RenderInlines(container, context, plain, xml);
                    break;
                default:
                    {
                        string text = inline.ToString() ?? string.Empty;
                        plain.Append(text);
                        xml.Add(XmlFragment.XmlSafe(text));
                        break;
                    }
            }
        }

        /// <summary>Raw HTML is never pasted: an <c>&lt;img&gt;</c> becomes an image reference, <c>&lt;br&gt;</c> a break, other tags are dropped and text kept.</summary>
        private static void RenderHtml(string raw, RenderContext context, StringBuilder plain, XElement xml)
        {
            int i = 0;
            while (i < raw.Length)
            {
                int open = raw.IndexOf('<', i);
                if (open < 0)
                {
                    AppendText(raw.Substring(i));
                    break;
                }

                AppendText(raw.Substring(i, open - i));
                int close = raw.IndexOf('>', open);
                if (close < 0)
                {
                    AppendText(raw.Substring(open));
                    break;
                }

                string tag = raw.Substring(open, close - open + 1);
                Match name = SafeMatch(Html.Tag, tag);
                string tagName = name.Success ? name.Groups["name"].Value.ToLowerInvariant() : string.Empty;
                if (tagName == "img")
                {
                    string? alt = null, src = null;
                    foreach (Match attribute in SafeMatches(Html.Attribute, tag))
                    {
                        string attributeName = attribute.Groups["name"].Value.ToLowerInvariant();
                        string value = System.Net.WebUtility.HtmlDecode(attribute.Groups["v"].Value);
                        if (attributeName == "alt")
                        {
                            alt = value;
                        }
                        else if (attributeName == "src")
                        {
                            src = value;
                        }
                    }

                    AppendImage(alt ?? string.Empty, context.Resolve(src ?? string.Empty), plain, xml);
                }
                else if (tagName == "br")
                {
                    plain.Append('\n');
                    xml.Add(new XElement("br"));
                }
                else if (tagName == "script" || tagName == "style")
                {
                    // Their content is code, not text: skip to the closing tag.
                    int end = raw.IndexOf("</" + tagName, close, StringComparison.OrdinalIgnoreCase);
                    int endClose = end < 0 ? -1 : raw.IndexOf('>', end);
                    i = endClose < 0 ? raw.Length : endClose + 1;
                    continue;
                }

                i = close + 1;
            }

            void AppendText(string text)
            {
                if (text.Length == 0)
                {
                    return;
                }

                string raw = System.Net.WebUtility.HtmlDecode(text);
                if (raw.Trim().Length == 0)
                {
                    if (raw.Length > 0 && plain.Length > 0 && !char.IsWhiteSpace(plain[plain.Length - 1]))
                    {
                        plain.Append(' ');
                        xml.Add(" ");
                    }

                    return;
                }

                // Keep one space where the text touched a tag: "Block <b>html</b>" stays "Block html".
                string decoded = (char.IsWhiteSpace(raw[0]) ? " " : string.Empty) + CollapseWhitespace(raw) + (char.IsWhiteSpace(raw[raw.Length - 1]) ? " " : string.Empty);

                plain.Append(decoded);
                xml.Add(XmlFragment.XmlSafe(decoded));
            }
        }

        private static void AppendImage(string alt, string url, StringBuilder plain, XElement xml)
        {
            string label = "Image: " + (alt.Trim().Length == 0 ? "(no description)" : alt.Trim());
            if (plain.Length > 0 && !char.IsWhiteSpace(plain[plain.Length - 1]))
            {
                plain.Append(' ');
            }

            plain.Append('[').Append(label).Append(']');
            if (url.Length > 0)
            {
                plain.Append(" (").Append(url).Append(')');
                xml.Add(new XElement("see", new XAttribute("href", XmlFragment.XmlSafe(url)), XmlFragment.XmlSafe(label)));
            }
            else
            {
                xml.Add(XmlFragment.XmlSafe("[" + label + "]"));
            }
        }

        private static void AppendLinkText(StringBuilder plain, string text, string url)
        {
            string bareUrl = url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url.Substring(7) : url;
            if (text.Length == 0)
            {
                plain.Append(bareUrl);
            }
            else if (string.Equals(text, bareUrl, StringComparison.Ordinal) || url.Length == 0)
            {
                plain.Append(text);
            }
            else
            {
                plain.Append(text).Append(" (").Append(bareUrl).Append(')');
            }
        }

        /// <summary>Turns TeX-style macros (<c>\times</c>, <c>\ge</c>, …) into the symbols they stand for.</summary>
        internal static string Tex(string text)
        {
            if (text.IndexOf('\\') < 0)
            {
                return text;
            }

            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\')
                {
                    bool replaced = false;
                    foreach (KeyValuePair<string, string> symbol in s_texSymbols)
                    {
                        string macro = symbol.Key;
                        if (string.CompareOrdinal(text, i, macro, 0, macro.Length) == 0
                            && (i + macro.Length >= text.Length || !char.IsLetter(text[i + macro.Length])))
                        {
                            sb.Append(symbol.Value);
                            i += macro.Length - 1;
                            if (i + 1 < text.Length && text[i + 1] == ' ')
                            {
                                // "a \times b": keep one space on each side.
                                sb.Append(' ');
                                i++;
                            }

                            replaced = true;
                            break;
                        }
                    }

                    if (replaced)
                    {
                        continue;
                    }
                }

                sb.Append(text[i]);
            }

            return sb.ToString();
        }

        internal static void AppendParagraph(StringBuilder plain, string indent, string text)
        {
            // The text trimmed, then each of its lines trimmed and indented: read in place, without a string per line.
            int first = SkipWhiteSpace(text, 0, text.Length);
            int last = TrimWhiteSpaceEnd(text, first, text.Length);
            if (first == last)
            {
                return;
            }

            EnsureBlankLine(plain);
            int start = first;
            while (true)
            {
                int lineEnd = LineEnd(text, start, last);
                int from = SkipWhiteSpace(text, start, lineEnd);
                plain.Append(indent).Append(text, from, TrimWhiteSpaceEnd(text, from, lineEnd) - from).Append('\n');
                if (lineEnd == last)
                {
                    break;
                }

                start = lineEnd + 1;
            }

            plain.Append('\n');
        }

        /// <summary>Where the line of <paramref name="text"/> that starts at <paramref name="start"/> ends: at its line feed, or at <paramref name="limit"/>.</summary>
        private static int LineEnd(string text, int start, int limit)
        {
            int lineFeed = text.IndexOf('\n', start, limit - start);
            return lineFeed < 0 ? limit : lineFeed;
        }

        /// <summary>The first index from <paramref name="from"/> before <paramref name="end"/> that is not white space, else <paramref name="end"/>.</summary>
        private static int SkipWhiteSpace(string text, int from, int end)
        {
            while (from < end && char.IsWhiteSpace(text[from]))
            {
                from++;
            }

            return from;
        }

        /// <summary>Where <c>text[from..end]</c> ends once its trailing white space is cut (never before <paramref name="from"/>).</summary>
        private static int TrimWhiteSpaceEnd(string text, int from, int end)
        {
            while (end > from && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            return end;
        }

        private static void EnsureBlankLine(StringBuilder plain)
        {
            if (plain.Length == 0)
            {
                return;
            }

            if (plain[plain.Length - 1] != '\n')
            {
                plain.Append('\n');
            }

            if (plain.Length < 2 || plain[plain.Length - 2] != '\n')
            {
                plain.Append('\n');
            }
        }

        internal static string TrimLines(string text)
        {
            // Each line (split at \n; a \r before it is trailing white space) without its trailing white space, runs of
            // blank lines as one, none at either end: read in place, without a string per line.
            var sb = new StringBuilder(text.Length);
            bool blank = false;
            int start = 0;
            while (true)
            {
                int lineEnd = LineEnd(text, start, text.Length);
                int end = TrimWhiteSpaceEnd(text, start, lineEnd);
                if (end == start)
                {
                    blank = sb.Length > 0;
                }
                else
                {
                    if (sb.Length > 0)
                    {
                        sb.Append('\n');
                        if (blank)
                        {
                            sb.Append('\n');
                        }
                    }

                    blank = false;
                    sb.Append(text, start, end - start);
                }

                if (lineEnd == text.Length)
                {
                    break;
                }

                start = lineEnd + 1;
            }

            return sb.ToString();
        }

        private static string CollapseWhitespace(string text)
        {
            var sb = new StringBuilder(text.Length);
            bool space = false;
            foreach (char c in text)
            {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    space = true;
                    continue;
                }

                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = false;
                sb.Append(c);
            }

            return sb.ToString();
        }

        private static string ToXmlDoc(List<XElement> elements)
        {
            // One block per line; a list's items one per line too, so IntelliSense sources stay readable.
            var sb = new StringBuilder();
            foreach (XElement element in elements)
            {
                if (sb.Length > 0)
                {
                    sb.Append('\n');
                }

                if (element.Name.LocalName == "list")
                {
                    var open = new XElement(element.Name, element.Attributes());
                    string empty = XmlFragment.Serialize(open);
                    sb.Append(empty.Substring(0, empty.Length - 3)).Append('>');
                    foreach (XNode item in element.Nodes())
                    {
                        sb.Append('\n').Append(XmlFragment.Serialize(item));
                    }

                    sb.Append("\n</list>");
                }
                else
                {
                    sb.Append(XmlFragment.Serialize(element));
                }
            }

            return XmlFragment.MakeDocCommentSafe(sb.ToString());
        }

        private static Match SafeMatch(Regex regex, string input)
        {
            try
            {
                return regex.Match(input);
            }
            catch (RegexMatchTimeoutException)
            {
                return Match.Empty;
            }
        }

        private static IEnumerable<Match> SafeMatches(Regex regex, string input)
        {
            var results = new List<Match>();
            try
            {
                foreach (Match m in regex.Matches(input))
                {
                    results.Add(m);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological tag: keep what matched so far.
            }

            return results;
        }

        private sealed class RenderContext
        {
            private readonly Uri? _base;

            public RenderContext(string? baseUrl)
            {
                if (baseUrl != null && Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? parsed))
                {
                    _base = parsed;
                }
            }

            /// <summary>Relative links (<c>/trainer-apis/...</c>) are made absolute against the provider's documentation URL.</summary>
            public string Resolve(string? url)
            {
                if (string.IsNullOrEmpty(url))
                {
                    return string.Empty;
                }

                // Not Uri.TryCreate(url, Absolute): on Unix it takes "/path" for an absolute file URI.
                if (_base != null && !ErrorCodeGen.Generator.Parsing.ScalarSyntax.HasUriScheme(url!) && Uri.TryCreate(_base, url, out Uri? combined))
                {
                    return combined.ToString();
                }

                return url!;
            }
        }
    }

    /// <summary>The Markdown of a catalog field is nested beyond what Markdig parses.</summary>
    internal sealed class MarkdownTooComplexException : Exception
    {
        public MarkdownTooComplexException(string message)
            : base(message)
        {
        }
    }
}

namespace ErrorCodeGen.Generator.Model
{
    /// <summary>
    /// Catalog Markdown in its three forms: as written, as plain text (runtime strings), and as an XML
    /// documentation fragment (well-formed, one element per line, safe to prefix with <c>///</c>).
    /// </summary>
    internal sealed record RenderedText(string Markdown, string PlainText, string XmlDoc)
    {
        public static RenderedText Empty { get; } = new RenderedText(string.Empty, string.Empty, string.Empty);

        /// <summary>Nothing to show: Markdown that renders to nothing (only a rule, say) counts as empty.</summary>
        public bool IsEmpty => PlainText.Length == 0 && XmlDoc.Length == 0;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using ErrorCodeGen.Generator.Diagnostics;
using ErrorCodeGen.Generator.Model;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>
    /// The catalog facts beyond one code or one status (issue 12): status ranges, backoff parameters, transport rules,
    /// the support contact and the sections of the vendor's page.
    /// </summary>
    internal static partial class CatalogParser
    {
        internal static readonly string[] BackoffKeys = { "base", "cap", "jitter", "attempts", "inferred", "note" };
        internal static readonly string[] SupportKeys = { "contact", "send", "inferred", "note" };
        internal static readonly string[] TransportKeys = { "failure", "retryable", "retry", "retry_after", "backoff", "exception", "summary", "remediation", "inferred", "note" };
        internal static readonly string[] SectionKeys = { "category", "endpoints", "codes", "summary", "inferred", "note" };

        /// <summary>
        /// A status rule's <c>status</c>: one status (<c>429</c>), a class (<c>5xx</c>) or a range (<c>500-599</c>); for a
        /// class or range, <paramref name="last"/> is its last status. Bounds are checked by <see cref="CheckRange"/>.
        /// </summary>
        private static int? ReadStatus(MappingReader rule, ParseContext context, out int? last)
        {
            last = null;
            YamlNodeBase? node = rule.ValueNode("status");
            if (node is YamlScalarNode scalar && scalar.IsPlain && !ScalarSyntax.IsInteger(scalar.Value.Trim(), allowPlus: true))
            {
                string text = scalar.Value.Trim();
                if (text.Length == 3 && text[0] >= '1' && text[0] <= '9' && (text[1] is 'x' or 'X') && (text[2] is 'x' or 'X'))
                {
                    int first = (text[0] - '0') * 100;
                    last = first + 99;
                    return first;
                }

                int dash = text.IndexOf('-');
                if (dash > 0 && dash < text.Length - 1
                    && ScalarSyntax.IsInteger(text.Substring(0, dash).Trim(), allowPlus: false)
                    && ScalarSyntax.IsInteger(text.Substring(dash + 1).Trim(), allowPlus: false)
                    && int.TryParse(text.Substring(0, dash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int from)
                    && int.TryParse(text.Substring(dash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int to))
                {
                    last = to;
                    return from;
                }

                context.Report(DiagnosticDescriptors.InvalidValue, scalar, scalar.Value, "status", "use a status (429), a class (5xx) or a range (500-599)");
                return null;
            }

            return rule.Int("status", required: true);
        }

        /// <summary>
        /// A class or range must lie within 100–599 and not be reversed; two ranges of the same width must not overlap
        /// (a status in both would have no narrower rule to win). An exact status always beats a range, and a narrower
        /// range a wider one, so other overlaps are well defined.
        /// </summary>
        private static bool CheckRange(List<(int First, int Last, YamlNodeBase Node)> ranges, int first, int last, YamlNodeBase node, ParseContext context)
        {
            if (first < 100 || first > 599 || last < 100 || last > 599)
            {
                context.Report(DiagnosticDescriptors.HttpStatusOutOfRange, node, first < 100 || first > 599 ? first : last);
                return false;
            }

            if (last <= first)
            {
                context.Report(DiagnosticDescriptors.InvalidValue, node, ((YamlScalarNode)node).Value, "status", "a range goes from a lower status to a higher one, such as 500-599");
                return false;
            }

            foreach ((int otherFirst, int otherLast, YamlNodeBase otherNode) in ranges)
            {
                if (otherLast - otherFirst == last - first && first <= otherLast && otherFirst <= last)
                {
                    context.Report(DiagnosticDescriptors.StatusRangeOverlap, node, ((YamlScalarNode)node).Value, ((YamlScalarNode)otherNode).Value, otherNode.Start.Line);
                    return false;
                }
            }

            ranges.Add((first, last, node));
            return true;
        }

        /// <summary>A <c>backoff:</c> mapping (of the provider, a status rule, a code or a transport rule), or null.</summary>
        private static BackoffModel? ReadBackoff(MappingReader owner, ParseContext context)
        {
            YamlMapping? mapping = owner.Mapping("backoff", required: false, "a mapping with base, cap, jitter or attempts");
            if (mapping is null)
            {
                return null;
            }

            var reader = new MappingReader(context, mapping, "a backoff", BackoffKeys);
            long? baseMs = reader.Duration("base");
            long? capMs = reader.Duration("cap");
            double? jitter = ReadJitter(reader, context);
            int? attempts = reader.Int("attempts", required: false);
            EquatableArray<string> inferred = ReadInferred(reader, BackoffKeys, context);
            string? note = reader.String("note", required: false);
            if (attempts is int n && n < 1)
            {
                context.Report(DiagnosticDescriptors.InvalidValue, reader.ValueNode("attempts")!, n, "attempts", "the attempts include the first one, so at least 1");
                attempts = null;
            }

            if (baseMs is long b && capMs is long c && c < b)
            {
                context.Report(DiagnosticDescriptors.InvalidValue, reader.ValueNode("cap")!, ((YamlScalarNode)reader.ValueNode("cap")!).Value, "cap", "the cap is the longest backoff wait, so not below the base");
                capMs = null;
            }

            if (!reader.Has("base") && !reader.Has("cap") && !reader.Has("jitter") && !reader.Has("attempts"))
            {
                context.Report(DiagnosticDescriptors.MissingField, mapping, "A backoff", "base, cap, jitter or attempts");
                return null;
            }

            if (baseMs is null && capMs is null && jitter is null && attempts is null)
            {
                // Every value it has was wrong, and each is reported at itself.
                return null;
            }

            return new BackoffModel(baseMs, capMs, jitter, attempts) { Inferred = inferred, Note = note };
        }

        /// <summary><c>jitter</c>: a percentage (<c>10%</c>) or a fraction (<c>0.1</c>) of the backoff, from 0 to 1.</summary>
        private static double? ReadJitter(MappingReader reader, ParseContext context)
        {
            YamlNodeBase? node = reader.ValueNode("jitter");
            if (node is null)
            {
                return null;
            }

            if (node is YamlScalarNode scalar)
            {
                string text = scalar.Value.Trim();
                bool percent = text.EndsWith("%", StringComparison.Ordinal);
                string number = percent ? text.Substring(0, text.Length - 1).Trim() : text;
                if (number.Length > 0 && number.Length <= 12
                    && double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
                {
                    double fraction = percent ? value / 100 : value;
                    if (fraction >= 0 && fraction <= 1)
                    {
                        return fraction;
                    }
                }

                context.Report(DiagnosticDescriptors.InvalidValue, scalar, scalar.Value, "jitter", "write the random part added to a wait as a percentage (10%) or a fraction (0.1), at most 100%");
                return null;
            }

            context.Report(DiagnosticDescriptors.WrongType, node, "jitter", "a percentage such as 10%", node.KindName);
            return null;
        }

        /// <summary>The provider's <c>support:</c>: whom to contact and what to send, or null.</summary>
        private static SupportModel? ReadSupport(MappingReader provider, ParseContext context)
        {
            YamlMapping? mapping = provider.Mapping("support", required: false, "a mapping with 'contact' (and 'send')");
            if (mapping is null)
            {
                return null;
            }

            var reader = new MappingReader(context, mapping, "support", SupportKeys);
            string? contact = reader.String("contact", required: true);
            EquatableArray<string> send = reader.StringList("send");
            EquatableArray<string> inferred = ReadInferred(reader, SupportKeys, context);
            string? note = reader.String("note", required: false);
            if (contact is null)
            {
                return null;
            }

            contact = contact.Trim();
            string text = "Support: " + contact + (send.IsEmpty ? "." : "; send " + string.Join(", ", send) + ".");
            return new SupportModel(contact, send, text, inferred, note);
        }

        private static List<TransportRuleModel> ReadTransportRules(MappingReader catalog, HashSet<string> groups, string? docsUrl, ParseContext context)
        {
            var result = new List<TransportRuleModel>();
            var seen = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);
            foreach (YamlMapping mapping in MappingItems(catalog, "transport", "a mapping with 'failure', 'retryable' and 'summary'", context))
            {
                var rule = new MappingReader(context, mapping, "a transport rule", TransportKeys);
                string? failure = rule.String("failure", required: true);
                bool? retryable = rule.Bool("retryable", required: true);
                RetryKind? retry = ReadRetry(rule, context);
                long? retryAfter = rule.Duration("retry_after");
                BackoffModel? backoff = ReadBackoff(rule, context);
                string? exception = ReadGroupReference(rule, groups, context);
                string? summary = rule.String("summary", required: true);
                string? remediation = rule.String("remediation", required: false);
                EquatableArray<string> inferred = ReadInferred(rule, TransportKeys, context);
                string? note = rule.String("note", required: false);

                if (failure != null)
                {
                    YamlNodeBase failureNode = rule.ValueNode("failure")!;
                    failure = failure.Trim().ToLowerInvariant();
                    if (failure != "timeout" && failure != "connection")
                    {
                        context.Report(DiagnosticDescriptors.InvalidValue, failureNode, ((YamlScalarNode)failureNode).Value, "failure", "use timeout (the request timed out) or connection (it could not connect, or the connection broke off)");
                        continue;
                    }

                    if (seen.TryGetValue(failure, out YamlNodeBase? first))
                    {
                        context.Report(DiagnosticDescriptors.InvalidValue, failureNode, failure, "failure", "there is already a rule for it at line " + first.Start.Line.ToString(CultureInfo.InvariantCulture));
                        continue;
                    }

                    seen.Add(failure, failureNode);
                }

                if (failure is null || retryable is null || summary is null)
                {
                    continue;
                }

                RetryKind kind = ResolveRetry(retryable.Value, retry, rule, context);
                result.Add(new TransportRuleModel(
                    failure,
                    retryable.Value,
                    kind,
                    retryAfter,
                    exception,
                    Render(rule, "summary", summary, docsUrl, inline: true, context),
                    Render(rule, "remediation", remediation, docsUrl, inline: false, context),
                    inferred,
                    note) { Backoff = backoff });
            }

            return result;
        }

        /// <summary>The <c>sections:</c>, each with the nodes its diagnostics point at.</summary>
        private static List<(SectionModel Section, YamlNodeBase CategoryNode, YamlNodeBase? CodesNode)> ReadSections(MappingReader catalog, string? docsUrl, ParseContext context)
        {
            var result = new List<(SectionModel, YamlNodeBase, YamlNodeBase?)>();
            var seen = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);
            foreach (YamlMapping mapping in MappingItems(catalog, "sections", "a mapping with 'category' and 'endpoints' or 'codes'", context))
            {
                var section = new MappingReader(context, mapping, "a section", SectionKeys);
                string? category = section.String("category", required: true);
                EquatableArray<string> endpoints = section.StringList("endpoints");
                string? codes = section.String("codes", required: false);
                string? summary = section.String("summary", required: false);
                EquatableArray<string> inferred = ReadInferred(section, SectionKeys, context);
                string? note = section.String("note", required: false);
                if (category is null)
                {
                    continue;
                }

                YamlNodeBase categoryNode = section.ValueNode("category")!;
                if (seen.TryGetValue(category, out YamlNodeBase? first))
                {
                    context.Report(DiagnosticDescriptors.InvalidValue, categoryNode, category, "category", "another section is for this category at line " + first.Start.Line.ToString(CultureInfo.InvariantCulture));
                    continue;
                }

                seen.Add(category, categoryNode);
                CodePattern? pattern = null;
                if (codes != null)
                {
                    pattern = CodePattern.TryParse(codes.Trim());
                    if (pattern is null)
                    {
                        context.Report(DiagnosticDescriptors.InvalidValue, section.ValueNode("codes")!, codes, "codes", "write the numbering rule as a range of codes of one length, x for any digit, such as xxx01-xxx49");
                        continue;
                    }
                }

                var model = new SectionModel(
                    category,
                    endpoints,
                    pattern?.Text,
                    Render(section, "summary", summary, docsUrl, inline: false, context),
                    inferred,
                    note);
                result.Add((model, categoryNode, section.ValueNode("codes")));
            }

            return result;
        }

        /// <summary>
        /// Gives each code of a section's category the section's endpoints when it names none of its own, and checks that
        /// every numeric code of the category follows the section's numbering rule.
        /// </summary>
        private static List<ErrorCodeModel> ApplySections(List<ErrorCodeModel> errors, List<(SectionModel Section, YamlNodeBase CategoryNode, YamlNodeBase? CodesNode)> sections, Dictionary<string, YamlNodeBase> codeNodes, ParseContext context)
        {
            if (sections.Count == 0)
            {
                return errors;
            }

            foreach ((SectionModel section, YamlNodeBase categoryNode, YamlNodeBase? codesNode) in sections)
            {
                CodePattern? pattern = section.Codes is null ? null : CodePattern.TryParse(section.Codes);
                bool any = false;
                for (int i = 0; i < errors.Count; i++)
                {
                    ErrorCodeModel error = errors[i];
                    if (error.Category != section.Category)
                    {
                        continue;
                    }

                    any = true;
                    if (pattern != null && !pattern.Matches(error.Code) && codeNodes.TryGetValue(error.Code, out YamlNodeBase? codeNode))
                    {
                        context.Report(DiagnosticDescriptors.InvalidValue, codeNode, error.Code, "code", "the section for category '" + section.Category + "' (line " + categoryNode.Start.Line.ToString(CultureInfo.InvariantCulture) + ") numbers its codes " + pattern.Text);
                    }

                    if (error.Endpoints.IsEmpty && !section.Endpoints.IsEmpty)
                    {
                        errors[i] = error with { Endpoints = section.Endpoints, EndpointsFromSection = true };
                    }
                }

                if (!any)
                {
                    context.Report(DiagnosticDescriptors.InvalidValue, categoryNode, section.Category, "category", "no code has this category");
                }
            }

            return errors;
        }

        /// <summary>
        /// A section's numbering rule: codes of one length from one pattern to another, <c>x</c> standing for any digit at
        /// the same places in both (<c>xxx01-xxx49</c>: any code of five digits whose last two are 01 to 49).
        /// </summary>
        private sealed class CodePattern
        {
            private readonly string _from;
            private readonly string _to;

            private CodePattern(string from, string to)
            {
                _from = from;
                _to = to;
            }

            public string Text => _from + "-" + _to;

            public static CodePattern? TryParse(string text)
            {
                int dash = text.IndexOf('-');
                if (dash <= 0 || dash == text.Length - 1)
                {
                    return null;
                }

                string from = text.Substring(0, dash).Trim().ToLowerInvariant();
                string to = text.Substring(dash + 1).Trim().ToLowerInvariant();
                if (from.Length != to.Length || from.Length > 18)
                {
                    return null;
                }

                for (int i = 0; i < from.Length; i++)
                {
                    bool fromX = from[i] == 'x', toX = to[i] == 'x';
                    if (fromX != toX || (!fromX && (!char.IsDigit(from[i]) || !char.IsDigit(to[i]) || from[i] > '9' || to[i] > '9')))
                    {
                        return null;
                    }
                }

                var pattern = new CodePattern(from, to);
                return string.CompareOrdinal(pattern.Fixed(from), pattern.Fixed(to)) <= 0 ? pattern : null;
            }

            public bool Matches(string code)
            {
                if (code.Length != _from.Length)
                {
                    return false;
                }

                foreach (char c in code)
                {
                    if (c < '0' || c > '9')
                    {
                        return false;
                    }
                }

                string digits = Fixed(code);
                return string.CompareOrdinal(digits, Fixed(_from)) >= 0 && string.CompareOrdinal(digits, Fixed(_to)) <= 0;
            }

            /// <summary>The characters of <paramref name="text"/> at the places that are not <c>x</c> (same length, so compared as text).</summary>
            private string Fixed(string text)
            {
                var sb = new System.Text.StringBuilder(text.Length);
                for (int i = 0; i < text.Length; i++)
                {
                    if (_from[i] != 'x')
                    {
                        sb.Append(text[i]);
                    }
                }

                return sb.ToString();
            }
        }
    }
}

using System;
using System.Collections.Generic;
using ErrorCodeGen.Generator.Diagnostics;
using ErrorCodeGen.Generator.Model;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>
    /// Reads <c>families:</c>, the open families of codes (by <c>prefix</c>, <c>suffix</c> or <c>contains</c>). Each family
    /// has a name, at least one pattern, <c>retryable</c>, a <c>summary</c> and a <c>source</c>. Precedence at run time: a
    /// listed code beats a family; among families the first declared that matches wins, so a pattern that an earlier
    /// family's pattern always matches first can never decide and is reported (ECG0041); a name twice is an error (ECG0040).
    /// </summary>
    internal static class CodeFamilyReader
    {
        private static readonly string[] s_patternKeys = { "prefix", "suffix", "contains" };

        public static List<CodeFamilyModel> Read(MappingReader catalog, HashSet<string> groups, string? docsUrl, ParseContext context)
        {
            var result = new List<CodeFamilyModel>();
            var names = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);

            // Every pattern of the families read so far, for the shadowing check.
            var earlier = new List<(int Kind, string Pattern, string Family, bool IgnoreCase)>();
            const string Expected = "a mapping with 'name', a 'prefix', 'suffix' or 'contains', 'retryable', 'summary' and 'source'";
            foreach (YamlMapping mapping in CatalogParser.MappingItems(catalog, "families", Expected, context))
            {
                var family = new MappingReader(context, mapping, "a code family", CatalogParser.FamilyKeys);
                string? name = family.String("name", required: true);
                bool? retryable = family.Bool("retryable", required: true);
                bool ignoreCase = family.Bool("ignore_case", required: false) == true;
                RetryKind? retry = CatalogParser.ReadRetry(family, context);
                long? retryAfter = family.Duration("retry_after");
                bool? refused = family.Bool("refused", required: false);
                string? exception = CatalogParser.ReadGroupReference(family, groups, context);
                string? summary = family.String("summary", required: true);
                string? remediation = family.String("remediation", required: false);
                string? source = family.String("source", required: true);
                EquatableArray<string> inferred = CatalogParser.ReadInferred(family, CatalogParser.FamilyKeys, context);
                string? note = family.String("note", required: false);
                var patterns = new EquatableArray<string>[s_patternKeys.Length];
                bool valid = true;
                int count = 0;
                for (int k = 0; k < s_patternKeys.Length; k++)
                {
                    patterns[k] = family.StringList(s_patternKeys[k]);
                    foreach (string pattern in patterns[k])
                    {
                        count++;
                        if (pattern.Trim().Length == 0 || pattern.Trim().Length != pattern.Length)
                        {
                            context.Report(DiagnosticDescriptors.InvalidValue, family.ValueNode(s_patternKeys[k])!, pattern, s_patternKeys[k], "a pattern must not be empty or start or end with white space (codes are trimmed before they are matched)");
                            valid = false;
                        }
                    }
                }

                if (count == 0)
                {
                    context.Report(DiagnosticDescriptors.MissingField, family.KeyNode("name") ?? (YamlNodeBase)mapping, "A code family", "prefix', 'suffix' or 'contains");
                    valid = false;
                }

                if (name != null)
                {
                    YamlNodeBase nameNode = family.ValueNode("name")!;
                    if (!IdentifierFactory.IsValidIdentifier(name, out string reason))
                    {
                        context.Report(DiagnosticDescriptors.InvalidIdentifier, nameNode, name, "code family name", reason);
                        valid = false;
                    }
                    else if (names.TryGetValue(name, out YamlNodeBase? first))
                    {
                        context.Report(DiagnosticDescriptors.DuplicateFamily, nameNode, name, first.Start.Line);
                        valid = false;
                    }
                    else
                    {
                        names.Add(name, nameNode);
                    }
                }

                if (!valid || name is null || retryable is null || summary is null || source is null)
                {
                    continue;
                }

                for (int k = 0; k < s_patternKeys.Length; k++)
                {
                    foreach (string pattern in patterns[k])
                    {
                        foreach (var e in earlier)
                        {
                            if (e.Family != name && Shadows(e.Kind, e.Pattern, e.IgnoreCase, k, pattern, ignoreCase))
                            {
                                context.Report(DiagnosticDescriptors.AmbiguousFamilyPattern, family.ValueNode(s_patternKeys[k])!, s_patternKeys[k], pattern, name, s_patternKeys[e.Kind], e.Pattern, e.Family);
                                break;
                            }
                        }
                    }
                }

                for (int k = 0; k < s_patternKeys.Length; k++)
                {
                    foreach (string pattern in patterns[k])
                    {
                        earlier.Add((k, pattern, name, ignoreCase));
                    }
                }

                RetryKind kind = CatalogParser.ResolveRetry(retryable.Value, retry, family, context);
                CatalogParser.CheckRefused(retryable.Value, refused, family, context);
                result.Add(new CodeFamilyModel(
                    name,
                    patterns[0],
                    patterns[1],
                    patterns[2],
                    ignoreCase,
                    source,
                    retryable.Value,
                    kind,
                    retryAfter,
                    exception,
                    CatalogParser.Render(family, "summary", summary, docsUrl, inline: true, context),
                    CatalogParser.Render(family, "remediation", remediation, docsUrl, inline: false, context),
                    inferred,
                    note) { Refused = refused == true });
            }

            return result;
        }

        /// <summary>
        /// Whether every code the later pattern matches is matched by the earlier one, so the later can never decide
        /// (families are tried in declaration order): a prefix that starts with an earlier prefix, a suffix that ends with an
        /// earlier suffix, any pattern that contains an earlier <c>contains</c>.
        /// </summary>
        private static bool Shadows(int earlierKind, string earlierPattern, bool earlierIgnoresCase, int laterKind, string laterPattern, bool laterIgnoresCase)
        {
            if (laterIgnoresCase && !earlierIgnoresCase)
            {
                // The later one matches spellings the earlier does not.
                return false;
            }

            StringComparison comparison = earlierIgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            switch (earlierKind)
            {
                case 0:
                    return laterKind == 0 && laterPattern.StartsWith(earlierPattern, comparison);
                case 1:
                    return laterKind == 1 && laterPattern.EndsWith(earlierPattern, comparison);
                default:
                    return laterPattern.IndexOf(earlierPattern, comparison) >= 0;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using ErrorCodeGen.Generator.Diagnostics;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Rendering;
using YamlDotNet.Core;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>
    /// Turns one catalog's text into a <see cref="CatalogModel"/> and diagnostics. Never throws: YAML errors,
    /// limits and every schema violation become diagnostics at the offending node. A catalog with errors yields
    /// no model, so nothing half-valid is ever emitted.
    /// </summary>
    internal static partial class CatalogParser
    {
        public const string SchemaVersion = "errorcodegen/v1";

        /// <summary>Larger catalogs are refused with ECG0016 (a 10 MB catalog is well within).</summary>
        public const int MaxCatalogChars = 32 * 1024 * 1024;

        internal static readonly string[] RootKeys = { "schema", "provider", "exceptions", "statuses", "errors", "transport", "sections", "families" };
        internal static readonly string[] ProviderKeys = { "name", "title", "docs", "format", "namespace", "source", "retry_by", "backoff", "support", "shape", "request_id_headers" };
        internal static readonly string[] ExceptionKeys = { "name", "summary" };
        internal static readonly string[] StatusKeys = { "status", "title", "retryable", "retry", "retry_after", "refused", "refresh_credentials", "exception", "summary", "remediation", "inferred", "note", "backoff" };
        internal static readonly string[] FamilyKeys =
        {
            "name", "prefix", "suffix", "contains", "ignore_case", "retryable", "retry", "retry_after", "refused", "exception",
            "summary", "remediation", "source", "inferred", "note",
        };
        internal static readonly string[] ErrorKeys =
        {
            "code", "name", "identifier", "http", "retryable", "retry", "retry_after", "refused", "refresh_credentials", "exception", "category", "message",
            "summary", "remediation", "docs", "endpoints", "phases", "inferred", "note", "backoff",
        };

        /// <summary>
        /// How many catalogs this thread has parsed from YAML (not loaded from <see cref="ShippedModels"/>): the tests
        /// assert that a build with only the curated catalogs parses none.
        /// </summary>
        [ThreadStatic]
        internal static int YamlParsesOnThisThread;

        /// <summary>The catalog's result: the shipped model of a curated catalog whose text is unchanged, else parsed.</summary>
        public static CatalogParseResult Parse(CatalogFile file, CancellationToken cancellationToken = default)
            => ShippedModels.TryLoad(file) ?? ParseYaml(file, cancellationToken);

        /// <summary>
        /// How many catalogs this thread has given to YamlDotNet: the tests assert that a clean catalog in the subset
        /// <see cref="SimpleYamlReader"/> reads never is.
        /// </summary>
        [ThreadStatic]
        internal static int YamlDotNetParsesOnThisThread;

        /// <summary>Parses the YAML and renders the Markdown, always (what <see cref="ShippedModels"/> is written from).</summary>
        internal static CatalogParseResult ParseYaml(CatalogFile file, CancellationToken cancellationToken = default)
        {
            YamlParsesOnThisThread++;

            // The common subset of YAML is read without YamlDotNet; the result is kept only for a catalog without any
            // diagnostic (whose marks are all the same as YamlDotNet's), else the catalog is read again through it.
            CatalogParseResult? simple = ParseYaml(file, simpleReader: true, cancellationToken);
            return simple != null && simple.Diagnostics.IsEmpty ? simple : ParseYaml(file, simpleReader: false, cancellationToken)!;
        }

        /// <summary>
        /// <see cref="ParseYaml(CatalogFile, CancellationToken)"/> through <see cref="SimpleYamlReader"/> (null when the
        /// text is not in its subset) or through YamlDotNet (never null).
        /// </summary>
        internal static CatalogParseResult? ParseYaml(CatalogFile file, bool simpleReader, CancellationToken cancellationToken = default)
        {
            string text = file.Text ?? string.Empty;
            int bomOffset = 0;
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                // A byte-order mark is not content; positions are reported as in the file.
                text = text.Substring(1);
                bomOffset = 1;
            }

            var context = new ParseContext(file.Path, bomOffset, cancellationToken);
            CatalogModel? model = null;
            LocationInfo? providerNameLocation = null;

            if (file.Text is null)
            {
                context.Report(DiagnosticDescriptors.YamlSyntax, LocationInfo.StartOfFile(file.Path), "the file could not be read");
            }
            else if (text.Length > MaxCatalogChars)
            {
                context.Report(DiagnosticDescriptors.CatalogTooLarge, LocationInfo.StartOfFile(file.Path), "the file has " + text.Length.ToString(CultureInfo.InvariantCulture) + " characters; at most " + MaxCatalogChars.ToString(CultureInfo.InvariantCulture) + " are read");
            }
            else
            {
                ReportReplacementCharacters(text, file.Path, bomOffset, context);
                YamlNodeBase? root;
                if (simpleReader)
                {
                    root = context.Diagnostics.Count == 0 ? SimpleYamlReader.TryRead(text, cancellationToken) : null;
                    if (root is null)
                    {
                        return null;
                    }
                }
                else
                {
                    YamlDotNetParsesOnThisThread++;
                    root = BuildTree(text, context);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (root != null)
                {
                    model = ReadCatalog(root, file, context, cancellationToken, out providerNameLocation);
                }
                else if (!context.HasErrors)
                {
                    context.Report(DiagnosticDescriptors.UnsupportedSchema, LocationInfo.StartOfFile(file.Path), "(empty file)");
                }
            }

            return new CatalogParseResult(
                file.Path,
                context.HasErrors ? null : model,
                context.Diagnostics.ToEquatableArray(),
                providerNameLocation)
            {
                NamespaceOverride = file.NamespaceOverride,
                AccessibilityOverride = file.AccessibilityOverride,
            };
        }

        /// <summary>
        /// A file that is not UTF-8 reaches us with U+FFFD where its bytes could not be decoded; the text is still
        /// parsed, but the loss is reported where it starts.
        /// </summary>
        private static void ReportReplacementCharacters(string text, string path, int bomOffset, ParseContext context)
        {
            int first = text.IndexOf('\uFFFD');
            if (first < 0)
            {
                return;
            }

            int count = 0, line = 0, lineStart = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\uFFFD')
                {
                    count++;
                }
                else if (text[i] == '\n' && i < first)
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            int column = first - lineStart + (line == 0 ? bomOffset : 0);
            var position = new Microsoft.CodeAnalysis.Text.LinePosition(line, column);
            var location = new LocationInfo(path, new Microsoft.CodeAnalysis.Text.TextSpan(first + bomOffset, 1), new Microsoft.CodeAnalysis.Text.LinePositionSpan(position, new Microsoft.CodeAnalysis.Text.LinePosition(line, column + 1)));
            context.Report(DiagnosticDescriptors.NotUtf8, location, count, line + 1);
        }

        private static YamlNodeBase? BuildTree(string text, ParseContext context)
        {
            var aliases = new List<YamlAliasNode>();
            try
            {
                YamlNodeBase? root = YamlTreeBuilder.Build(text, aliases, context.CancellationToken, out Mark? secondDocument);
                foreach (YamlAliasNode alias in aliases)
                {
                    context.Report(DiagnosticDescriptors.AliasNotSupported, alias, alias.Anchor);
                }

                if (secondDocument is Mark second)
                {
                    var at = new YamlScalarNode(second, second, string.Empty, ScalarStyle.Plain, null);
                    context.Report(DiagnosticDescriptors.YamlSyntax, at, "a catalog is one YAML document, but a second one starts here ('---')");
                }

                return aliases.Count > 0 ? null : root;
            }
            catch (YamlException ex)
            {
                var node = new YamlScalarNode(ex.Start, ex.End, string.Empty, ScalarStyle.Plain, null);
                context.Report(DiagnosticDescriptors.YamlSyntax, node, CleanYamlMessage(ex));
                return null;
            }
            catch (CatalogLimitException ex)
            {
                var node = new YamlScalarNode(ex.Start, ex.End, string.Empty, ScalarStyle.Plain, null);
                context.Report(DiagnosticDescriptors.CatalogTooLarge, node, ex.Message);
                return null;
            }
        }

        private static string CleanYamlMessage(YamlException ex)
        {
            // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (...): "; the diagnostic carries the position itself.
            string message = ex.Message ?? "invalid YAML";
            int marker = message.LastIndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && marker > 0)
            {
                message = message.Substring(marker + 3);
            }

            return message.Trim();
        }

        private static CatalogModel? ReadCatalog(YamlNodeBase root, CatalogFile file, ParseContext context, CancellationToken cancellationToken, out LocationInfo? providerNameLocation)
        {
            providerNameLocation = null;
            if (root is not YamlMapping rootMapping)
            {
                context.Report(DiagnosticDescriptors.WrongType, root, "catalog", "a mapping with 'schema' and 'provider' (and 'errors', 'statuses', 'exceptions')", root.KindName);
                return null;
            }

            var catalog = new MappingReader(context, rootMapping, "the catalog", RootKeys);
            string? schema = catalog.String("schema", required: false);
            if (schema != SchemaVersion)
            {
                YamlNodeBase at = catalog.ValueNode("schema") ?? (YamlNodeBase?)catalog.KeyNode("schema") ?? rootMapping;
                if (catalog.Has("schema") || !catalog.Has("provider"))
                {
                    context.Report(DiagnosticDescriptors.UnsupportedSchema, at, schema ?? "(missing)");
                }
                else
                {
                    context.Report(DiagnosticDescriptors.UnsupportedSchema, LocationInfo.StartOfFile(file.Path), "(missing)");
                }

                return null;
            }

            ProviderModel? provider = ReadProvider(catalog, file, context, out providerNameLocation);
            string providerName = provider?.Name ?? "Provider";
            string? docsUrl = provider?.DocumentationUrl;

            var groups = ReadExceptionGroups(catalog, providerName, docsUrl, context);
            var groupNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var g in groups)
            {
                groupNames.Add(g.Name);
            }

            var statuses = ReadStatuses(catalog, groupNames, docsUrl, context);
            var transport = ReadTransportRules(catalog, groupNames, docsUrl, context);
            var sections = ReadSections(catalog, docsUrl, context);
            cancellationToken.ThrowIfCancellationRequested();
            var codeNodes = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);
            var errors = ReadErrors(catalog, groupNames, docsUrl, context, cancellationToken, out bool enumIsLong, codeNodes);
            errors = ApplySections(errors, sections, codeNodes, context);
            var families = CodeFamilyReader.Read(catalog, groupNames, docsUrl, context);

            if (errors.Count == 0 && statuses.Count == 0 && !context.HasErrors)
            {
                context.Report(DiagnosticDescriptors.EmptyCatalog, catalog.KeyNode("errors") ?? (YamlNodeBase)rootMapping, providerName);
            }

            if (provider is null)
            {
                return null;
            }

            return new CatalogModel(
                file.Path,
                provider,
                groups.ToEquatableArray(),
                statuses.ToEquatableArray(),
                errors.ToEquatableArray(),
                enumIsLong)
            {
                TransportRules = transport.ToEquatableArray(),
                Sections = sections.ConvertAll(x => x.Section).ToEquatableArray(),
                Families = families.ToEquatableArray(),
            };
        }

        private static ProviderModel? ReadProvider(MappingReader catalog, CatalogFile file, ParseContext context, out LocationInfo? nameLocation)
        {
            nameLocation = null;
            YamlMapping? mapping = catalog.Mapping("provider", required: true);
            if (mapping is null)
            {
                return null;
            }

            var provider = new MappingReader(context, mapping, "provider", ProviderKeys);
            string? name = provider.String("name", required: true);
            string? title = provider.String("title", required: true);
            string? docs = provider.String("docs", required: false);
            string? formatText = provider.String("format", required: true);
            string? ns = provider.String("namespace", required: false);
            string? source = provider.String("source", required: false);

            if (name != null)
            {
                nameLocation = context.LocationOf(provider.ValueNode("name")!);
                if (!IdentifierFactory.IsValidIdentifier(name, out string reason))
                {
                    context.Report(DiagnosticDescriptors.InvalidIdentifier, provider.ValueNode("name")!, name, "provider name", reason);
                    name = null;
                }
            }

            string? format = null;
            if (formatText != null)
            {
                if (ErrorCodeGen.Formats.WireFormatNames.MemberFor(formatText.Trim()) is null)
                {
                    context.Report(DiagnosticDescriptors.InvalidValue, provider.ValueNode("format")!, formatText, "format", "use one of " + string.Join(", ", ErrorCodeGen.Formats.WireFormatNames.CatalogNames));
                }
                else
                {
                    format = formatText.Trim().ToLowerInvariant();
                }
            }

            if (docs != null && !IsAbsoluteHttpUrl(docs))
            {
                context.Report(DiagnosticDescriptors.InvalidValue, provider.ValueNode("docs")!, docs, "docs", "use an absolute http(s) URL");
                docs = null;
            }

            bool retryByStatus = false;
            string? retryBy = provider.String("retry_by", required: false);
            if (retryBy != null)
            {
                switch (retryBy.Trim().ToLowerInvariant())
                {
                    case "code":
                        break;
                    case "status":
                        retryByStatus = true;
                        break;
                    default:
                        context.Report(DiagnosticDescriptors.InvalidValue, provider.ValueNode("retry_by")!, retryBy, "retry_by", "use code (the error code decides) or status (the HTTP status decides when there is one)");
                        break;
                }
            }

            if (ns != null && !IdentifierFactory.IsValidNamespace(ns))
            {
                context.Report(DiagnosticDescriptors.InvalidIdentifier, provider.ValueNode("namespace")!, ns, "namespace", "use dot-separated identifiers, such as Contoso.Sdk.Errors");
                ns = null;
            }

            ShapeModel? shape = ShapeParser.Read(provider, format, context, out bool shapeFailed);
            if (name is null || title is null || format is null || shapeFailed)
            {
                return null;
            }

            BackoffModel? backoff = ReadBackoff(provider, context);
            SupportModel? support = ReadSupport(provider, context);
            return new ProviderModel(name, title, docs, format, ns, source, retryByStatus) { Shape = shape, Backoff = backoff, Support = support };
        }

        /// <summary>
        /// The items of the optional sequence under <paramref name="key"/> that are mappings, in order; any other item is
        /// reported (ECG0004, the wrong type, with <paramref name="expected"/> as what it must be) and passed over.
        /// </summary>
        internal static IEnumerable<YamlMapping> MappingItems(MappingReader catalog, string key, string expected, ParseContext context)
        {
            YamlSequence? sequence = catalog.Sequence(key, required: false);
            if (sequence is null)
            {
                yield break;
            }

            foreach (YamlNodeBase item in sequence.Items)
            {
                if (item is YamlMapping mapping)
                {
                    yield return mapping;
                }
                else
                {
                    context.Report(DiagnosticDescriptors.WrongType, item, key + " item", expected, item.KindName);
                }
            }
        }

        private static List<ExceptionGroupModel> ReadExceptionGroups(MappingReader catalog, string providerName, string? docsUrl, ParseContext context)
        {
            var result = new List<ExceptionGroupModel>();
            var seen = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);
            foreach (YamlMapping mapping in MappingItems(catalog, "exceptions", "a mapping with 'name'", context))
            {
                var group = new MappingReader(context, mapping, "an exception group", ExceptionKeys);
                string? name = group.String("name", required: true);
                if (name is null)
                {
                    continue;
                }

                YamlNodeBase nameNode = group.ValueNode("name")!;
                if (!IdentifierFactory.IsValidIdentifier(name, out string reason))
                {
                    context.Report(DiagnosticDescriptors.InvalidIdentifier, nameNode, name, "exception group name", reason);
                    continue;
                }

                if (seen.TryGetValue(name, out YamlNodeBase? first))
                {
                    context.Report(DiagnosticDescriptors.DuplicateExceptionGroup, nameNode, name, first.Start.Line);
                    continue;
                }

                seen.Add(name, nameNode);
                string? summary = group.String("summary", required: false);
                result.Add(new ExceptionGroupModel(name, GeneratedTypeNames.GroupException(providerName, name), Render(group, "summary", summary, docsUrl, inline: true, context)));
            }

            return result;
        }

        private static List<StatusRuleModel> ReadStatuses(MappingReader catalog, HashSet<string> groups, string? docsUrl, ParseContext context)
        {
            var result = new List<StatusRuleModel>();
            var seen = new Dictionary<int, YamlNodeBase>();
            var ranges = new List<(int First, int Last, YamlNodeBase Node)>();
            foreach (YamlMapping mapping in MappingItems(catalog, "statuses", "a mapping with 'status', 'retryable' and 'summary'", context))
            {
                var rule = new MappingReader(context, mapping, "a status rule", StatusKeys);
                int? status = ReadStatus(rule, context, out int? lastStatus);
                bool? retryable = rule.Bool("retryable", required: true);
                string? title = rule.String("title", required: false);
                RetryKind? retry = ReadRetry(rule, context);
                long? retryAfter = rule.Duration("retry_after");
                bool? refused = rule.Bool("refused", required: false);
                string? exception = ReadGroupReference(rule, groups, context);
                string? summary = rule.String("summary", required: true);
                string? remediation = rule.String("remediation", required: false);
                EquatableArray<string> inferred = ReadInferred(rule, StatusKeys, context);
                string? note = rule.String("note", required: false);

                BackoffModel? backoff = ReadBackoff(rule, context);
                if (status is int rangeFirst && lastStatus is int rangeLast)
                {
                    if (!CheckRange(ranges, rangeFirst, rangeLast, rule.ValueNode("status")!, context))
                    {
                        continue;
                    }
                }
                else if (status is int s)
                {
                    YamlNodeBase statusNode = rule.ValueNode("status")!;
                    if (s < 100 || s > 599)
                    {
                        context.Report(DiagnosticDescriptors.HttpStatusOutOfRange, statusNode, s);
                        continue;
                    }

                    if (seen.TryGetValue(s, out YamlNodeBase? first))
                    {
                        context.Report(DiagnosticDescriptors.DuplicateStatus, statusNode, s, first.Start.Line);
                        continue;
                    }

                    seen.Add(s, statusNode);
                }

                if (status is null || retryable is null || summary is null)
                {
                    continue;
                }

                RetryKind kind = ResolveRetry(retryable.Value, retry, rule, context);
                CheckRefused(retryable.Value, refused, rule, context);
                result.Add(new StatusRuleModel(
                    status.Value,
                    title,
                    retryable.Value,
                    kind,
                    retryAfter,
                    exception,
                    Render(rule, "summary", summary, docsUrl, inline: true, context),
                    Render(rule, "remediation", remediation, docsUrl, inline: false, context),
                    inferred,
                    note) { Refused = refused == true, LastStatus = lastStatus, Backoff = backoff, RefreshCredentials = rule.Bool("refresh_credentials", required: false) == true });
            }

            // By first status; a rule of one status before the ranges that start there, narrower ranges before wider.
            result.Sort((a, b) => a.Status != b.Status ? a.Status.CompareTo(b.Status) : (a.LastStatus ?? a.Status).CompareTo(b.LastStatus ?? b.Status));
            return result;
        }

        private static List<ErrorCodeModel> ReadErrors(MappingReader catalog, HashSet<string> groups, string? docsUrl, ParseContext context, CancellationToken cancellationToken, out bool enumIsLong, Dictionary<string, YamlNodeBase> codes)
        {
            enumIsLong = false;
            var result = new List<ErrorCodeModel>();
            YamlSequence? sequence = catalog.Sequence("errors", required: false);
            if (sequence is null)
            {
                return result;
            }

            var members = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Unknown"] = "the generated member 'Unknown'",
                ["value__"] = "the enum's reserved field 'value__'",
            };
            var pending = new List<(ErrorCodeModel Model, long? Numeric, YamlNodeBase CodeNode)>();
            long maxNumeric = 0;
            int index = 0;

            foreach (YamlNodeBase item in sequence.Items)
            {
                if ((++index & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (item is not YamlMapping mapping)
                {
                    context.Report(DiagnosticDescriptors.WrongType, item, "errors item", "a mapping with 'code', 'retryable' and 'summary'", item.KindName);
                    continue;
                }

                var entry = new MappingReader(context, mapping, "an error", ErrorKeys);
                YamlNodeBase? codeNode = entry.ValueNode("code");
                string? code = ReadCode(entry, context, out long? numeric);
                string? name = entry.String("name", required: false);
                string? identifier = entry.String("identifier", required: false);
                int? http = entry.Int("http", required: false);
                bool? retryable = entry.Bool("retryable", required: true);
                RetryKind? retry = ReadRetry(entry, context);
                long? retryAfter = entry.Duration("retry_after");
                bool? refused = entry.Bool("refused", required: false);
                string? exception = ReadGroupReference(entry, groups, context);
                string? category = entry.String("category", required: false);
                string? message = entry.String("message", required: false);
                string? summary = entry.String("summary", required: true);
                string? remediation = entry.String("remediation", required: false);
                string? docs = entry.String("docs", required: false);
                EquatableArray<string> endpoints = entry.StringList("endpoints");
                EquatableArray<string> phases = entry.StringList("phases");
                EquatableArray<string> inferred = ReadInferred(entry, ErrorKeys, context);
                string? note = entry.String("note", required: false);
                BackoffModel? backoff = ReadBackoff(entry, context);

                if (http is int status && (status < 100 || status > 599))
                {
                    context.Report(DiagnosticDescriptors.HttpStatusOutOfRange, entry.ValueNode("http")!, status);
                    http = null;
                }

                if (docs != null && !IsAbsoluteHttpUrl(docs))
                {
                    context.Report(DiagnosticDescriptors.InvalidValue, entry.ValueNode("docs")!, docs, "docs", "use an absolute http(s) URL");
                    docs = null;
                }

                if (code is null)
                {
                    continue;
                }

                if (codes.TryGetValue(code, out YamlNodeBase? firstCode))
                {
                    context.Report(DiagnosticDescriptors.DuplicateCode, codeNode!, code, firstCode.Start.Line);
                    continue;
                }

                codes.Add(code, codeNode!);

                if (numeric == 0)
                {
                    context.Report(DiagnosticDescriptors.InvalidValue, codeNode!, code, "code", "0 is the value of the generated member 'Unknown'; quote it (code: \"0\") to make it a text code");
                    continue;
                }

                string? memberName = ResolveMemberName(entry, code, name, identifier, members, context);
                if (memberName is null || retryable is null || summary is null)
                {
                    continue;
                }

                RetryKind kind = ResolveRetry(retryable.Value, retry, entry, context);
                CheckRefused(retryable.Value, refused, entry, context);
                var model = new ErrorCodeModel(
                    code,
                    numeric.HasValue,
                    numeric ?? 0,
                    name ?? code,
                    memberName,
                    http,
                    retryable.Value,
                    kind,
                    retryAfter,
                    exception,
                    category,
                    message,
                    Render(entry, "summary", summary, docsUrl, inline: true, context),
                    Render(entry, "remediation", remediation, docsUrl, inline: false, context),
                    docs,
                    endpoints,
                    phases,
                    inferred,
                    note) { Refused = refused == true, Backoff = backoff, RefreshCredentials = entry.Bool("refresh_credentials", required: false) == true };
                pending.Add((model, numeric, codeNode!));
                if (numeric.HasValue && numeric.Value > maxNumeric)
                {
                    maxNumeric = numeric.Value;
                }
            }

            // Numeric codes keep their number; text codes take the values after the largest number, in file order.
            long next = maxNumeric;
            foreach (var (model, numeric, codeNode) in pending)
            {
                if (numeric is null && next == long.MaxValue)
                {
                    context.Report(DiagnosticDescriptors.InvalidValue, codeNode, model.Code, "code", "no enum value is left after the largest numeric code (" + maxNumeric.ToString(CultureInfo.InvariantCulture) + ") for text codes");
                    continue;
                }

                long value = numeric ?? ++next;
                if (value > int.MaxValue || value < int.MinValue)
                {
                    enumIsLong = true;
                }

                result.Add(model with { EnumValue = value });
            }

            return result;
        }

        private static string? ReadCode(MappingReader entry, ParseContext context, out long? numeric)
        {
            numeric = null;
            YamlNodeBase? node = entry.ValueNode("code");
            if (node is null)
            {
                entry.String("code", required: true);
                return null;
            }

            if (node is not YamlScalarNode scalar)
            {
                context.Report(DiagnosticDescriptors.WrongType, node, "code", "a number or text, as on the wire", node.KindName);
                return null;
            }

            string value = scalar.Value;
            if (value.Trim().Length == 0)
            {
                context.Report(DiagnosticDescriptors.InvalidValue, scalar, value, "code", "it must not be empty");
                return null;
            }

            if (value.Trim().Length != value.Length)
            {
                // Codes read off the wire are trimmed before lookup; a padded catalog code could never match.
                context.Report(DiagnosticDescriptors.InvalidValue, scalar, value, "code", "it must not start or end with white space");
                return null;
            }

            // An unquoted integer is a numeric code: its canonical digits are what a JSON number reads back as.
            bool untaggedOrInt = scalar.Tag is null || scalar.Tag == "tag:yaml.org,2002:int" || scalar.Tag == "!!int";
            if (scalar.IsPlain && untaggedOrInt && ScalarSyntax.IsInteger(value, allowPlus: false) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
            {
                numeric = n;
                return n.ToString(CultureInfo.InvariantCulture);
            }

            return value;
        }

        private static string? ResolveMemberName(MappingReader entry, string code, string? name, string? identifier, Dictionary<string, string> members, ParseContext context)
        {
            string memberName;
            YamlNodeBase at;
            if (identifier != null)
            {
                at = entry.ValueNode("identifier")!;
                if (!IdentifierFactory.IsValidIdentifier(identifier, out string reason))
                {
                    context.Report(DiagnosticDescriptors.InvalidIdentifier, at, identifier, "identifier", reason);
                    return null;
                }

                memberName = identifier;
            }
            else
            {
                at = entry.ValueNode("name") ?? entry.ValueNode("code")!;
                memberName = IdentifierFactory.ToPascalCase(name ?? code);
                if (memberName.Length == 0 && name != null)
                {
                    memberName = IdentifierFactory.ToPascalCase(code);
                }

                if (memberName.Length == 0 || !IdentifierFactory.IsValidIdentifier(memberName, out _))
                {
                    context.Report(DiagnosticDescriptors.InvalidIdentifier, at, name ?? code, "enum member name", "it has no letters or digits to build a name from; add 'identifier: <Name>'");
                    return null;
                }
            }

            if (members.TryGetValue(memberName, out string? owner))
            {
                context.Report(DiagnosticDescriptors.IdentifierCollision, at, code, memberName, owner);
                return null;
            }

            members.Add(memberName, "code '" + code + "' (line " + at.Start.Line.ToString(CultureInfo.InvariantCulture) + ")");
            return memberName;
        }

        internal static RetryKind? ReadRetry(MappingReader reader, ParseContext context)
        {
            string? text = reader.String("retry", required: false);
            if (text is null)
            {
                return null;
            }

            switch (text.Trim().ToLowerInvariant())
            {
                case "none":
                    return RetryKind.None;
                case "backoff":
                    return RetryKind.Backoff;
                case "once":
                    return RetryKind.Once;
                case "delay":
                    return RetryKind.Delay;
                default:
                    context.Report(DiagnosticDescriptors.InvalidValue, reader.ValueNode("retry")!, text, "retry", "use one of none, backoff, once, delay");
                    return null;
            }
        }

        /// <summary><c>refused: true</c> says a retry is safe even for a POST; on an entry that is not retryable it says nothing.</summary>
        internal static void CheckRefused(bool retryable, bool? refused, MappingReader reader, ParseContext context)
        {
            if (refused == true && !retryable)
            {
                context.Report(DiagnosticDescriptors.InconsistentRetry, reader.ValueNode("refused")!, "'refused: true' has no effect because 'retryable' is false; remove it or set 'retryable: true'");
            }
        }

        internal static RetryKind ResolveRetry(bool retryable, RetryKind? retry, MappingReader reader, ParseContext context)
        {
            if (!retryable && reader.Has("retry_after"))
            {
                context.Report(DiagnosticDescriptors.InconsistentRetry, reader.ValueNode("retry_after")!, "'retry_after' has no effect because 'retryable' is false; remove it or set 'retryable: true'");
            }

            if (retry is null)
            {
                return retryable ? RetryKind.Backoff : RetryKind.None;
            }

            if (!retryable && retry != RetryKind.None)
            {
                context.Report(DiagnosticDescriptors.InconsistentRetry, reader.ValueNode("retry")!, "'retry: " + retry.Value.ToString().ToLowerInvariant() + "' has no effect because 'retryable' is false; remove it or set 'retryable: true'");
                return RetryKind.None;
            }

            if (retryable && retry == RetryKind.None)
            {
                context.Report(DiagnosticDescriptors.InconsistentRetry, reader.ValueNode("retry")!, "'retry: none' contradicts 'retryable: true'; use backoff, once or delay");
                return RetryKind.Backoff;
            }

            return retry.Value;
        }

        internal static string? ReadGroupReference(MappingReader reader, HashSet<string> groups, ParseContext context)
        {
            string? name = reader.String("exception", required: false);
            if (name is null)
            {
                return null;
            }

            if (!groups.Contains(name))
            {
                var declared = new List<string>(groups);
                declared.Sort(StringComparer.Ordinal);
                context.Report(DiagnosticDescriptors.UnknownExceptionGroup, reader.ValueNode("exception")!, name, declared.Count == 0 ? "none" : string.Join(", ", declared));
                return null;
            }

            return name;
        }

        internal static EquatableArray<string> ReadInferred(MappingReader reader, string[] knownKeys, ParseContext context)
        {
            EquatableArray<string> inferred = reader.StringList("inferred");
            foreach (string field in inferred)
            {
                if (Array.IndexOf(knownKeys, field) < 0 || field is "inferred" or "note" or "code" or "status" or "identifier")
                {
                    string example = Array.IndexOf(knownKeys, "http") >= 0 ? "http or retryable" : "retryable or retry_after";
                    context.Report(DiagnosticDescriptors.InvalidValue, reader.ValueNode("inferred")!, field, "inferred", "list the names of fields of this entry whose values were inferred, such as " + example);
                }
                else if (!reader.Has(field) && field != "retry")
                {
                    context.Report(DiagnosticDescriptors.InvalidValue, reader.ValueNode("inferred")!, field, "inferred", "this entry does not set '" + field + "'");
                }
            }

            if (!inferred.IsEmpty && (!reader.Has("note") || string.IsNullOrWhiteSpace(reader.String("note", required: false))))
            {
                context.Report(DiagnosticDescriptors.MissingField, reader.KeyNode("note") ?? reader.KeyNode("inferred")!, char.ToUpperInvariant(reader.What[0]) + reader.What.Substring(1) + " with inferred fields", "note");
            }

            return inferred;
        }

        internal static RenderedText Render(MappingReader reader, string key, string? markdown, string? baseUrl, bool inline, ParseContext context)
        {
            try
            {
                return inline
                    ? RemediationRenderer.RenderInline(markdown, baseUrl, context.CancellationToken)
                    : RemediationRenderer.RenderBlock(markdown, baseUrl, context.CancellationToken);
            }
            catch (MarkdownTooComplexException ex)
            {
                context.Report(DiagnosticDescriptors.CatalogTooLarge, reader.ValueNode(key)!, "the Markdown of '" + key + "' is nested too deeply to render (" + ex.Message + ")");
                return RenderedText.Empty;
            }
        }

        private static bool IsAbsoluteHttpUrl(string url)
            => Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == "http" || uri.Scheme == "https");
    }
}

using System.Globalization;
using System.Text;
using ErrorCodeGen.Generator;
using ErrorCodeGen.Generator.Emitting;
using ErrorCodeGen.Generator.Model;

namespace ErrorCodeGen.Docs
{
    /// <summary>
    /// Writes the Markdown reference page of a catalog (docs/catalogs/*.md) from the same <see cref="CatalogModel"/>
    /// the generator emits code from, so the page and the generated code cannot disagree.
    /// </summary>
    internal static class CatalogDocsWriter
    {
        public static string Write(CatalogModel model, string catalogFileName)
        {
            var sb = new StringBuilder(32 * 1024);
            string p = model.Provider.Name;
            GeneratedTypeNames names = model.TypeNames;
            sb.Append("<!-- Generated from catalog/").Append(catalogFileName).Append(" by ErrorCodeGen's CatalogDocsWriter: do not edit by hand. ")
              .Append("Regenerate with: ECG_ACCEPT_SNAPSHOTS=1 dotnet test tests/ErrorCodeGen.Tests --filter CatalogReferenceDocsTests -->\n");
            sb.Append("# ").Append(model.Provider.Title).Append("\n\n");
            sb.Append("| | |\n|---|---|\n");
            Row(sb, "Provider (C# prefix)", Code(p));
            Row(sb, "Vendor page", model.Provider.DocumentationUrl ?? "not recorded");
            Row(sb, "Transcribed from", model.Provider.Source is null ? "not recorded" : Code(model.Provider.Source));
            Row(sb, "Wire format", Code(model.Provider.Format));
            Row(sb, "Generated types", Code(names.ErrorCode) + ", " + Code(names.Errors) + ", " + Code(names.Exception));
            Row(sb, "Retry decided by", model.Provider.RetryByStatus ? "the HTTP status when there is one (the vendor's rule), else the code" : "the code, else the HTTP status rule");
            Row(sb, "Codes", Int(model.Errors.Count));
            Row(sb, "HTTP status rules", Int(model.StatusRules.Count));
            if (model.Provider.Backoff is BackoffModel backoff)
            {
                Row(sb, "Backoff", Backoff(backoff));
            }

            if (model.Provider.Support is SupportModel support)
            {
                Row(sb, "Support", Cell(support.Contact) + (support.Send.IsEmpty ? string.Empty : "; send " + Cell(string.Join(", ", support.Send))) + (support.Inferred.IsEmpty ? string.Empty : " *(inferred: " + string.Join(", ", support.Inferred) + ")*"));
            }

            sb.Append('\n');
            if (model.Provider.Support?.Note is string supportNote)
            {
                sb.Append("> **Support note:** ").Append(supportNote.Trim().Replace("\n", "\n> ")).Append("\n\n");
            }

            sb.Append("Values marked *(inferred)* are not stated on the vendor's page; the note beside them says how they were decided.\n\n");
            WriteBodyShapes(sb, model.Provider.Format);

            if (!model.ExceptionGroups.IsEmpty)
            {
                sb.Append("## Exception groups\n\n");
                sb.Append("Every exception derives from ").Append(Code(names.Exception)).Append(", which derives from ").Append(Code("ErrorCodeGen.ApiErrorException")).Append(".\n\n");
                sb.Append("| Exception | Summary |\n|---|---|\n");
                foreach (ExceptionGroupModel group in model.ExceptionGroups)
                {
                    sb.Append("| ").Append(Code(group.ClassName)).Append(" | ").Append(Cell(group.Summary.Markdown)).Append(" |\n");
                }

                sb.Append('\n');
            }

            if (!model.StatusRules.IsEmpty)
            {
                sb.Append("## HTTP status rules\n\n");
                sb.Append("Used when a response carries no code from this catalog (an unknown code, an HTML page, an empty body).\n\n");
                sb.Append("| Status | Title | Retryable | Suggested wait | Exception | Summary |\n|---|---|---|---|---|---|\n");
                foreach (StatusRuleModel rule in model.StatusRules)
                {
                    sb.Append("| ").Append(rule.StatusText)
                      .Append(" | ").Append(Cell(rule.Title ?? string.Empty))
                      .Append(" | ").Append(Retry(rule.IsRetryable, rule.Retry)).Append(Inferred(rule.Inferred, "retryable")).Append(Refused(rule))
                      .Append(" | ").Append(Wait(rule.RetryAfterMilliseconds))
                      .Append(" | ").Append(rule.ExceptionGroup is null ? string.Empty : Code(GeneratedTypeNames.GroupException(p, rule.ExceptionGroup)))
                      .Append(" | ").Append(Cell(rule.Summary.Markdown)).Append(" |\n");
                }

                sb.Append('\n');
                foreach (StatusRuleModel rule in model.StatusRules)
                {
                    if (rule.Remediation.IsEmpty && rule.Note is null)
                    {
                        continue;
                    }

                    sb.Append("### HTTP ").Append(rule.StatusText).Append(rule.Title is null ? string.Empty : " " + rule.Title).Append("\n\n");
                    if (rule.IsRange)
                    {
                        sb.Append("Covers HTTP ").Append(Int(rule.Status)).Append(" to ").Append(Int(rule.LastStatus!.Value))
                          .Append(" where no exact status rule (or narrower range) applies.\n\n");
                    }

                    if (rule.Backoff != null)
                    {
                        sb.Append("**Backoff:** ").Append(Backoff(rule.Backoff)).Append(Inferred(rule.Inferred, "backoff")).Append("\n\n");
                    }

                    if (!rule.Remediation.IsEmpty)
                    {
                        sb.Append("**What to do**\n\n").Append(AbsoluteLinks(rule.Remediation.Markdown.Trim(), model.Provider.DocumentationUrl)).Append("\n\n");
                    }

                    Note(sb, rule.Inferred, rule.Note);
                }
            }

            if (!model.TransportRules.IsEmpty)
            {
                sb.Append("## Transport failures\n\n");
                sb.Append("Used when a request gets no response (").Append(Code(p + "Errors.FromTransportFailure")).Append(", the retry handler). ")
                  .Append("A retry is still made only when repeating the request is safe.\n\n");
                sb.Append("| Failure | Retryable | Exception | Summary | What to do |\n|---|---|---|---|---|\n");
                foreach (TransportRuleModel rule in model.TransportRules)
                {
                    sb.Append("| ").Append(rule.Failure)
                      .Append(" | ").Append(Retry(rule.IsRetryable, rule.Retry)).Append(Inferred(rule.Inferred, "retryable"))
                      .Append(" | ").Append(rule.ExceptionGroup is null ? string.Empty : Code(GeneratedTypeNames.GroupException(p, rule.ExceptionGroup)))
                      .Append(" | ").Append(Cell(rule.Summary.Markdown))
                      .Append(" | ").Append(Cell(rule.Remediation.Markdown)).Append(" |\n");
                }

                sb.Append('\n');
                foreach (TransportRuleModel rule in model.TransportRules)
                {
                    Note(sb, rule.Inferred, rule.Note);
                }
            }

            if (!model.Sections.IsEmpty)
            {
                sb.Append("## Sections\n\n");
                sb.Append("The page scopes whole sections to endpoints; a code of a section that names no endpoints of its own carries the section's.\n\n");
                sb.Append("| Category | Endpoints under | Numbering | What the page says |\n|---|---|---|---|\n");
                foreach (SectionModel section in model.Sections)
                {
                    sb.Append("| ").Append(Cell(section.Category))
                      .Append(" | ").Append(string.Join("; ", Codes(section.Endpoints))).Append(section.Endpoints.IsEmpty ? string.Empty : Inferred(section.Inferred, "endpoints"))
                      .Append(" | ").Append(section.Codes is null ? string.Empty : Code(section.Codes) + " (x is any digit)" + Inferred(section.Inferred, "codes"))
                      .Append(" | ").Append(Cell(section.Summary.Markdown)).Append(section.Summary.IsEmpty ? string.Empty : Inferred(section.Inferred, "summary")).Append(" |\n");
                }

                sb.Append('\n');
                foreach (SectionModel section in model.Sections)
                {
                    Note(sb, section.Inferred, section.Note);
                }
            }

            WriteFamilies(sb, model);
            sb.Append("## Codes\n\n");
            if (model.Errors.IsEmpty)
            {
                sb.Append("The vendor's page defines no error codes; errors are classified by the HTTP status rules above, and ")
                  .Append(Code(p + "ErrorCode.Unknown")).Append(" keeps the raw code of whatever the server sends.\n");
                return sb.ToString();
            }

            sb.Append("| Code | Name | C# member | HTTP | Retryable | Summary |\n|---|---|---|---|---|---|\n");
            foreach (ErrorCodeModel error in model.Errors)
            {
                sb.Append("| ").Append(Code(error.Code))
                  .Append(" | ").Append(error.Name == error.Code ? string.Empty : Cell(error.Name))
                  .Append(" | ").Append(Code(error.MemberName))
                  .Append(" | ").Append(error.HttpStatus.HasValue ? Int(error.HttpStatus.Value) + Inferred(error.Inferred, "http") : "not stated")
                  .Append(" | ").Append(Retry(error.IsRetryable, error.Retry)).Append(Inferred(error.Inferred, "retryable")).Append(Refused(error))
                  .Append(" | ").Append(Cell(error.Summary.Markdown)).Append(" |\n");
            }

            sb.Append("\n## Code details\n");
            foreach (ErrorCodeModel error in model.Errors)
            {
                sb.Append("\n### ").Append(error.Code);
                if (error.Name != error.Code)
                {
                    sb.Append(' ').Append(error.Name.Replace("_", "\\_"));
                }

                sb.Append("\n\n").Append(AbsoluteLinks(error.Summary.Markdown.Trim(), model.Provider.DocumentationUrl)).Append("\n\n");
                Bullet(sb, "C# member", Code(p + "ErrorCode." + error.MemberName));
                Bullet(sb, "HTTP status", error.HttpStatus.HasValue ? Int(error.HttpStatus.Value) + Inferred(error.Inferred, "http") : "not stated by the page");
                Bullet(sb, "Retryable", Retry(error.IsRetryable, error.Retry) + Inferred(error.Inferred, "retryable") + (error.RetryAfterMilliseconds.HasValue ? ", suggested wait " + Wait(error.RetryAfterMilliseconds) : string.Empty) + Refused(error));
                Bullet(sb, "Exception", error.ExceptionGroup != null
                    ? Code(GeneratedTypeNames.GroupException(p, error.ExceptionGroup))
                    : Code(names.Exception) + " (or the group of the status rule for the response's HTTP status)");
                if (error.Category != null)
                {
                    Bullet(sb, "Category", Cell(error.Category));
                }

                if (error.Message != null)
                {
                    Bullet(sb, "Message", Code(error.Message));
                }

                if (!error.Endpoints.IsEmpty)
                {
                    Bullet(sb, "Where you may see it", error.EndpointsFromSection
                        ? "endpoints under " + string.Join("; ", Codes(error.Endpoints)) + " (its section's)"
                        : string.Join("; ", Codes(error.Endpoints)));
                }

                if (error.Backoff != null)
                {
                    Bullet(sb, "Backoff", Backoff(error.Backoff) + Inferred(error.Inferred, "backoff"));
                }

                if (!error.Phases.IsEmpty)
                {
                    Bullet(sb, "Request phases", Cell(string.Join(", ", error.Phases)));
                }

                if (error.DocumentationUrl != null)
                {
                    Bullet(sb, "Documentation", error.DocumentationUrl);
                }

                sb.Append('\n');
                if (!error.Remediation.IsEmpty)
                {
                    sb.Append("**What to try**\n\n").Append(AbsoluteLinks(error.Remediation.Markdown.Trim(), model.Provider.DocumentationUrl)).Append("\n\n");
                }

                Note(sb, error.Inferred, error.Note);
            }

            return sb.ToString().TrimEnd('\n') + "\n";
        }

        private static readonly System.Text.RegularExpressions.Regex s_relativeLink = new System.Text.RegularExpressions.Regex(
            @"\]\((/[^)\s]*)\)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>The vendor's relative links (<c>](/trainer-apis/...)</c>) point at the vendor's site, not at this repository.</summary>
        private static string AbsoluteLinks(string markdown, string? baseUrl)
        {
            if (baseUrl is null || !System.Uri.TryCreate(baseUrl, System.UriKind.Absolute, out System.Uri? root))
            {
                return markdown;
            }

            return s_relativeLink.Replace(markdown, m => System.Uri.TryCreate(root, m.Groups[1].Value, out System.Uri? full) ? "](" + full + ")" : m.Value);
        }

        /// <summary>
        /// The bodies the built-in reader of the catalog's wire format accepts (docs/runtime.md has them all): the documented
        /// shape first, then the real ones the vendors' SDKs handle (issue 13). A Server-Sent Events body is read event by
        /// event in every format.
        /// </summary>
        private static void WriteBodyShapes(StringBuilder sb, string format)
        {
            string[] shapes;
            switch (format)
            {
                case "runcomfy":
                    shapes = new[]
                    {
                        "`{\"error_code\", \"message\" | \"error_message\", \"detail\", \"request_id\"}`, the body is the error (also in HTTP 200)",
                        "a failed result's list of camelCase items: `{\"status\": \"failed\", \"error\": [{\"errorCode\", \"error\", \"debugInfo\"}]}`",
                    };
                    break;
                case "runware":
                    shapes = new[]
                    {
                        "`{\"errors\": [{\"code\", \"message\", \"parameter\", \"taskType\", \"taskUUID\", \"documentation\"}]}` and `{\"data\": [], \"errors\": [...]}`",
                        "a singular `error` holding an object (its `taskUUID`/`taskType` siblings fill it) or an array",
                        "a bare error item as the whole WebSocket frame: `{\"code\", \"message\", \"taskUUID\"}`",
                        "the legacy frame `{\"error\": true, \"errorId\", \"errorMessage\"}` (the id is the code)",
                        "failed tasks among the results: `{\"data\": [{\"status\": \"error\", \"error\": {\"code\", \"message\"}, \"taskUUID\"}]}`",
                        "item fields beyond the page (`type`, `min`, `max`, `multiplier`, `allowedValues`, `responseContent`, `responseStatusCode`, `status`, an array `parameter`), kept bounded",
                    };
                    break;
                case "cmfy":
                    shapes = new[] { "`{\"error\": {\"code\", \"message\", \"details\", \"retry_after\", \"request_id\"}}`" };
                    break;
                case "graphql":
                    shapes = new[]
                    {
                        "`{\"data\", \"errors\": [{\"message\", \"path\", \"extensions\": {\"code\"}}]}`, also in HTTP 200",
                        "`errors` holding plain strings",
                        "a Flow that failed without `errors`: `{\"data\": {\"executeWorkflow\": {\"status\": \"error\" | \"failed\", \"result\": {\"message\"}}}}` (also `executeAgent`, `checkStatus`)",
                        "a streamed frame that failed: `{\"status\": \"error\", \"data\": {\"errorMsg\"}}`",
                    };
                    break;
                default:
                    shapes = new[] { "the catalog's declared shape (see the catalog)" };
                    break;
            }

            sb.Append("## Error bodies read\n\n");
            sb.Append("The runtime's ").Append(Code(format)).Append(" reader accepts (details in docs/runtime.md):\n\n");
            foreach (string shape in shapes)
            {
                sb.Append("- ").Append(shape).Append('\n');
            }

            sb.Append("- a Server-Sent Events body (`text/event-stream`): each event's data is read as above, and the first that reports an error is the body's error\n\n");
        }

        /// <summary>The catalog's open code families, in the order they are tried, with where each comes from.</summary>
        private static void WriteFamilies(StringBuilder sb, CatalogModel model)
        {
            if (model.Families.IsEmpty)
            {
                return;
            }

            string p = model.Provider.Name;
            sb.Append("## Code families\n\n");
            sb.Append("A code that is not in the table of codes below but matches a family is classified by the family: ")
              .Append(Code(p + "ErrorCode.Unknown")).Append(" stays the code, ").Append(Code("RawCode")).Append(" keeps it, ")
              .Append(Code("ApiErrorException.Family")).Append(" names the family, and the family's exception group and retry advice apply. ")
              .Append("A listed code always wins; families are tried in this order and the first that matches wins.\n\n");
            sb.Append("| Family | Matches | Retryable | Exception | Summary |\n|---|---|---|---|---|\n");
            foreach (CodeFamilyModel family in model.Families)
            {
                var matches = new System.Collections.Generic.List<string>();
                foreach (string x in family.Prefixes)
                {
                    matches.Add("starts with " + Code(x));
                }

                foreach (string x in family.Suffixes)
                {
                    matches.Add("ends with " + Code(x));
                }

                foreach (string x in family.Contains)
                {
                    matches.Add("contains " + Code(x));
                }

                sb.Append("| ").Append(family.Name)
                  .Append(" | ").Append(string.Join(", ", matches)).Append(family.IgnoreCase ? " (ignoring case)" : string.Empty)
                  .Append(" | ").Append(Retry(family.IsRetryable, family.Retry)).Append(Inferred(family.Inferred, "retryable")).Append(Refused(family))
                  .Append(" | ").Append(family.ExceptionGroup is null ? string.Empty : Code(GeneratedTypeNames.GroupException(p, family.ExceptionGroup)))
                  .Append(" | ").Append(Cell(family.Summary.Markdown)).Append(" |\n");
            }

            sb.Append('\n');
            foreach (CodeFamilyModel family in model.Families)
            {
                sb.Append("### Family ").Append(family.Name).Append("\n\n");
                Bullet(sb, "Source", Cell(family.Source));
                sb.Append('\n');
                if (!family.Remediation.IsEmpty)
                {
                    sb.Append("**What to do**\n\n").Append(AbsoluteLinks(family.Remediation.Markdown.Trim(), model.Provider.DocumentationUrl)).Append("\n\n");
                }

                Note(sb, family.Inferred, family.Note);
            }
        }

        private static void Note(StringBuilder sb, EquatableArray<string> inferred, string? note)
        {
            if (note is null)
            {
                return;
            }

            sb.Append("> **Note");
            if (!inferred.IsEmpty)
            {
                sb.Append(" (inferred: ").Append(string.Join(", ", inferred)).Append(')');
            }

            sb.Append(":** ").Append(note.Trim().Replace("\n", "\n> ")).Append("\n\n");
        }

        private static string[] Codes(EquatableArray<string> items)
        {
            var result = new string[items.Count];
            for (int i = 0; i < items.Count; i++)
            {
                result[i] = Code(items[i]);
            }

            return result;
        }

        private static void Row(StringBuilder sb, string name, string value) => sb.Append("| ").Append(name).Append(" | ").Append(value).Append(" |\n");

        private static void Bullet(StringBuilder sb, string name, string value) => sb.Append("- **").Append(name).Append(":** ").Append(value).Append('\n');

        /// <summary>For an entry marked <c>refused</c>: that the server did not act, so even a POST may be repeated.</summary>
        private static string Refused(CatalogEntryModel entry)
            => (entry.Refused ? "; refused, safe to repeat even a POST" + Inferred(entry.Inferred, "refused") : string.Empty)
            + (entry.RefreshCredentials ? "; refresh credentials, then retry" + Inferred(entry.Inferred, "refresh_credentials") : string.Empty);

        private static string Retry(bool retryable, RetryKind kind)
            => !retryable ? "no" : kind switch
            {
                RetryKind.Once => "yes, once",
                RetryKind.Delay => "yes, after a delay",
                _ => "yes, with backoff",
            };

        private static string Inferred(EquatableArray<string> inferred, string field) => inferred.Contains(field) ? " *(inferred)*" : string.Empty;

        /// <summary>A backoff as the reference page states it: <c>base 1 s, cap 1 min, jitter up to 10%, 5 attempts</c>.</summary>
        private static string Backoff(BackoffModel backoff)
        {
            var parts = new System.Collections.Generic.List<string>();
            if (backoff.BaseMilliseconds is long b)
            {
                parts.Add("base " + DurationText.Format(b));
            }

            if (backoff.CapMilliseconds is long c)
            {
                parts.Add("cap " + DurationText.Format(c));
            }

            if (backoff.Jitter is double j)
            {
                parts.Add("jitter up to " + (j * 100).ToString("0.##", CultureInfo.InvariantCulture) + "% more");
            }

            if (backoff.Attempts is int a)
            {
                parts.Add(Int(a) + (a == 1 ? " attempt" : " attempts") + " in all");
            }

            return string.Join(", ", parts);
        }

        private static string Wait(long? ms) => ms.HasValue ? DurationText.Format(ms.Value) : string.Empty;

        private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A code span that survives any content (backticks inside get a longer fence).</summary>
        private static string Code(string text)
        {
            string fence = text.Contains("`") ? "``" : "`";
            string pad = text.StartsWith("`", System.StringComparison.Ordinal) || text.EndsWith("`", System.StringComparison.Ordinal) ? " " : string.Empty;
            return fence + pad + Cell(text) + pad + fence;
        }

        /// <summary>Text safe inside one table cell: no line breaks, pipes escaped.</summary>
        private static string Cell(string text)
        {
            var sb = new StringBuilder(text.Length);
            bool space = false;
            foreach (char c in text.Trim())
            {
                if (c == '\n' || c == '\r' || c == '\t')
                {
                    space = true;
                    continue;
                }

                if (space)
                {
                    sb.Append(' ');
                    space = false;
                }

                sb.Append(c == '|' ? "\\|" : c.ToString());
            }

            return sb.ToString();
        }
    }
}

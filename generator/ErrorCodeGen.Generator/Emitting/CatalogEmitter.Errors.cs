using System.Collections.Generic;
using System.Text;
using ErrorCodeGen.Generator.Model;
using static ErrorCodeGen.Generator.Emitting.DocComment;

namespace ErrorCodeGen.Generator.Emitting
{
    /// <summary>The <c>{P}Errors</c> class: one writer method per generated member, in the order they appear.</summary>
    internal static partial class CatalogEmitter
    {
        private const string ReadOnlyCollection = "global::System.Collections.ObjectModel.ReadOnlyCollection<";
        private const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList<";

        private static SourceWriter EmitErrorsClass(Emission e)
        {
            SourceWriter w = e.Writer;
            Header(e);
            w.Doc(Summary("The catalog of the " + e.Model.Provider.Title + ": descriptors, parsing of codes, and typed exceptions from error responses."));
            GeneratedCodeAttribute(e);
            w.Open(e.Options.Accessibility + " static partial class " + e.Names.Errors);

            var fields = new FieldNames(e.Model);
            WriteProviderFacts(e);
            WriteDescriptorFields(e, fields);
            WriteStatusRuleFields(e, fields);
            WriteCollections(e, fields);
            WriteFamilies(e);
            WriteAll(e);
            WriteStatusRules(e);
            WriteTryParse(e);
            WriteDescribe(e, fields);
            WriteIsRetryable(e);
            WriteHttpStatus(e);
            WriteFindStatusRule(e, fields);
            WriteFromResponse(e);
            WriteFromResponseAsync(e);
            WriteFromMessage(e);
            WriteIsFailure(e);
            WriteFromErrorResponse(e);
            WriteCreateException(e, fields);

            w.Close();
            return Footer(e);
        }

        /// <summary>
        /// The provider's facts. <c>static readonly</c>, not <c>const</c>: a constant is compiled into every caller, so
        /// a caller built against an older catalog would keep the old value.
        /// </summary>
        private static void WriteProviderFacts(Emission e)
        {
            SourceWriter w = e.Writer;
            ProviderModel provider = e.Model.Provider;
            w.Doc(Summary("The provider's name, as used in messages and descriptors."));
            w.Line("public static readonly string ProviderName = " + CSharpLiteral.String(provider.Name) + ";");
            w.Line();
            w.Doc(Summary("The provider's title."));
            w.Line("public static readonly string ProviderTitle = " + CSharpLiteral.String(provider.Title) + ";");
            w.Line();
            w.Doc(Summary("Where the vendor documents its errors, or null when the catalog does not say."));
            w.Line("public static readonly string" + e.Q + " DocumentationUrl = " + CSharpLiteral.String(provider.DocumentationUrl) + ";");
            w.Line();
            w.Doc(Summary("The wire format of the provider's error bodies."));
            w.Assignment("public static readonly " + Runtime + "ErrorWireFormat WireFormat", Runtime + "ErrorWireFormat." + ErrorCodeGen.Formats.WireFormatNames.MemberFor(provider.Format));
            w.Line();
            if (provider.Shape != null)
            {
                WriteShape(w, provider, provider.Shape);
            }
            w.Doc(Summary(provider.RetryByStatus
                ? "What decides whether to retry: the HTTP status when there is one (the provider's documented rule), else the error code."
                : "What decides whether to retry: the error code's catalog entry, else the HTTP status rule."));
            w.Assignment("public static readonly " + Runtime + "RetrySource RetrySource", Runtime + "RetrySource." + (provider.RetryByStatus ? "Status" : "Code"));
            w.Line();
            w.Assignment(
                "private static readonly " + Runtime + "CatalogFactory " + FieldNames.Factory,
                "new " + Runtime + "CatalogFactory(ProviderName, DocumentationUrl)");
            w.Line();
        }

        /// <summary>
        /// Above this many codes the emitted code takes its large-catalog shape (<see cref="IsLarge"/>); below it, the
        /// shape that reads best and runs fastest for the catalogs vendors have (tens to a few hundred codes).
        /// </summary>
        internal const int LargeCatalogCodes = 256;

        /// <summary>
        /// A catalog of more than <see cref="LargeCatalogCodes"/> codes: one declaration per descriptor field, and tables
        /// searched by halves instead of <c>switch</c> statements over every code. The compiler's time and memory for a
        /// <c>switch</c> grow with the square of its cases, and for one declaration of N declarators the analyzer driver
        /// goes over the whole declaration once per field: a 10,000-code catalog compiled in about 300 s and 3.9 GB that
        /// way, and in about 21 s and 0.6 GB this way (docs/benchmarks.md).
        /// </summary>
        private static bool IsLarge(Emission e) => e.Model.Errors.Count > LargeCatalogCodes;

        /// <summary>
        /// One named field per code, created through the runtime's factory with named arguments and no defaults, in one
        /// declaration with a declarator per code (the type is not repeated). A large catalog has no field per code: its
        /// descriptors are created a chunk at a time on first use (<see cref="WriteDescriptorChunks"/>).
        /// </summary>
        private static void WriteDescriptorFields(Emission e, FieldNames fields)
        {
            SourceWriter w = e.Writer;
            bool large = IsLarge(e);
            if (!large)
            {
                w.Line("private static readonly " + Runtime + "ErrorDescriptor");
                w.Indent();
            }

            for (int i = 0; i < e.Model.Errors.Count; i++)
            {
                e.CancellationToken.ThrowIfCancellationRequested();
                ErrorCodeModel error = e.Model.Errors[i];
                var leading = new List<string>();
                Named(leading, "name", error.Name == error.Code ? null : CSharpLiteral.String(error.Name));
                Named(leading, "httpStatus", error.HttpStatus.HasValue ? CSharpLiteral.Int(error.HttpStatus.Value) : null);
                Retryable(leading, error);
                var args = new List<string>();
                Named(args, "category", error.Category is null ? null : CSharpLiteral.String(error.Category));
                Named(args, "documentationUrl", error.DocumentationUrl is null ? null : CSharpLiteral.String(error.DocumentationUrl));
                EntryArguments(args, error);
                EntryTexts(args, error);
                Named(args, "phases", StringArray(error.Phases));
                Named(args, "endpoints", StringArray(error.Endpoints));
                Named(args, "exampleMessage", error.Message is null ? null : CSharpLiteral.String(error.Message));
                EntryNote(args, error);
                // A code with its own backoff: the factory's overload that has the parameter (named, like every other).
                Named(args, "retryParameters", error.Backoff is null ? null : RetryParameters(error.Backoff));
                if (!large)
                {
                    Declarator(w, fields.Descriptor(error) + " = " + Refreshing(error) + FieldNames.Factory + ".ErrorDescriptor(", CSharpLiteral.String(error.Code), leading, args, Refreshed(error) + ",");
                    continue;
                }

                if (i % DescriptorChunk == 0)
                {
                    if (i > 0)
                    {
                        w.Close();
                        w.Line();
                    }

                    w.Open("private static void " + ChunkMethod(i / DescriptorChunk) + "()");
                }

                Declarator(w, "Keep(" + CSharpLiteral.Int(i) + ", " + Refreshing(error) + FieldNames.Factory + ".ErrorDescriptor(", CSharpLiteral.String(error.Code), leading, args, Refreshed(error) + ");");
            }

            var unknown = new List<string> { "summary: \"The code is not in the catalog, or the response carried none.\"" };
            if (!large)
            {
                Declarator(w, FieldNames.Unknown + " = " + FieldNames.Factory + ".ErrorDescriptor(", "\"\"", new[] { "name: \"Unknown\"" }, unknown, ";");
                w.Unindent();
                w.Line();
                return;
            }

            w.Close();
            w.Line();
            WriteDescriptorChunks(e);
            w.Line("private static readonly " + Runtime + "ErrorDescriptor " + FieldNames.Unknown + " =");
            w.Indent();
            Declarator(w, FieldNames.Factory + ".ErrorDescriptor(", "\"\"", new[] { "name: \"Unknown\"" }, unknown, ";");
            w.Unindent();
            w.Line();
        }

        /// <summary>The descriptors of a large catalog are created this many at a time, by one method each.</summary>
        internal const int DescriptorChunk = 64;

        private static string ChunkMethod(int chunk) => "CreateDescriptors" + CSharpLiteral.Int(chunk);

        /// <summary>
        /// For a large catalog (<see cref="IsLarge"/>), the descriptors' array, filled a chunk of <see cref="DescriptorChunk"/>
        /// at a time when one of them is first asked for, and the lazy list behind <c>All</c>. Creating every descriptor in
        /// the static constructor made the first error of a 10,000-code catalog wait about 0.8 s for the JIT to compile one
        /// method of 10,000 calls; a chunk's method is compiled when its first code is needed. Each slot is set once
        /// (compare-and-swap), so every caller sees the same descriptor for a code whichever thread made its chunk.
        /// </summary>
        private static void WriteDescriptorChunks(Emission e)
        {
            SourceWriter w = e.Writer;
            string descriptor = Runtime + "ErrorDescriptor";
            int count = e.Model.Errors.Count;
            int chunks = (count + DescriptorChunk - 1) / DescriptorChunk;
            w.Line("private static readonly " + descriptor + e.Q + "[] " + FieldNames.Descriptors + " = new " + descriptor + e.Q + "[" + CSharpLiteral.Int(count) + "];");
            w.Line();
            w.Line("private static " + ReadOnlyCollection + descriptor + ">" + e.Q + " " + FieldNames.All + ";");
            w.Line();
            w.Line("/// <summary>The descriptor of the code at <paramref name=\"index\" /> in catalog order, its chunk created on first use.</summary>");
            w.Line("private static " + descriptor + " Descriptor(int index)");
            w.Indent();
            w.Line("=> global::System.Threading.Volatile.Read(ref " + FieldNames.Descriptors + "[index]) ?? CreateDescriptors(index);");
            w.Unindent();
            w.Line();
            w.Open("private static " + descriptor + " CreateDescriptors(int index)");
            w.Open("switch (index / " + CSharpLiteral.Int(DescriptorChunk) + ")");
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                Case(w, "case " + CSharpLiteral.Int(chunk) + ":", ChunkMethod(chunk) + "();", "break;");
            }

            w.Close();
            // Every index has a chunk that sets it (LargeCatalogShapeTests asks for every code); the unknown descriptor only
            // keeps the expression non-null without a C# 8 operator.
            w.Line("return " + FieldNames.Descriptors + "[index] ?? " + FieldNames.Unknown + ";");
            w.Close();
            w.Line();
            w.Line("/// <summary>Sets a descriptor's slot unless another thread has: the first one made is the only one seen.</summary>");
            w.Line("private static void Keep(int index, " + descriptor + " descriptor)");
            w.Indent();
            w.Line("=> global::System.Threading.Interlocked.CompareExchange(ref " + FieldNames.Descriptors + "[index], descriptor, null);");
            w.Unindent();
            w.Line();
            w.Line("/// <summary>Every descriptor, in catalog order, as the list behind <c>All</c> (made once).</summary>");
            w.Open("private static " + ReadOnlyCollection + descriptor + "> AllDescriptors()");
            w.Line("var all = new " + descriptor + "[" + FieldNames.Descriptors + ".Length];");
            w.Open("for (int index = 0; index < all.Length; index++)");
            w.Line("all[index] = Descriptor(index);");
            w.Close();
            w.Line("var list = global::System.Array.AsReadOnly(all);");
            w.Line("return global::System.Threading.Interlocked.CompareExchange(ref " + FieldNames.All + ", list, null) ?? list;");
            w.Close();
            w.Line();
        }

        private static void WriteStatusRuleFields(Emission e, FieldNames fields)
        {
            if (e.Model.StatusRules.IsEmpty)
            {
                return;
            }

            SourceWriter w = e.Writer;
            w.Line("private static readonly " + Runtime + "StatusRule");
            w.Indent();
            for (int i = 0; i < e.Model.StatusRules.Count; i++)
            {
                e.CancellationToken.ThrowIfCancellationRequested();
                StatusRuleModel rule = e.Model.StatusRules[i];
                var leading = new List<string>();
                Named(leading, "title", rule.Title is null ? null : CSharpLiteral.String(rule.Title));
                Retryable(leading, rule);
                var args = new List<string>();
                EntryArguments(args, rule);
                EntryTexts(args, rule);
                EntryNote(args, rule);
                string end = i == e.Model.StatusRules.Count - 1 ? ";" : ",";
                string key = CSharpLiteral.Int(rule.Status);
                if (rule.IsRange)
                {
                    // A range: the factory's overload with the first and the last status.
                    key += ", " + CSharpLiteral.Int(rule.LastStatus!.Value);
                }

                Named(args, "retryParameters", rule.Backoff is null ? null : RetryParameters(rule.Backoff));

                Declarator(w, fields.StatusRule(rule) + " = " + Refreshing(rule) + FieldNames.Factory + ".StatusRule(", key, leading, args, Refreshed(rule) + end);
            }

            w.Unindent();
            w.Line();
        }

        /// <summary>An entry marked <c>refresh_credentials</c> is created inside <c>s_catalog.RefreshingCredentials(…)</c>.</summary>
        private static string Refreshing(CatalogEntryModel entry) => entry.RefreshCredentials ? FieldNames.Factory + ".RefreshingCredentials(" : string.Empty;

        private static string Refreshed(CatalogEntryModel entry) => entry.RefreshCredentials ? ")" : string.Empty;

        /// <summary>
        /// The catalog's code families, only when it declares any: one list, each family made by the factory with named
        /// arguments, in declaration order (the order they are tried in).
        /// </summary>
        private static void WriteFamilies(Emission e)
        {
            if (e.Model.Families.IsEmpty)
            {
                return;
            }

            SourceWriter w = e.Writer;
            const string Type = Runtime + "ErrorFamily";
            w.Line("private static readonly " + ReadOnlyCollection + Type + "> " + FieldNames.Families + " =");
            w.Indent();
            w.Line("global::System.Array.AsReadOnly(new " + Type + "[]");
            w.Line("{");
            w.Indent();
            foreach (CodeFamilyModel family in e.Model.Families)
            {
                e.CancellationToken.ThrowIfCancellationRequested();
                var leading = new List<string>();
                Named(leading, "prefixes", StringArray(family.Prefixes));
                Named(leading, "suffixes", StringArray(family.Suffixes));
                Named(leading, "contains", StringArray(family.Contains));
                Named(leading, "ignoreCase", family.IgnoreCase ? "true" : null);
                Named(leading, "errorGroup", family.ExceptionGroup is null ? null : CSharpLiteral.String(family.ExceptionGroup));
                Retryable(leading, family);
                var args = new List<string>();
                EntryArguments(args, family);
                EntryTexts(args, family);
                Named(args, "source", CSharpLiteral.String(family.Source));
                EntryNote(args, family);
                Declarator(w, FieldNames.Factory + ".ErrorFamily(", CSharpLiteral.String(family.Name), leading, args, ",");
            }

            w.Unindent();
            w.Line("});");
            w.Unindent();
            w.Line();
            w.Doc(Summary(
                "The catalog's open families of codes, in declaration order: an unknown code that matches one is classified by it (",
                Cref(e.Names.ErrorCode + ".Unknown"),
                " stays the code; a listed code wins over every family, and the first family declared that matches wins)."));
            w.Line("public static " + ReadOnlyList + Type + "> Families => " + FieldNames.Families + ";");
            w.Line();
        }

        /// <summary>
        /// <c>PErrors.ProviderRules</c>, when the catalog states a backoff, a support contact or transport rules: in
        /// <c>P.Catalog.g.cs</c>, created on first use by a holder class (the order of field initializers across the files
        /// of a partial class is not defined, and these need the factory), the transport rules first, then the rules.
        /// </summary>
        private static void WriteProviderRules(Emission e)
        {
            if (!e.Model.HasProviderRules)
            {
                return;
            }

            SourceWriter w = e.Writer;
            w.Doc(Summary(
                "What the catalog says about the provider as a whole (its backoff, where to get help, its transport rules); every ",
                Cref(e.Names.Exception),
                " is created with it."));
            w.Line(EditorBrowsableNever);
            w.Line("public static " + Runtime + "ProviderRules ProviderRules => ProviderRulesHolder.Instance;");
            w.Line();
            w.Line("/// <summary>Created on first use, after the factory.</summary>");
            w.Open("private static class ProviderRulesHolder");
            var transportFields = new List<string>();
            if (!e.Model.TransportRules.IsEmpty)
            {
                w.Line("private static readonly " + Runtime + "TransportRule");
                w.Indent();
                for (int i = 0; i < e.Model.TransportRules.Count; i++)
                {
                    TransportRuleModel rule = e.Model.TransportRules[i];
                    string field = TransportField(rule);
                    transportFields.Add(field);
                    var leading = new List<string>();
                    Retryable(leading, rule);
                    var args = new List<string>();
                    EntryArguments(args, rule);
                    EntryTexts(args, rule);
                    EntryNote(args, rule);
                    Named(args, "retryParameters", rule.Backoff is null ? null : RetryParameters(rule.Backoff));
                    string end = i == e.Model.TransportRules.Count - 1 ? ";" : ",";
                    Declarator(w, field + " = " + FieldNames.Factory + ".TransportRule(", Runtime + "TransportFailureKind." + TransportKind(rule), leading, args, end);
                }

                w.Unindent();
                w.Line();
            }

            ProviderModel provider = e.Model.Provider;
            w.Line("public static readonly " + Runtime + "ProviderRules Instance = " + FieldNames.Factory + ".ProviderRules(");
            w.Indent();
            var arguments = new List<(string Head, List<string> Items, string Tail)> { ("RetrySource", new List<string>(), string.Empty) };
            if (provider.Backoff != null)
            {
                arguments.Add(("retryParameters: new " + Runtime + "RetryParameters(", RetryParameterArguments(provider.Backoff), ")"));
            }

            if (provider.Support is SupportModel support)
            {
                var items = new List<string> { CSharpLiteral.String(support.Contact) };
                Named(items, "include", StringArray(support.Send));
                items.Add("text: " + CSharpLiteral.String(support.PlainText));
                arguments.Add(("support: new " + Runtime + "SupportContact(", items, ")"));
            }

            if (transportFields.Count > 0)
            {
                arguments.Add(("transportRules: new[] { " + string.Join(", ", transportFields) + " }", new List<string>(), string.Empty));
            }

            for (int i = 0; i < arguments.Count; i++)
            {
                (string head, List<string> items, string tail) = arguments[i];
                string end = tail + (i == arguments.Count - 1 ? ");" : ",");
                if (items.Count == 0)
                {
                    w.Line(head + end);
                }
                else if (w.Fits(head + string.Join(", ", items) + end))
                {
                    w.Line(head + string.Join(", ", items) + end);
                }
                else
                {
                    w.Line(head);
                    w.Indent();
                    w.Packed(string.Empty, items, end);
                    w.Unindent();
                }
            }

            w.Unindent();
            w.Close();
            w.Line();
        }

        private static string TransportField(TransportRuleModel rule) => rule.Failure == "timeout" ? "s_transportTimeout" : "s_transportConnection";

        private static string TransportKind(TransportRuleModel rule) => rule.Failure == "timeout" ? "Timeout" : "Connection";

        /// <summary><c>new RetryParameters(baseDelay: …, maxBackoff: …, jitter: …, maxAttempts: …)</c>, with only what the catalog states.</summary>
        private static string RetryParameters(BackoffModel backoff)
            => "new " + Runtime + "RetryParameters(" + string.Join(", ", RetryParameterArguments(backoff)) + ")";

        private static List<string> RetryParameterArguments(BackoffModel backoff)
        {
            var args = new List<string>();
            Named(args, "baseDelay", backoff.BaseMilliseconds is long b ? "global::System.TimeSpan.FromMilliseconds(" + CSharpLiteral.Long(b) + ")" : null);
            Named(args, "maxBackoff", backoff.CapMilliseconds is long c ? "global::System.TimeSpan.FromMilliseconds(" + CSharpLiteral.Long(c) + ")" : null);
            Named(args, "jitter", backoff.Jitter is double j ? j.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : null);
            Named(args, "maxAttempts", backoff.Attempts is int a ? CSharpLiteral.Int(a) : null);
            return args;
        }

        /// <summary>The short arguments of the shared <c>CatalogEntry</c> shape: the retry guidance and what was inferred.</summary>
        private static void Retryable(List<string> args, CatalogEntryModel entry) => Named(args, "isRetryable", entry.IsRetryable ? "true" : null);

        private static void EntryArguments(List<string> args, CatalogEntryModel entry)
        {
            // Left out when it is what the factory infers, as the catalog does: backoff if retryable, else none.
            RetryKind inferred = entry.IsRetryable ? RetryKind.Backoff : RetryKind.None;
            Named(args, "retryStrategy", entry.Retry == inferred ? null : Runtime + "RetryStrategy." + entry.Retry);
            Named(args, "suggestedRetryDelay", entry.RetryAfterMilliseconds.HasValue
                ? "global::System.TimeSpan.FromMilliseconds(" + CSharpLiteral.Long(entry.RetryAfterMilliseconds.Value) + ")"
                : null);
            Named(args, "inferredFields", StringArray(entry.Inferred));
            Named(args, "isRefused", entry.Refused ? "true" : null);
        }

        /// <summary>The texts of the shared <c>CatalogEntry</c> shape.</summary>
        private static void EntryTexts(List<string> args, CatalogEntryModel entry)
        {
            Named(args, "summary", entry.Summary.PlainText.Length == 0 ? null : CSharpLiteral.String(entry.Summary.PlainText));
            Named(args, "remediation", entry.Remediation.PlainText.Length == 0 ? null : CSharpLiteral.String(entry.Remediation.PlainText));
        }

        private static void EntryNote(List<string> args, CatalogEntryModel entry)
            => Named(args, "inferenceNote", entry.Note is null ? null : CSharpLiteral.String(entry.Note));

        private static void Named(List<string> args, string name, string? value)
        {
            if (value != null)
            {
                args.Add(name + ": " + value);
            }
        }

        /// <summary>
        /// <c>s_name = s_catalog.Entry(key, named: value, ...)</c>: the key positional, the rest named and packed
        /// by <see cref="SourceWriter.PackedNamed"/> (the order of named arguments is free). The factory supplies the provider and its documentation URL.
        /// </summary>
        private static void Declarator(SourceWriter w, string head, string key, IReadOnlyList<string> leading, List<string> named, string end)
        {
            w.PackedNamed(head + key + (leading.Count + named.Count > 0 ? "," : string.Empty), leading, named, ")" + end);
        }

        /// <summary>The lists behind <c>All</c> and <c>StatusRules</c>, after the fields they hold (static fields initialize in order).</summary>
        private static void WriteCollections(Emission e, FieldNames fields)
        {
            SourceWriter w = e.Writer;
            var rules = new List<string>();
            foreach (StatusRuleModel rule in e.Model.StatusRules)
            {
                rules.Add(fields.StatusRule(rule));
            }

            if (!IsLarge(e))
            {
                var descriptors = new List<string>();
                foreach (ErrorCodeModel error in e.Model.Errors)
                {
                    descriptors.Add(fields.Descriptor(error));
                }

                Collection(w, Runtime + "ErrorDescriptor", FieldNames.All, descriptors);
                Collection(w, Runtime + "StatusRule", FieldNames.AllStatusRules, rules);
                return;
            }

            Collection(w, Runtime + "StatusRule", FieldNames.AllStatusRules, rules);
            WriteLookupTables(e);
        }

        /// <summary>
        /// For a large catalog (<see cref="IsLarge"/>), the tables behind <c>Describe</c>, <c>CreateException</c> and (for
        /// text codes) <c>TryParse</c>: constant arrays searched by halves, not <c>switch</c> statements over every code. The
        /// compiler's time and memory for a <c>switch</c> grow with the square of its cases (10,000 cases: about 15 s and
        /// 2.7 GB each, bound once more for analyzers), where a constant array is one blob whatever its length.
        /// </summary>
        private static void WriteLookupTables(Emission e)
        {
            SourceWriter w = e.Writer;
            string valueType = e.Model.EnumIsLong ? "long" : "int";
            var byValue = new List<int>();
            for (int i = 0; i < e.Model.Errors.Count; i++)
            {
                byValue.Add(i);
            }

            byValue.Sort((a, b) => e.Model.Errors[a].EnumValue != e.Model.Errors[b].EnumValue
                ? e.Model.Errors[a].EnumValue.CompareTo(e.Model.Errors[b].EnumValue)
                : a.CompareTo(b));
            var values = new List<string>();
            var order = new List<string>();
            var groups = new List<string>();
            foreach (int i in byValue)
            {
                e.CancellationToken.ThrowIfCancellationRequested();
                ErrorCodeModel error = e.Model.Errors[i];
                values.Add(CSharpLiteral.Long(error.EnumValue));
                order.Add(CSharpLiteral.Int(i));
                groups.Add(CSharpLiteral.Int(GroupNumber(e, error.ExceptionGroup)));
            }

            bool hasGroups = HasGroups(e);
            w.Line("// Every code's value in ascending order, and its descriptor's index in " + FieldNames.Descriptors + (hasGroups ? "; then" : "."));
            if (hasGroups)
            {
                w.Line("// its exception group: 1 for the catalog's first group, 0 for none.");
            }

            Table(w, valueType, FieldNames.CodeValues, values);
            Table(w, "int", FieldNames.CodeOrder, order);
            if (hasGroups)
            {
                Table(w, "int", FieldNames.CodeGroups, groups);
            }

            if (CodesAreEnumValues(e.Model) || e.Model.Errors.IsEmpty)
            {
                return;
            }

            // Text codes: the codes as written, in ordinal order, one after the other in one string (where each ends), and
            // each one's value. One string, not an array of them: an array's initializer is one string literal per code for
            // the static constructor to load, about 70 ms of a 10,000-code catalog's first error.
            var byText = new List<int>(byValue);
            byText.Sort((a, b) => string.CompareOrdinal(e.Model.Errors[a].Code, e.Model.Errors[b].Code) is int c && c != 0 ? c : a.CompareTo(b));
            var all = new StringBuilder();
            var ends = new List<string>();
            var textValues = new List<string>();
            foreach (int i in byText)
            {
                all.Append(e.Model.Errors[i].Code);
                ends.Add(CSharpLiteral.Int(all.Length));
                textValues.Add(CSharpLiteral.Long(e.Model.Errors[i].EnumValue));
            }

            w.Line("// Every text code in ordinal order, one after the other; then where each one ends, and its value.");
            w.Line("private static readonly string " + FieldNames.CodeTexts + " =");
            w.Indent();
            w.Line(CSharpLiteral.String(all.ToString()) + ";");
            w.Unindent();
            w.Line();
            Table(w, "int", FieldNames.CodeTextEnds, ends);
            Table(w, valueType, FieldNames.CodeTextValues, textValues);
            w.Line("/// <summary>Where <paramref name=\"text\" /> is among the text codes (ordinal order), or -1 when it is none of them.</summary>");
            w.Open("private static int IndexOfCodeText(string text)");
            w.Line("int low = 0, high = " + FieldNames.CodeTextEnds + ".Length - 1;");
            w.Open("while (low <= high)");
            w.Line("int middle = low + ((high - low) >> 1);");
            w.Line("int start = middle == 0 ? 0 : " + FieldNames.CodeTextEnds + "[middle - 1];");
            w.Line("int length = " + FieldNames.CodeTextEnds + "[middle] - start;");
            w.Line("int order = string.CompareOrdinal(" + FieldNames.CodeTexts + ", start, text, 0, length < text.Length ? length : text.Length);");
            w.Open("if (order == 0)");
            w.Line("order = length - text.Length;");
            w.Close();
            w.Open("if (order == 0)");
            w.Line("return middle;");
            w.Close();
            w.Open("if (order < 0)");
            w.Line("low = middle + 1;");
            w.Close();
            w.Open("else");
            w.Line("high = middle - 1;");
            w.Close();
            w.Close();
            w.Line("return -1;");
            w.Close();
            w.Line();
        }

        private static void Table(SourceWriter w, string type, string name, List<string> items)
        {
            w.Line("private static readonly " + type + "[] " + name + " =");
            w.Indent();
            w.Packed("new " + type + "[] {", items, items.Count == 0 ? "};" : " };");
            w.Unindent();
            w.Line();
        }

        /// <summary>Whether any code has an exception group (else <c>CreateException</c> needs no table of groups).</summary>
        private static bool HasGroups(Emission e)
        {
            foreach (ErrorCodeModel error in e.Model.Errors)
            {
                if (error.ExceptionGroup != null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The group's number in the table: its place among the catalog's groups, from 1; 0 for no group.</summary>
        private static int GroupNumber(Emission e, string? group)
        {
            for (int g = 0; group != null && g < e.Model.ExceptionGroups.Count; g++)
            {
                if (e.Model.ExceptionGroups[g].Name == group)
                {
                    return g + 1;
                }
            }

            return 0;
        }

        private static void Collection(SourceWriter w, string type, string name, List<string> items)
        {
            w.Line("private static readonly " + ReadOnlyCollection + type + "> " + name + " =");
            w.Indent();
            w.Packed("global::System.Array.AsReadOnly(new " + type + "[] {", items, items.Count == 0 ? "});" : " });");
            w.Unindent();
            w.Line();
        }

        private static void WriteAll(Emission e)
        {
            e.Writer.Doc(Summary("Every code of the catalog, in catalog order (without ", Cref(e.Names.ErrorCode + ".Unknown"), ")."));
            e.Writer.Line("public static " + ReadOnlyList + Runtime + "ErrorDescriptor> All => " + FieldNames.All + (IsLarge(e) ? " ?? AllDescriptors()" : string.Empty) + ";");
            e.Writer.Line();
        }

        private static void WriteStatusRules(Emission e)
        {
            e.Writer.Doc(Summary("The catalog's HTTP status rules, used when a response has no known code, in status order."));
            e.Writer.Line("public static " + ReadOnlyList + Runtime + "StatusRule> StatusRules => " + FieldNames.AllStatusRules + ";");
            e.Writer.Line();
        }

        private static void WriteTryParse(Emission e)
        {
            SourceWriter w = e.Writer;
            string code = e.Names.ErrorCode;
            string sample = e.Model.Errors.IsEmpty ? "\"code\"" : e.Model.Errors[0].Code;
            w.Doc(Summary("Reads a code as it appears on the wire (surrounding white space ignored)."));
            w.Doc(Param("rawCode", "The code from the error body, such as " + sample + "."));
            w.Doc(Param("code", "The code, or ", Cref(code + ".Unknown"), " when it is not in the catalog."));
            w.Doc(Returns("Whether the code is in the catalog."));
            w.Open("public static bool TryParse(string" + e.Q + " rawCode, out " + code + " code)");
            if (CodesAreEnumValues(e.Model))
            {
                WriteNumericLookup(e);
            }
            else if (!e.Model.Errors.IsEmpty)
            {
                if (IsLarge(e))
                {
                    w.Line("int index = rawCode == null ? -1");
                    w.Indent();
                    w.Line(": IndexOfCodeText(rawCode.Trim());");
                    w.Unindent();
                    w.Open("if (index >= 0)");
                    w.Line("code = (" + code + ")" + FieldNames.CodeTextValues + "[index];");
                    w.Line("return true;");
                    w.Close();
                }
                else
                {
                    w.Open("if (rawCode != null)");
                    w.Open("switch (rawCode.Trim())");
                    foreach (ErrorCodeModel error in e.Model.Errors)
                    {
                        e.CancellationToken.ThrowIfCancellationRequested();
                        Case(w, "case " + CSharpLiteral.String(error.Code) + ":", "code = " + code + "." + error.MemberName + ";", "return true;");
                    }

                    w.Close();
                    w.Close();
                }

                w.Line();
            }

            w.Line("code = " + code + ".Unknown;");
            w.Line("return false;");
            w.Close();
            w.Line();
        }

        /// <summary>
        /// Whether every code is a number written the way the runtime writes it, and is its member's value: then
        /// <c>TryParse</c> parses the number and asks <c>Describe</c>, rather than listing every code a second time.
        /// </summary>
        private static bool CodesAreEnumValues(CatalogModel model)
        {
            foreach (ErrorCodeModel error in model.Errors)
            {
                if (!error.IsNumeric || error.Code != CSharpLiteral.Long(error.EnumValue) || error.EnumValue == 0)
                {
                    return false;
                }
            }

            return !model.Errors.IsEmpty;
        }

        private static void WriteNumericLookup(Emission e)
        {
            SourceWriter w = e.Writer;
            const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
            w.Line("// Every code is the value of its member: parse the number as written, and Describe says whether it is one.");
            w.Line("string" + e.Q + " text = rawCode == null ? null : rawCode.Trim();");
            w.Line("if (text != null");
            w.Indent();
            w.Packed("&& long.TryParse(", new[] { "text", "global::System.Globalization.NumberStyles.AllowLeadingSign", Invariant, "out long value" }, ")");
            w.Line("&& value.ToString(" + Invariant + ") == text");
            if (!e.Model.EnumIsLong)
            {
                w.Line("&& value >= int.MinValue && value <= int.MaxValue");
            }

            w.Line("&& Describe((" + e.Names.ErrorCode + ")value) != " + FieldNames.Unknown + ")");
            w.Unindent();
            w.Line("{");
            w.Line("    code = (" + e.Names.ErrorCode + ")value;");
            w.Line("    return true;");
            w.Line("}");
            w.Line();
        }

        private static void WriteDescribe(Emission e, FieldNames fields)
        {
            SourceWriter w = e.Writer;
            string code = e.Names.ErrorCode;
            w.Doc(Summary("Everything the catalog says about a code; for ", Cref(code + ".Unknown"), " a descriptor that says the code is unknown."));
            w.Doc(Param("code", "The code."));
            w.Doc(Returns("The code's descriptor; never null."));
            if (!IsLarge(e))
            {
                var cases = new List<(string, string)>();
                foreach (ErrorCodeModel error in e.Model.Errors)
                {
                    e.CancellationToken.ThrowIfCancellationRequested();
                    cases.Add(("case " + code + "." + error.MemberName + ":", "return " + fields.Descriptor(error) + ";"));
                }

                ReturnSwitch(w, "public static " + Runtime + "ErrorDescriptor Describe(this " + code + " code)", "code", cases, "return " + FieldNames.Unknown + ";");
                return;
            }

            w.Open("public static " + Runtime + "ErrorDescriptor Describe(this " + code + " code)");
            w.Line("int index = IndexOfCode(code);");
            w.Line("return index >= 0 ? Descriptor(" + FieldNames.CodeOrder + "[index]) : " + FieldNames.Unknown + ";");
            w.Close();
            w.Line();
            w.Line("/// <summary>Where a code is in " + FieldNames.CodeValues + ", or a negative number when it is not in the catalog.</summary>");
            w.Line("private static int IndexOfCode(" + code + " code) => global::System.Array.BinarySearch(" + FieldNames.CodeValues + ", (" + (e.Model.EnumIsLong ? "long" : "int") + ")code);");
            w.Line();
        }

        private static void WriteIsRetryable(Emission e)
            => DescriptorShortcut(
                e,
                Summary("Whether repeating the same request may succeed after this error."),
                Returns("True when the catalog says the error is retryable; false for ", Cref(e.Names.ErrorCode + ".Unknown"), "."),
                "bool IsRetryable");

        private static void WriteHttpStatus(Emission e)
            => DescriptorShortcut(
                e,
                Summary("The HTTP status the provider sends with this code, when the catalog knows it."),
                Returns("The HTTP status, or null."),
                "int? HttpStatus");

        /// <summary>An extension method that returns one property of the code's descriptor, of the same name.</summary>
        private static void DescriptorShortcut(Emission e, string summary, string returns, string typeAndName)
        {
            SourceWriter w = e.Writer;
            string name = typeAndName.Substring(typeAndName.LastIndexOf(' ') + 1);
            w.Doc(summary);
            w.Doc(Param("code", "The code."));
            w.Doc(returns);
            w.Line("public static " + typeAndName + "(this " + e.Names.ErrorCode + " code) => Describe(code)." + name + ";");
            w.Line();
        }

        private static void WriteFindStatusRule(Emission e, FieldNames fields)
        {
            SourceWriter w = e.Writer;
            w.Doc(Summary("The catalog's rule for an HTTP status."));
            w.Doc(Param("httpStatus", "The HTTP status."));
            w.Doc(Returns("The rule, or null when the catalog has none for the status."));
            var cases = new List<(string, string)>();
            var ranges = new List<StatusRuleModel>();
            foreach (StatusRuleModel rule in e.Model.StatusRules)
            {
                if (rule.IsRange)
                {
                    ranges.Add(rule);
                }
                else
                {
                    cases.Add(("case " + CSharpLiteral.Int(rule.Status) + ":", "return " + fields.StatusRule(rule) + ";"));
                }
            }

            string signature = "public static " + Runtime + "StatusRule" + e.Q + " FindStatusRule(int httpStatus)";
            if (ranges.Count == 0)
            {
                ReturnSwitch(w, signature, "httpStatus", cases, "return null;");
                return;
            }

            // An exact status beats a range, a narrower range a wider one (the parser refuses overlaps of equal width).
            ranges.Sort((a, b) => (a.LastStatus!.Value - a.Status).CompareTo(b.LastStatus!.Value - b.Status));
            w.Open(signature);
            if (cases.Count > 0)
            {
                w.Open("switch (httpStatus)");
                foreach ((string label, string statement) in cases)
                {
                    Case(w, label, statement);
                }

                w.Close();
                w.Line();
            }

            foreach (StatusRuleModel rule in ranges)
            {
                w.Line("if (httpStatus >= " + CSharpLiteral.Int(rule.Status) + " && httpStatus <= " + CSharpLiteral.Int(rule.LastStatus!.Value) + ") return " + fields.StatusRule(rule) + ";");
            }

            w.Line("return null;");
            w.Close();
            w.Line();
        }

        private static void WriteFromTransportFailure(Emission e)
        {
            SourceWriter w = e.Writer;
            w.Doc(Summary(
                "Turns a request that got no response (connection refused or reset, DNS, TLS, a time-out) into a typed exception, classified by the catalog's ",
                "transport rules when it has them; retryable only when repeating the request is safe."));
            w.Doc(Param("exception", "What the transport threw."));
            w.Doc(Param("request", "The request, when known (its method and path go into the message; never its headers or query)."));
            w.Doc(Returns("The exception to throw."));
            w.Line("public static " + e.Names.Exception + " FromTransportFailure(");
            w.Indent();
            w.Line("global::System.Exception exception, global::System.Net.Http.HttpRequestMessage" + e.Q + " request = null)");
            w.Line("=> FromErrorResponse(" + Runtime + "ErrorResponseReader.FromTransportFailure(WireFormat, exception, request));");
            w.Unindent();
            w.Line();
        }

        /// <summary>A method that is one <c>switch</c> whose every case returns: a table of one line per case.</summary>
        private static void ReturnSwitch(SourceWriter w, string signature, string value, List<(string Label, string Statement)> cases, string otherwise)
        {
            w.Open(signature);
            w.Open("switch (" + value + ")");
            foreach ((string label, string statement) in cases)
            {
                Case(w, label, statement);
            }

            Case(w, "default:", otherwise);
            w.Close();
            w.Close();
            w.Line();
        }

        private static void WriteFromResponse(Emission e)
        {
            SourceWriter w = e.Writer;
            w.Doc(Summary(
                "Turns an error response into a typed exception. Never throws for bad input: unknown codes, HTML, empty or truncated bodies give an exception whose ",
                Cref(e.Names.Exception + ".Code"),
                " is ",
                Cref(e.Names.ErrorCode + ".Unknown"),
                ", with the raw code and status kept."));
            w.Doc(Param("httpStatus", "The response's HTTP status."));
            w.Doc(Param("body", "The response body, or null."));
            w.Doc(Param("headers", "The response headers (for Retry-After, X-Request-Id and X-RateLimit-*), or null."));
            w.Doc(Returns("The exception to throw."));
            w.Line("public static " + e.Names.Exception + " FromResponse(");
            w.Indent();
            w.Line("int httpStatus, string" + e.Q + " body,");
            w.Line("global::System.Collections.Generic.IEnumerable<");
            w.Line("    global::System.Collections.Generic.KeyValuePair<string, global::System.Collections.Generic.IEnumerable<string>>>" + e.Q + " headers = null)");
            w.Line("=> FromErrorResponse(" + Runtime + "ErrorResponseReader.Read(" + ReaderShape(e) + ", httpStatus, body, headers));");
            w.Unindent();
            w.Line();
        }

        /// <summary>
        /// The one static shape of a json or problem catalog: the declared <c>provider.shape</c> as an
        /// <c>ErrorShapeDefinition</c> compiled once (the generator has checked it with the runtime's own rules). A catalog
        /// of a built-in format reads with its <c>WireFormat</c>, whose preset shape the runtime holds (no line more per
        /// catalog, and the generated code of the built-ins stays as it was).
        /// </summary>
        private static void WriteShape(SourceWriter w, ProviderModel provider, ShapeModel shape)
        {
            string member = ErrorCodeGen.Formats.WireFormatNames.MemberFor(provider.Format)!;
            if (shape.Keys.Count == 0 && shape.RequestIdHeaders.Count == 0)
            {
                w.Doc(Summary("Where the reader finds the error, its code and its message in the provider's bodies (the " + provider.Format + " preset)."));
                w.Assignment("public static readonly " + Runtime + "ErrorShape Shape", Runtime + "ErrorShape." + member);
                w.Line();
                return;
            }

            w.Doc(Summary("Where the reader finds the error, its code and its message in the provider's bodies (the catalog's provider.shape)."));
            w.Line("public static readonly " + Runtime + "ErrorShape Shape = " + Runtime + "ErrorShape.Create(new " + Runtime + "ErrorShapeDefinition");
            w.Line("{");
            w.Indent();
            w.Line("Name = ProviderName,");
            w.Line("Format = " + Runtime + "ErrorWireFormat." + member + ",");
            foreach (ShapeKeyModel key in shape.Keys)
            {
                w.Line(PropertyOf(key.Key) + " = { " + Literals(key.Pointers) + " },");
            }

            if (shape.RequestIdHeaders.Count > 0)
            {
                w.Line("RequestIdHeaders = { " + Literals(shape.RequestIdHeaders) + " },");
            }

            w.Unindent();
            w.Line("});");
            w.Line();
        }

        /// <summary>What the generated reader calls pass: <c>Shape</c> for a declared shape, else <c>WireFormat</c>.</summary>
        private static string ReaderShape(Emission e) => e.Model.Provider.Shape is null ? "WireFormat" : "Shape";

        private static string Literals(IReadOnlyList<string> values)
        {
            var parts = new string[values.Count];
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i] = CSharpLiteral.String(values[i]);
            }

            return string.Join(", ", parts);
        }

        /// <summary>The <c>ErrorShapeDefinition</c> property of a shape key: <c>task_id</c> is <c>TaskId</c>.</summary>
        private static string PropertyOf(string key)
        {
            var sb = new System.Text.StringBuilder(key.Length);
            bool upper = true;
            foreach (char c in key)
            {
                if (c == '_')
                {
                    upper = true;
                    continue;
                }

                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }

            return sb.ToString();
        }

        private static void WriteFromResponseAsync(Emission e)
        {
            SourceWriter w = e.Writer;
            w.Doc(Summary("Reads an error response (status, headers and at most 1 MiB of body) and turns it into a typed exception."));
            w.Doc(Param("response", "The failed response."));
            w.Doc(Param("cancellationToken", "Cancels reading the body."));
            w.Doc(Returns("The exception to throw."));
            w.Line("public static async global::System.Threading.Tasks.Task<" + e.Names.Exception + "> FromResponseAsync(");
            w.Indent();
            w.Line("global::System.Net.Http.HttpResponseMessage response,");
            w.Line("global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))");
            w.Line("=> FromErrorResponse(");
            w.Line("    await " + Runtime + "ErrorResponseReader.ReadAsync(" + ReaderShape(e) + ", response, cancellationToken).ConfigureAwait(false));");
            w.Unindent();
            w.Line();
        }

        private static void WriteFromMessage(Emission e)
        {
            SourceWriter w = e.Writer;
            w.Doc(Summary("Turns an error message that came without an HTTP status (a WebSocket message) into a typed exception; retryability then comes from the code alone."));
            w.Doc(Param("body", "The message body, or null."));
            w.Doc(Returns("The exception to throw."));
            w.Line("public static " + e.Names.Exception + " FromMessage(string" + e.Q + " body)");
            w.Line("    => FromErrorResponse(" + Runtime + "ErrorResponseReader.Read(" + ReaderShape(e) + ", null, body, null));");
            w.Line();
        }

        private static void WriteIsFailure(Emission e)
        {
            SourceWriter w = e.Writer;
            w.Doc(Summary("Whether a response is a failure: any status of 400 or more, or a body that reports an error whatever the status (an HTTP 200 carrying an error code or an ", "errors", " array)."));
            w.Doc(Param("httpStatus", "The response's HTTP status."));
            w.Doc(Param("body", "The response body, or null."));
            w.Doc(Returns("True when the response should be turned into an exception."));
            w.Line("public static bool IsFailure(int httpStatus, string" + e.Q + " body)");
            w.Line("    => " + Runtime + "ErrorResponseReader.IsFailure(" + ReaderShape(e) + ", httpStatus, body);");
            w.Line();
        }

        private static void WriteFromErrorResponse(Emission e)
        {
            SourceWriter w = e.Writer;
            string code = e.Names.ErrorCode;
            w.Doc(Summary("Classifies a response that has already been read."));
            w.Doc(Param("response", "The response as read by ", Cref("global::ErrorCodeGen.ErrorResponseReader"), "."));
            w.Doc(Returns("The exception to throw."));
            w.Open("public static " + e.Names.Exception + " FromErrorResponse(" + Runtime + "ErrorResponse response)");
            w.Open("if (response == null)");
            w.Line("throw new global::System.ArgumentNullException(\"response\");");
            w.Close();
            w.Line();
            w.Line(code + " code = " + code + ".Unknown;");
            w.Assignment(
                Runtime + "ErrorDescriptor" + e.Q + " descriptor",
                "response.IsWellFormed && TryParse(response.RawCode, out code) ? Describe(code) : null");
            w.Assignment(
                Runtime + "StatusRule" + e.Q + " statusRule",
                "response.HttpStatus.HasValue ? FindStatusRule(response.HttpStatus.Value) : null");
            if (e.Model.Families.IsEmpty)
            {
                w.Line("return CreateException(code, response, descriptor, statusRule);");
            }
            else
            {
                w.Assignment(
                    Runtime + "ErrorFamily" + e.Q + " family",
                    "descriptor == null && response.IsWellFormed ? " + Runtime + "ErrorFamily.Find(response.RawCode, " + FieldNames.Families + ") : null");
                w.Line("return CreateException(code, response, descriptor, statusRule, family);");
            }

            w.Close();
            w.Line();
        }

        /// <summary>The exception for a classified response: the code's exception group, else the status rule's, else the provider's.</summary>
        private static void WriteCreateException(Emission e, FieldNames fields)
        {
            SourceWriter w = e.Writer;
            w.Packed("private static " + e.Names.Exception + " CreateException(", ExceptionParameters(e), ")");
            w.Line("{");
            w.Indent();
            string Args = e.Model.Families.IsEmpty ? "(code, response, descriptor, statusRule)" : "(code, response, descriptor, statusRule, family)";

            // Codes by exception group, in catalog order of the groups (the parser guarantees every group exists); for a
            // large catalog, the code's group from the table.
            if (!IsLarge(e))
            {
                var codeCases = new List<(string Group, string Label)>();
                foreach (ErrorCodeModel error in e.Model.Errors)
                {
                    if (error.ExceptionGroup != null)
                    {
                        codeCases.Add((error.ExceptionGroup, "case " + e.Names.ErrorCode + "." + error.MemberName + ":"));
                    }
                }

                if (codeCases.Count > 0)
                {
                    w.Open("switch (code)");
                    GroupCases(e, codeCases, Args);
                    w.Close();
                    w.Line();
                }
            }
            else if (HasGroups(e))
            {
                var groupCases = new List<(string Group, string Label)>();
                for (int g = 0; g < e.Model.ExceptionGroups.Count; g++)
                {
                    groupCases.Add((e.Model.ExceptionGroups[g].Name, "case " + CSharpLiteral.Int(g + 1) + ":"));
                }

                w.Line("int index = IndexOfCode(code);");
                w.Open("if (index >= 0)");
                w.Open("switch (" + FieldNames.CodeGroups + "[index])");
                GroupCases(e, groupCases, Args);
                w.Close();
                w.Close();
                w.Line();
            }

            // An unknown code of a family: the family's group, before the status's (the code is more specific).
            var familyCases = new List<(string Group, string Label)>();
            foreach (CodeFamilyModel family in e.Model.Families)
            {
                if (family.ExceptionGroup != null)
                {
                    familyCases.Add((family.ExceptionGroup, "case " + CSharpLiteral.String(family.Name) + ":"));
                }
            }

            if (familyCases.Count > 0)
            {
                w.Open("if (family != null)");
                w.Open("switch (family.Name)");
                GroupCases(e, familyCases, Args);
                w.Close();
                w.Close();
                w.Line();
            }

            var statusCases = new List<(string Group, string Label)>();
            var rangeGroups = new List<(string Group, string Field)>();
            bool anyRange = false;
            foreach (StatusRuleModel rule in e.Model.StatusRules)
            {
                anyRange |= rule.IsRange;
                if (rule.ExceptionGroup != null && rule.IsRange)
                {
                    rangeGroups.Add((rule.ExceptionGroup, fields.StatusRule(rule)));
                }
                else if (rule.ExceptionGroup != null)
                {
                    statusCases.Add((rule.ExceptionGroup, "case " + CSharpLiteral.Int(rule.Status) + ":"));
                }
            }

            if (statusCases.Count > 0 || rangeGroups.Count > 0)
            {
                w.Open("if (statusRule != null)");
                foreach ((string group, string field) in rangeGroups)
                {
                    // A range rule is told apart by reference: its HttpStatus is only its first status.
                    w.Line("if (statusRule == " + field + ") return new " + GroupClass(e, group) + Args + ";");
                }

                if (statusCases.Count > 0)
                {
                    w.Open(anyRange ? "if (!statusRule.IsRange) switch (statusRule.HttpStatus)" : "switch (statusRule.HttpStatus)");
                    GroupCases(e, statusCases, Args);
                    w.Close();
                }

                w.Close();
                w.Line();
            }

            var transportCases = new List<(string Group, string Label)>();
            foreach (TransportRuleModel rule in e.Model.TransportRules)
            {
                if (rule.ExceptionGroup != null)
                {
                    transportCases.Add((rule.ExceptionGroup, "case " + Runtime + "TransportFailureKind." + TransportKind(rule) + ":"));
                }
            }

            if (transportCases.Count > 0)
            {
                w.Assignment(Runtime + "TransportRule" + e.Q + " transportRule", "statusRule == null && descriptor == null ? ProviderRules.FindTransportRule(response) : null");
                w.Open("if (transportRule != null)");
                w.Open("switch (transportRule.Failure)");
                GroupCases(e, transportCases, Args);
                w.Close();
                w.Close();
                w.Line();
            }

            w.Line("return new " + e.Names.Exception + Args + ";");
            w.Close();
        }

        private static string GroupClass(Emission e, string group)
        {
            foreach (ExceptionGroupModel model in e.Model.ExceptionGroups)
            {
                if (model.Name == group)
                {
                    return model.ClassName;
                }
            }

            return e.Names.Exception;
        }

        private static void GroupCases(Emission e, List<(string Group, string Label)> cases, string args)
        {
            foreach (ExceptionGroupModel group in e.Model.ExceptionGroups)
            {
                var labels = new List<string>();
                foreach ((string name, string label) in cases)
                {
                    if (name == group.Name)
                    {
                        labels.Add(label);
                    }
                }

                if (labels.Count > 0)
                {
                    e.Writer.Packed(string.Empty, labels, string.Empty, separator: string.Empty);
                    e.Writer.Line("    return new " + group.ClassName + args + ";");
                }
            }
        }

        /// <summary>A <c>case</c> as one line of a table when it fits, else the label and its statements on lines of their own.</summary>
        private static void Case(SourceWriter w, string label, params string[] statements)
        {
            string oneLine = label + " " + string.Join(" ", statements);
            if (w.Fits(oneLine))
            {
                w.Line(oneLine);
                return;
            }

            w.Line(label);
            w.Indent();
            foreach (string statement in statements)
            {
                w.Line(statement);
            }

            w.Unindent();
        }

        private static string? StringArray(EquatableArray<string> items)
        {
            if (items.IsEmpty)
            {
                return null;
            }

            var sb = new StringBuilder("new[] { ");
            for (int i = 0; i < items.Count; i++)
            {
                sb.Append(i > 0 ? ", " : string.Empty).Append(CSharpLiteral.String(items[i]));
            }

            return sb.Append(" }").ToString();
        }

        /// <summary>
        /// The private field of each descriptor and status rule: <c>s_</c> and the member name with a lower-case first
        /// letter (<c>s_flux2OomRisk</c>), <c>s_status429</c> for rules; names that would clash with each other or with
        /// the class's own fields get a number.
        /// </summary>
        private sealed class FieldNames
        {
            public const string Factory = "s_catalog";
            public const string Unknown = "s_unknown";
            public const string All = "s_all";
            public const string AllStatusRules = "s_allStatusRules";
            public const string Families = "s_families";
            public const string Descriptors = "s_descriptors";
            public const string CodeValues = "s_codeValues";
            public const string CodeOrder = "s_codeOrder";
            public const string CodeGroups = "s_codeGroups";
            public const string CodeTexts = "s_codeTexts";
            public const string CodeTextValues = "s_codeTextValues";
            public const string CodeTextEnds = "s_codeTextEnds";

            private readonly Dictionary<string, string> _descriptors = new Dictionary<string, string>();
            private readonly Dictionary<(int, int), string> _statusRules = new Dictionary<(int, int), string>();

            public FieldNames(CatalogModel model)
            {
                var taken = new HashSet<string> { Factory, Unknown, All, AllStatusRules, Families, Descriptors, CodeValues, CodeOrder, CodeGroups, CodeTexts, CodeTextValues, CodeTextEnds, "s_transportTimeout", "s_transportConnection" };
                // A large catalog has no field per descriptor (WriteDescriptorChunks): no names to claim for them.
                if (model.Errors.Count <= LargeCatalogCodes)
                {
                    foreach (ErrorCodeModel error in model.Errors)
                    {
                        _descriptors[error.MemberName] = Claim(taken, "s_" + char.ToLowerInvariant(error.MemberName[0]) + error.MemberName.Substring(1));
                    }
                }

                foreach (StatusRuleModel rule in model.StatusRules)
                {
                    string name = !rule.IsRange ? CSharpLiteral.Int(rule.Status) : rule.StatusText.Replace("-", "To");
                    _statusRules[Key(rule)] = Claim(taken, "s_status" + name);
                }
            }

            public string Descriptor(ErrorCodeModel error) => _descriptors[error.MemberName];

            public string StatusRule(StatusRuleModel rule) => _statusRules[Key(rule)];

            private static (int, int) Key(StatusRuleModel rule) => (rule.Status, rule.LastStatus ?? rule.Status);

            private static string Claim(HashSet<string> taken, string name)
            {
                string candidate = name;
                for (int n = 2; !taken.Add(candidate); n++)
                {
                    candidate = name + "_" + CSharpLiteral.Int(n);
                }

                return candidate;
            }
        }
    }
}

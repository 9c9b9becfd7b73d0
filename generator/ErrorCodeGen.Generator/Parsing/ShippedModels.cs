using System;
using System.IO;
using System.Text;
using ErrorCodeGen.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>
    /// The curated catalogs, already parsed and rendered: one embedded resource per catalog (<c>Shipped/*.model</c>,
    /// written by <c>ShippedModelTests</c> from what <see cref="CatalogParser"/> makes of <c>catalog/*.errors.yaml</c>,
    /// and checked by it to be current). A catalog whose file name and exact text (length and a 64-bit FNV-1a hash of its
    /// UTF-16 code units) match a shipped model is read from it, so a build that uses only the curated catalogs does no
    /// YAML or Markdown work at all; any other text, an edited curated catalog included, is parsed as always. Only
    /// catalogs without diagnostics are shipped, so a loaded result is exactly the parsed one: the same model, no
    /// diagnostics, the provider name at the same place.
    /// </summary>
    internal static class ShippedModels
    {
        /// <summary>Changes whenever the layout below changes, so stale data is never read.</summary>
        private const int FormatVersion = 4;

        private const string ResourcePrefix = "ErrorCodeGen.Shipped.";

        /// <summary>The resource name of a catalog's model: its file name, so a lookup costs one name.</summary>
        internal static string ResourceName(string catalogPath) => ResourcePrefix + Path.GetFileName(catalogPath) + ".model";

        /// <summary>The shipped result for this exact catalog text, or null when there is none (then it is parsed).</summary>
        public static CatalogParseResult? TryLoad(CatalogFile file)
        {
            if (file.Text is null)
            {
                return null;
            }

            using Stream? stream = typeof(ShippedModels).Assembly.GetManifestResourceStream(ResourceName(file.Path));
            if (stream is null)
            {
                return null;
            }

            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadInt32() != FormatVersion || reader.ReadInt32() != file.Text.Length || reader.ReadUInt64() != Hash(file.Text))
            {
                return null;
            }

            return Read(reader, file);
        }

        /// <summary>Reads model data written by <see cref="Write"/> (for the tests of the format), or null when it is not for this text.</summary>
        internal static CatalogParseResult? ReadForTests(byte[] data, CatalogFile file)
        {
            using var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
            if (file.Text is null || reader.ReadInt32() != FormatVersion || reader.ReadInt32() != file.Text.Length || reader.ReadUInt64() != Hash(file.Text))
            {
                return null;
            }

            return Read(reader, file);
        }

        /// <summary>64-bit FNV-1a over the UTF-16 code units: cheap, and any edit changes it.</summary>
        internal static ulong Hash(string text)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in text)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            return hash;
        }

        /// <summary>The model data of a catalog parsed without diagnostics (what the tests write to <c>Shipped/</c>).</summary>
        internal static byte[] Write(CatalogParseResult result, string text)
        {
            if (result.Model is null || !result.Diagnostics.IsEmpty || result.ProviderNameLocation is null)
            {
                throw new ArgumentException("Only a catalog that parses without diagnostics can be shipped as model data: " + result.FilePath, nameof(result));
            }

            using var stream = new MemoryStream();
            using (var w = new BinaryWriter(stream, Encoding.UTF8))
            {
                w.Write(FormatVersion);
                w.Write(text.Length);
                w.Write(Hash(text));
                LocationInfo at = result.ProviderNameLocation.Value;
                w.Write(at.Span.Start);
                w.Write(at.Span.Length);
                w.Write(at.LineSpan.Start.Line);
                w.Write(at.LineSpan.Start.Character);
                w.Write(at.LineSpan.End.Line);
                w.Write(at.LineSpan.End.Character);

                CatalogModel model = result.Model;
                ProviderModel p = model.Provider;
                w.Write(p.Name);
                w.Write(p.Title);
                WriteOptional(w, p.DocumentationUrl);
                w.Write(p.Format);
                WriteOptional(w, p.Namespace);
                WriteOptional(w, p.Source);
                w.Write(p.RetryByStatus);
                WriteBackoff(w, p.Backoff);
                WriteSupport(w, p.Support);
                w.Write(model.EnumIsLong);

                w.Write(model.ExceptionGroups.Count);
                foreach (ExceptionGroupModel g in model.ExceptionGroups)
                {
                    w.Write(g.Name);
                    w.Write(g.ClassName);
                    WriteText(w, g.Summary);
                }

                w.Write(model.StatusRules.Count);
                foreach (StatusRuleModel s in model.StatusRules)
                {
                    w.Write(s.Status);
                    w.Write(s.LastStatus ?? -1);
                    WriteOptional(w, s.Title);
                    WriteEntry(w, s);
                }

                w.Write(model.TransportRules.Count);
                foreach (TransportRuleModel t in model.TransportRules)
                {
                    w.Write(t.Failure);
                    WriteEntry(w, t);
                }

                w.Write(model.Sections.Count);
                foreach (SectionModel section in model.Sections)
                {
                    w.Write(section.Category);
                    WriteList(w, section.Endpoints);
                    WriteOptional(w, section.Codes);
                    WriteText(w, section.Summary);
                    WriteList(w, section.Inferred);
                    WriteOptional(w, section.Note);
                }

                w.Write(model.Errors.Count);
                foreach (ErrorCodeModel e in model.Errors)
                {
                    w.Write(e.Code);
                    w.Write(e.IsNumeric);
                    w.Write(e.EnumValue);
                    w.Write(e.Name);
                    w.Write(e.MemberName);
                    w.Write(e.HttpStatus ?? -1);
                    WriteOptional(w, e.Category);
                    WriteOptional(w, e.Message);
                    WriteOptional(w, e.DocumentationUrl);
                    WriteList(w, e.Endpoints);
                    WriteList(w, e.Phases);
                    w.Write(e.EndpointsFromSection);
                    WriteEntry(w, e);
                }

                w.Write(model.Families.Count);
                foreach (CodeFamilyModel f in model.Families)
                {
                    w.Write(f.Name);
                    WriteList(w, f.Prefixes);
                    WriteList(w, f.Suffixes);
                    WriteList(w, f.Contains);
                    w.Write(f.IgnoreCase);
                    w.Write(f.Source);
                    WriteEntry(w, f);
                }
            }

            return stream.ToArray();
        }

        private static CatalogParseResult Read(BinaryReader r, CatalogFile file)
        {
            int spanStart = r.ReadInt32();
            int spanLength = r.ReadInt32();
            var start = new LinePosition(r.ReadInt32(), r.ReadInt32());
            var end = new LinePosition(r.ReadInt32(), r.ReadInt32());
            var providerNameLocation = new LocationInfo(file.Path, new TextSpan(spanStart, spanLength), new LinePositionSpan(start, end));

            var provider = new ProviderModel(r.ReadString(), r.ReadString(), ReadOptional(r), r.ReadString(), ReadOptional(r), ReadOptional(r), r.ReadBoolean());
            provider = provider with { Backoff = ReadBackoff(r), Support = ReadSupport(r) };
            bool enumIsLong = r.ReadBoolean();

            var groups = new ExceptionGroupModel[r.ReadInt32()];
            for (int i = 0; i < groups.Length; i++)
            {
                groups[i] = new ExceptionGroupModel(r.ReadString(), r.ReadString(), ReadText(r));
            }

            var statuses = new StatusRuleModel[r.ReadInt32()];
            for (int i = 0; i < statuses.Length; i++)
            {
                int status = r.ReadInt32();
                int lastStatus = r.ReadInt32();
                string? title = ReadOptional(r);
                Entry entry = ReadEntry(r);
                statuses[i] = new StatusRuleModel(status, title, entry.IsRetryable, entry.Retry, entry.RetryAfterMilliseconds, entry.ExceptionGroup, entry.Summary, entry.Remediation, entry.Inferred, entry.Note)
                {
                    Refused = entry.Refused,
                    Backoff = entry.Backoff,
                    RefreshCredentials = entry.RefreshCredentials,
                    LastStatus = lastStatus < 0 ? null : lastStatus,
                };
            }

            var transport = new TransportRuleModel[r.ReadInt32()];
            for (int i = 0; i < transport.Length; i++)
            {
                string failure = r.ReadString();
                Entry entry = ReadEntry(r);
                transport[i] = new TransportRuleModel(failure, entry.IsRetryable, entry.Retry, entry.RetryAfterMilliseconds, entry.ExceptionGroup, entry.Summary, entry.Remediation, entry.Inferred, entry.Note)
                {
                    Refused = entry.Refused,
                    Backoff = entry.Backoff,
                    RefreshCredentials = entry.RefreshCredentials,
                };
            }

            var sections = new SectionModel[r.ReadInt32()];
            for (int i = 0; i < sections.Length; i++)
            {
                sections[i] = new SectionModel(r.ReadString(), ReadList(r), ReadOptional(r), ReadText(r), ReadList(r), ReadOptional(r));
            }

            var errors = new ErrorCodeModel[r.ReadInt32()];
            for (int i = 0; i < errors.Length; i++)
            {
                string code = r.ReadString();
                bool isNumeric = r.ReadBoolean();
                long enumValue = r.ReadInt64();
                string name = r.ReadString();
                string memberName = r.ReadString();
                int http = r.ReadInt32();
                string? category = ReadOptional(r);
                string? message = ReadOptional(r);
                string? docs = ReadOptional(r);
                EquatableArray<string> endpoints = ReadList(r);
                EquatableArray<string> phases = ReadList(r);
                bool endpointsFromSection = r.ReadBoolean();
                Entry entry = ReadEntry(r);
                errors[i] = new ErrorCodeModel(
                    code, isNumeric, enumValue, name, memberName, http < 0 ? null : http, entry.IsRetryable, entry.Retry, entry.RetryAfterMilliseconds, entry.ExceptionGroup,
                    category, message, entry.Summary, entry.Remediation, docs, endpoints, phases, entry.Inferred, entry.Note)
                {
                    Refused = entry.Refused,
                    Backoff = entry.Backoff,
                    RefreshCredentials = entry.RefreshCredentials,
                    EndpointsFromSection = endpointsFromSection,
                };
            }

            var families = new CodeFamilyModel[r.ReadInt32()];
            for (int i = 0; i < families.Length; i++)
            {
                string name = r.ReadString();
                EquatableArray<string> prefixes = ReadList(r);
                EquatableArray<string> suffixes = ReadList(r);
                EquatableArray<string> contains = ReadList(r);
                bool ignoreCase = r.ReadBoolean();
                string source = r.ReadString();
                Entry entry = ReadEntry(r);
                families[i] = new CodeFamilyModel(
                    name, prefixes, suffixes, contains, ignoreCase, source, entry.IsRetryable, entry.Retry, entry.RetryAfterMilliseconds, entry.ExceptionGroup,
                    entry.Summary, entry.Remediation, entry.Inferred, entry.Note)
                {
                    Refused = entry.Refused,
                    Backoff = entry.Backoff,
                    RefreshCredentials = entry.RefreshCredentials,
                };
            }

            var model = new CatalogModel(file.Path, provider, new EquatableArray<ExceptionGroupModel>(groups), new EquatableArray<StatusRuleModel>(statuses), new EquatableArray<ErrorCodeModel>(errors), enumIsLong)
            {
                TransportRules = new EquatableArray<TransportRuleModel>(transport),
                Sections = new EquatableArray<SectionModel>(sections),
                Families = families.Length == 0 ? EquatableArray<CodeFamilyModel>.Empty : new EquatableArray<CodeFamilyModel>(families),
            };
            return new CatalogParseResult(file.Path, model, EquatableArray<DiagnosticInfo>.Empty, providerNameLocation)
            {
                NamespaceOverride = file.NamespaceOverride,
                AccessibilityOverride = file.AccessibilityOverride,
            };
        }

        private static void WriteEntry(BinaryWriter w, CatalogEntryModel e)
        {
            w.Write(e.IsRetryable);
            w.Write((int)e.Retry);
            w.Write(e.RetryAfterMilliseconds.HasValue);
            w.Write(e.RetryAfterMilliseconds ?? 0);
            WriteOptional(w, e.ExceptionGroup);
            WriteText(w, e.Summary);
            WriteText(w, e.Remediation);
            WriteList(w, e.Inferred);
            WriteOptional(w, e.Note);
            w.Write(e.Refused);
            WriteBackoff(w, e.Backoff);
            w.Write(e.RefreshCredentials);
        }

        private static void WriteBackoff(BinaryWriter w, BackoffModel? b)
        {
            w.Write(b != null);
            if (b is null)
            {
                return;
            }

            w.Write(b.BaseMilliseconds ?? -1);
            w.Write(b.CapMilliseconds ?? -1);
            w.Write(b.Jitter ?? -1);
            w.Write(b.Attempts ?? -1);
            WriteList(w, b.Inferred);
            WriteOptional(w, b.Note);
        }

        private static BackoffModel? ReadBackoff(BinaryReader r)
        {
            if (!r.ReadBoolean())
            {
                return null;
            }

            long baseMs = r.ReadInt64(), capMs = r.ReadInt64();
            double jitter = r.ReadDouble();
            int attempts = r.ReadInt32();
            return new BackoffModel(baseMs < 0 ? null : baseMs, capMs < 0 ? null : capMs, jitter < 0 ? null : jitter, attempts < 0 ? null : attempts)
            {
                Inferred = ReadList(r),
                Note = ReadOptional(r),
            };
        }

        private static void WriteSupport(BinaryWriter w, SupportModel? support)
        {
            w.Write(support != null);
            if (support is null)
            {
                return;
            }

            w.Write(support.Contact);
            WriteList(w, support.Send);
            w.Write(support.PlainText);
            WriteList(w, support.Inferred);
            WriteOptional(w, support.Note);
        }

        private static SupportModel? ReadSupport(BinaryReader r)
            => r.ReadBoolean() ? new SupportModel(r.ReadString(), ReadList(r), r.ReadString(), ReadList(r), ReadOptional(r)) : null;

        private static Entry ReadEntry(BinaryReader r)
        {
            bool retryable = r.ReadBoolean();
            var retry = (RetryKind)r.ReadInt32();
            bool hasWait = r.ReadBoolean();
            long wait = r.ReadInt64();
            return new Entry(retryable, retry, hasWait ? wait : null, ReadOptional(r), ReadText(r), ReadText(r), ReadList(r), ReadOptional(r), r.ReadBoolean(), ReadBackoff(r), r.ReadBoolean());
        }

        private static void WriteText(BinaryWriter w, RenderedText text)
        {
            w.Write(text.Markdown);
            w.Write(text.PlainText);
            w.Write(text.XmlDoc);
        }

        private static RenderedText ReadText(BinaryReader r)
        {
            string markdown = r.ReadString();
            string plain = r.ReadString();
            string xml = r.ReadString();
            return markdown.Length == 0 && plain.Length == 0 && xml.Length == 0 ? RenderedText.Empty : new RenderedText(markdown, plain, xml);
        }

        private static void WriteOptional(BinaryWriter w, string? value)
        {
            w.Write(value != null);
            if (value != null)
            {
                w.Write(value);
            }
        }

        private static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

        private static void WriteList(BinaryWriter w, EquatableArray<string> items)
        {
            w.Write(items.Count);
            foreach (string item in items)
            {
                w.Write(item);
            }
        }

        private static EquatableArray<string> ReadList(BinaryReader r)
        {
            int count = r.ReadInt32();
            if (count == 0)
            {
                return EquatableArray<string>.Empty;
            }

            var items = new string[count];
            for (int i = 0; i < count; i++)
            {
                items[i] = r.ReadString();
            }

            return new EquatableArray<string>(items);
        }

        private readonly struct Entry
        {
            public Entry(bool isRetryable, RetryKind retry, long? retryAfterMilliseconds, string? exceptionGroup, RenderedText summary, RenderedText remediation, EquatableArray<string> inferred, string? note, bool refused, BackoffModel? backoff, bool refreshCredentials)
            {
                Backoff = backoff;
                RefreshCredentials = refreshCredentials;
                IsRetryable = isRetryable;
                Retry = retry;
                RetryAfterMilliseconds = retryAfterMilliseconds;
                ExceptionGroup = exceptionGroup;
                Summary = summary;
                Remediation = remediation;
                Inferred = inferred;
                Note = note;
                Refused = refused;
            }

            public bool IsRetryable { get; }

            public bool RefreshCredentials { get; }

            public RetryKind Retry { get; }

            public long? RetryAfterMilliseconds { get; }

            public string? ExceptionGroup { get; }

            public RenderedText Summary { get; }

            public RenderedText Remediation { get; }

            public EquatableArray<string> Inferred { get; }

            public string? Note { get; }

            public bool Refused { get; }

            public BackoffModel? Backoff { get; }
        }
    }
}

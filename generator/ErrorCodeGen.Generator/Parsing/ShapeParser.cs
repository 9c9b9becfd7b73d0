using System;
using System.Collections.Generic;
using ErrorCodeGen.Formats;
using ErrorCodeGen.Generator.Diagnostics;
using ErrorCodeGen.Generator.Model;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>
    /// Reads <c>provider.shape</c> and <c>provider.request_id_headers</c>: validated with the runtime's own pointer syntax
    /// and layout rules (<see cref="JsonPointerSyntax"/>, <see cref="ShapeLayout"/>, linked), so that a shape the generator
    /// accepts is one the runtime can compile. Every problem is reported at its node, with a fix.
    /// </summary>
    internal static class ShapeParser
    {
        private const string ErrorKey = "error";

        /// <summary>
        /// Every request-id header is a header name (RFC 9110 field-name: letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>,
        /// surrounding spaces ignored as the runtime ignores them): a blank one would make the generated shape fail to
        /// build at run time, and one with other characters could never match.
        /// </summary>
        private static bool CheckHeaderNames(YamlNodeBase? node, ParseContext context)
        {
            var items = node switch
            {
                YamlSequence sequence => sequence.Items,
                YamlScalarNode { IsNull: false } single => new List<YamlNodeBase> { single },
                _ => new List<YamlNodeBase>(),
            };
            bool ok = true;
            foreach (YamlNodeBase item in items)
            {
                if (item is YamlScalarNode { IsNull: false } name && !IsHeaderName(name.Value.Trim()))
                {
                    string why = name.Value.Trim().Length == 0 ? "a header name is empty" : "a header name has only letters, digits and !#$%&'*+-.^_`|~";
                    context.Report(DiagnosticDescriptors.InvalidValue, name, name.Value, "request_id_headers", why + ", such as X-Request-Id");
                    ok = false;
                }
            }

            return ok;
        }

        private static bool IsHeaderName(string name)
        {
            if (name.Length == 0)
            {
                return false;
            }

            foreach (char c in name)
            {
                bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
                if (!token)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The shape of a json or problem catalog (null for a built-in format); <paramref name="failed"/> when it cannot be right.</summary>
        public static ShapeModel? Read(MappingReader provider, string? format, ParseContext context, out bool failed)
        {
            failed = false;
            YamlNodeBase? shapeNode = provider.ValueNode("shape");
            if (shapeNode is YamlScalarNode { IsNull: true })
            {
                shapeNode = null;
            }

            YamlScalarNode? shapeKey = provider.KeyNode("shape");
            EquatableArray<string> headers = provider.StringList("request_id_headers");
            if (format is null)
            {
                return null;
            }

            bool declared = Array.IndexOf(WireFormatNames.ShapeFormats, format) >= 0;
            if (!declared)
            {
                const string Fix = "the built-in formats are preset shapes (docs/catalog-schema.md, \"Presets\"); remove it, or write format: json and declare the whole shape";
                if (shapeNode != null)
                {
                    context.Report(DiagnosticDescriptors.ShapeNotAllowed, shapeKey!, "shape", format, Fix);
                    failed = true;
                }

                if (provider.KeyNode("request_id_headers") is { } headersKey)
                {
                    context.Report(DiagnosticDescriptors.ShapeNotAllowed, headersKey, "request_id_headers", format, Fix);
                    failed = true;
                }

                return null;
            }

            failed |= !CheckHeaderNames(provider.ValueNode("request_id_headers"), context);
            bool problem = format == "problem";
            if (shapeNode is null)
            {
                if (!problem)
                {
                    context.Report(DiagnosticDescriptors.ShapeRequired, provider.ValueNode("format")!, string.Join(", ", BuiltIns()));
                    failed = true;
                    return null;
                }

                return new ShapeModel(EquatableArray<ShapeKeyModel>.Empty, headers);
            }

            if (shapeNode is not YamlMapping mapping)
            {
                context.Report(DiagnosticDescriptors.WrongType, shapeNode, "shape", "a mapping of pointers (error, code, message, ...)", shapeNode.KindName);
                failed = true;
                return null;
            }

            var keys = new List<ShapeKeyModel>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            List<string>? locations = null;
            List<string>? failing = null;
            var pointers = new List<LayoutPointer>();
            foreach (KeyValuePair<YamlNodeBase, YamlNodeBase> entry in mapping.Entries)
            {
                if (entry.Key is not YamlScalarNode key)
                {
                    context.Report(DiagnosticDescriptors.WrongType, entry.Key, "key in provider.shape", "a plain name", entry.Key.KindName);
                    failed = true;
                    continue;
                }

                if (!seen.Add(key.Value))
                {
                    context.Report(DiagnosticDescriptors.DuplicateKey, key, key.Value, FirstLine(mapping, key.Value));
                    failed = true;
                    continue;
                }

                if (key.Value == ShapeLayout.FailingStatusKey)
                {
                    failing = ReadFailingStatus(entry.Value, context);
                    if (failing is null)
                    {
                        failed = true;
                    }
                    else
                    {
                        keys.Add(new ShapeKeyModel(key.Value, new EquatableArray<string>(failing.ToArray())));
                    }

                    continue;
                }

                if (Array.IndexOf(ShapeLayout.Keys, key.Value) < 0)
                {
                    string[] known = s_allKeys;
                    string? suggestion = MappingReader.Closest(key.Value, known);
                    context.Report(DiagnosticDescriptors.UnknownShapeKey, key, key.Value, suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)", string.Join(", ", known));
                    failed = true;
                    continue;
                }

                if (problem && key.Value == ErrorKey)
                {
                    context.Report(DiagnosticDescriptors.ShapeNotAllowed, key, "shape.error", format, "problem details are read from the root; remove error, or use format: json");
                    failed = true;
                    continue;
                }

                List<string>? list = ReadPointers(key.Value, entry.Value, context);
                if (list is null)
                {
                    failed = true;
                    continue;
                }

                keys.Add(new ShapeKeyModel(key.Value, new EquatableArray<string>(list.ToArray())));
                if (key.Value == ErrorKey)
                {
                    locations = list;
                }
                else
                {
                    ShapeField field = ShapeLayout.FieldOf(key.Value)!.Value;
                    for (int i = 0; i < list.Count; i++)
                    {
                        pointers.Add(new LayoutPointer(field, list[i], i, alsoExtra: false));
                    }
                }
            }

            if (failed)
            {
                return null;
            }

            // A status and the values that mean failure go together (the runtime's own rule, at the shape key).
            bool hasStatus = seen.Contains("status");
            if (hasStatus != (failing != null))
            {
                context.Report(
                    DiagnosticDescriptors.ShapeKeyMissing,
                    shapeKey!,
                    hasStatus ? ShapeLayout.FailingStatusKey : "status",
                    hasStatus
                        ? "add failing_status: [failed], the values of status that mean failure (compared ignoring case)"
                        : "add status: /status, the pointer from each error object to its status member");
                return null;
            }

            if (!problem)
            {
                if (locations is null)
                {
                    context.Report(DiagnosticDescriptors.ShapeKeyMissing, shapeKey!, ErrorKey, "add error: /error, the pointer from the root to the error object or to an array of them (\"\" when the whole body is the error)");
                    failed = true;
                }

                if (!seen.Contains("code"))
                {
                    context.Report(DiagnosticDescriptors.ShapeKeyMissing, shapeKey!, "code", "add code: /code, the pointer from each error object to its code (or a list such as [/code, /type]: the first present, non-null value wins)");
                    failed = true;
                }

                if (failed)
                {
                    return null;
                }
            }
            else
            {
                // The problem preset, with the keys given replacing its own.
                locations = new List<string> { string.Empty };
                foreach (LayoutPointer preset in ShapeLayout.ProblemPointers())
                {
                    if (!seen.Contains(ShapeLayout.KeyOf(preset.Field)))
                    {
                        pointers.Add(preset);
                    }
                }
            }

            if (ShapeLayout.Build(locations!, pointers, out _, out string? conflict) is null)
            {
                context.Report(DiagnosticDescriptors.ShapeConflict, shapeKey!, conflict);
                failed = true;
                return null;
            }

            // Keys in the order of AllKeys, so that the emitted definition reads the same whatever the YAML order.
            string[] order = s_allKeys;
            keys.Sort((a, b) => Array.IndexOf(order, a.Key).CompareTo(Array.IndexOf(order, b.Key)));
            return new ShapeModel(new EquatableArray<ShapeKeyModel>(keys.ToArray()), headers);
        }

        /// <summary>The items of a list, or the one value that is not a list.</summary>
        private static List<YamlNodeBase> ItemsOf(YamlNodeBase value)
            => value is YamlSequence sequence ? new List<YamlNodeBase>(sequence.Items) : new List<YamlNodeBase> { value };

        /// <summary>The keys of <c>provider.shape</c>: the pointer keys, then <c>failing_status</c>.</summary>
        private static readonly string[] s_allKeys = AllKeys();

        private static string[] AllKeys()
        {
            var all = new string[ShapeLayout.Keys.Length + 1];
            ShapeLayout.Keys.CopyTo(all, 0);
            all[all.Length - 1] = ShapeLayout.FailingStatusKey;
            return all;
        }

        /// <summary>The values of <c>failing_status</c> (one or a list), each checked at its own node; null when any is wrong.</summary>
        private static List<string>? ReadFailingStatus(YamlNodeBase value, ParseContext context)
        {
            const string Key = ShapeLayout.FailingStatusKey;
            List<YamlNodeBase> nodes = ItemsOf(value);

            if (nodes.Count == 0 || nodes.Count > ShapeLayout.MaxAlternatives)
            {
                string why = nodes.Count == 0 ? "the list is empty; give the values that mean failure, such as [failed, error]" : "at most " + ShapeLayout.MaxAlternatives + " values";
                context.Report(DiagnosticDescriptors.InvalidValue, value, nodes.Count == 0 ? "[]" : "[...]", Key, why);
                return null;
            }

            var list = new List<string>();
            bool ok = true;
            foreach (YamlNodeBase node in nodes)
            {
                if (node is not YamlScalarNode scalar || scalar.IsNull)
                {
                    context.Report(DiagnosticDescriptors.WrongType, node, Key, "a status text such as failed, or a list of them", node.KindName);
                    ok = false;
                    continue;
                }

                string? problem = ShapeLayout.StatusValueProblem(scalar.Value);
                if (problem != null)
                {
                    context.Report(DiagnosticDescriptors.InvalidValue, scalar, scalar.Value, Key, problem);
                    ok = false;
                    continue;
                }

                list.Add(scalar.Value);
            }

            return ok ? list : null;
        }

        /// <summary>A pointer or a list of them, each checked against RFC 6901 at its own node; null when any is wrong.</summary>
        private static List<string>? ReadPointers(string key, YamlNodeBase value, ParseContext context)
        {
            List<YamlNodeBase> nodes = ItemsOf(value);
            if (nodes.Count == 0)
            {
                context.Report(DiagnosticDescriptors.InvalidShapePointer, value, key, "the list is empty; give one pointer, such as /" + (key == ErrorKey ? "error" : key));
                return null;
            }

            var list = new List<string>();
            bool ok = true;
            foreach (YamlNodeBase node in nodes)
            {
                if (node is not YamlScalarNode scalar || scalar.IsNull)
                {
                    string kind = node.KindName;
                    context.Report(DiagnosticDescriptors.InvalidShapePointer, node, key, "expected a pointer such as /" + (key == ErrorKey ? "error" : key) + " (quote \"\" for the whole body), found " + kind);
                    ok = false;
                    continue;
                }

                if (!JsonPointerSyntax.TryParse(scalar.Value, out _, out string? problem))
                {
                    context.Report(DiagnosticDescriptors.InvalidShapePointer, scalar, key, problem);
                    ok = false;
                    continue;
                }

                list.Add(scalar.Value);
            }

            return ok ? list : null;
        }

        private static long FirstLine(YamlMapping mapping, string key)
        {
            foreach (KeyValuePair<YamlNodeBase, YamlNodeBase> entry in mapping.Entries)
            {
                if (entry.Key is YamlScalarNode s && s.Value == key)
                {
                    return s.Start.Line;
                }
            }

            return 0;
        }

        private static IEnumerable<string> BuiltIns()
        {
            foreach (string name in WireFormatNames.CatalogNames)
            {
                if (Array.IndexOf(WireFormatNames.ShapeFormats, name) < 0)
                {
                    yield return name;
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using ErrorCodeGen.Generator.Diagnostics;
using ErrorCodeGen.Generator.Model;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>
    /// Typed, diagnosing access to one YAML mapping: duplicate and unknown keys are reported once, and every
    /// getter reports a wrong type at the offending node and returns null, so parsing always goes on.
    /// </summary>
    internal sealed class MappingReader
    {
        private readonly ParseContext _context;
        private readonly Dictionary<string, KeyValuePair<YamlScalarNode, YamlNodeBase>> _entries = new Dictionary<string, KeyValuePair<YamlScalarNode, YamlNodeBase>>(StringComparer.Ordinal);

        public MappingReader(ParseContext context, YamlMapping mapping, string what, string[] knownKeys)
        {
            _context = context;
            Node = mapping;
            What = what;
            foreach (var entry in mapping.Entries)
            {
                if (entry.Key is not YamlScalarNode key)
                {
                    context.Report(DiagnosticDescriptors.WrongType, entry.Key, "key in " + what, "a plain name", entry.Key.KindName);
                    continue;
                }

                if (_entries.TryGetValue(key.Value, out var first))
                {
                    context.Report(DiagnosticDescriptors.DuplicateKey, key, key.Value, first.Key.Start.Line);
                    continue;
                }

                _entries.Add(key.Value, new KeyValuePair<YamlScalarNode, YamlNodeBase>(key, entry.Value));
                if (Array.IndexOf(knownKeys, key.Value) < 0)
                {
                    string? suggestion = Closest(key.Value, knownKeys);
                    context.Report(DiagnosticDescriptors.UnknownKey, key, key.Value, what, suggestion is null ? string.Empty : ": did you mean '" + suggestion + "'?");
                }
            }
        }

        public YamlMapping Node { get; }

        public string What { get; }

        public bool Has(string key) => TryGet(key, out _);

        public YamlNodeBase? ValueNode(string key) => TryGet(key, out var value) ? value : null;

        public YamlScalarNode? KeyNode(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key : null;

        public string? String(string key, bool required)
        {
            if (!TryGet(key, out YamlNodeBase? node))
            {
                ReportMissing(key, required);
                return null;
            }

            if (node is not YamlScalarNode scalar)
            {
                _context.Report(DiagnosticDescriptors.WrongType, node!, key, "text", node!.KindName);
                return null;
            }

            if (required && scalar.Value.Trim().Length == 0)
            {
                _context.Report(DiagnosticDescriptors.InvalidValue, scalar, scalar.Value, key, "it must not be empty");
                return null;
            }

            return scalar.Value;
        }

        public bool? Bool(string key, bool required)
        {
            if (!TryGet(key, out YamlNodeBase? node))
            {
                ReportMissing(key, required);
                return null;
            }

            if (node is YamlScalarNode scalar && scalar.IsPlain)
            {
                switch (scalar.Value)
                {
                    case "true":
                    case "True":
                    case "TRUE":
                        return true;
                    case "false":
                    case "False":
                    case "FALSE":
                        return false;
                }
            }

            _context.Report(DiagnosticDescriptors.WrongType, node!, key, "true or false (unquoted)", Shown(node!));
            return null;
        }

        public int? Int(string key, bool required)
        {
            if (!TryGet(key, out YamlNodeBase? node))
            {
                ReportMissing(key, required);
                return null;
            }

            if (node is YamlScalarNode scalar && scalar.IsPlain && ScalarSyntax.IsInteger(scalar.Value.Trim(), allowPlus: true)
                && int.TryParse(scalar.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            {
                return value;
            }

            _context.Report(DiagnosticDescriptors.WrongType, node!, key, "a whole number (unquoted)", Shown(node!));
            return null;
        }

        /// <summary>A duration: <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, or a plain number of seconds. Returns milliseconds.</summary>
        public long? Duration(string key)
        {
            if (!TryGet(key, out YamlNodeBase? node))
            {
                return null;
            }

            if (node is YamlScalarNode scalar)
            {
                if (ScalarSyntax.TryMatchDuration(scalar.Value, out string number, out string? written)
                    && double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n))
                {
                    string unit = written != null ? written.ToLowerInvariant() : "s";
                    double ms = unit switch
                    {
                        "ms" => n,
                        "m" or "min" => n * 60_000,
                        "h" => n * 3_600_000,
                        _ => n * 1000,
                    };

                    if (ms <= 365d * 24 * 3_600_000)
                    {
                        return (long)Math.Round(ms);
                    }

                    _context.Report(DiagnosticDescriptors.InvalidValue, scalar, scalar.Value, key, "a wait may be at most 365 days");
                    return null;
                }

                _context.Report(DiagnosticDescriptors.InvalidValue, scalar, scalar.Value, key, "write a duration such as 500ms, 5s, 2m or 1h");
                return null;
            }

            _context.Report(DiagnosticDescriptors.WrongType, node!, key, "a duration such as 5s", node!.KindName);
            return null;
        }

        /// <summary>A list of strings; a single scalar counts as a one-item list.</summary>
        public EquatableArray<string> StringList(string key)
        {
            if (!TryGet(key, out YamlNodeBase? node))
            {
                return EquatableArray<string>.Empty;
            }

            switch (node)
            {
                case YamlScalarNode single:
                    return single.IsNull ? EquatableArray<string>.Empty : new EquatableArray<string>(new[] { single.Value });
                case YamlSequence sequence:
                    var items = new List<string>(sequence.Items.Count);
                    foreach (YamlNodeBase item in sequence.Items)
                    {
                        if (item is YamlScalarNode s && !s.IsNull)
                        {
                            items.Add(s.Value);
                        }
                        else
                        {
                            _context.Report(DiagnosticDescriptors.WrongType, item, key + " item", "text", item.KindName);
                        }
                    }

                    return new EquatableArray<string>(items.ToArray());
                default:
                    _context.Report(DiagnosticDescriptors.WrongType, node!, key, "a list of text", node!.KindName);
                    return EquatableArray<string>.Empty;
            }
        }

        public YamlSequence? Sequence(string key, bool required)
        {
            if (!TryGet(key, out YamlNodeBase? node))
            {
                ReportMissing(key, required);
                return null;
            }

            if (node is YamlSequence sequence)
            {
                return sequence;
            }

            _context.Report(DiagnosticDescriptors.WrongType, node!, key, "a list", node!.KindName);
            return null;
        }

        /// <summary>The mapping under <paramref name="key"/>, or null (reported when required or of another type; <paramref name="expected"/> says what it must be).</summary>
        public YamlMapping? Mapping(string key, bool required, string expected = "a mapping")
        {
            if (!TryGet(key, out YamlNodeBase? node))
            {
                ReportMissing(key, required);
                return null;
            }

            if (node is YamlMapping mapping)
            {
                return mapping;
            }

            _context.Report(DiagnosticDescriptors.WrongType, node!, key, expected, node!.KindName);
            return null;
        }

        private bool TryGet(string key, out YamlNodeBase? value)
        {
            if (_entries.TryGetValue(key, out var entry) && !(entry.Value is YamlScalarNode s && s.IsNull))
            {
                value = entry.Value;
                if (value is YamlAliasNode)
                {
                    // Already reported as ECG0015 where it stands.
                    value = null;
                    return false;
                }

                return true;
            }

            value = null;
            return false;
        }

        private void ReportMissing(string key, bool required)
        {
            if (required)
            {
                // Point at the key if it is there with a null value, else at the mapping's start.
                YamlNodeBase at = _entries.TryGetValue(key, out var entry) ? entry.Key : (YamlNodeBase)new YamlScalarNode(Node.Start, Node.Start, string.Empty, YamlDotNet.Core.ScalarStyle.Plain, null);
                _context.Report(DiagnosticDescriptors.MissingField, at, char.ToUpperInvariant(What[0]) + What.Substring(1), key);
            }
        }

        private static string Shown(YamlNodeBase node) => node is YamlScalarNode s ? s.Value : node.KindName;

        internal static string? Closest(string key, string[] knownKeys)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string known in knownKeys)
            {
                int d = Distance(key.ToLowerInvariant(), known);
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = known;
                }
            }

            return bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
        }

        private static int Distance(string a, string b)
        {
            if (a.Length > 64 || b.Length > 64)
            {
                return int.MaxValue;
            }

            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>Builds a <see cref="YamlNodeBase"/> tree from YamlDotNet's events, iteratively and within limits.</summary>
    internal static class YamlTreeBuilder
    {
        public const int MaxDepth = 64;
        public const int MaxNodes = 4_000_000;

        internal sealed class Frame
        {
            public Frame(ParsingEvent start, bool isMapping)
            {
                StartEvent = start;
                IsMapping = isMapping;
            }

            public ParsingEvent StartEvent { get; }

            public bool IsMapping { get; }

            public List<YamlNodeBase> Items { get; } = new List<YamlNodeBase>();
        }

        /// <summary>The first document's root, or null for an empty file. Throws only <see cref="YamlException"/> (syntax) and <see cref="CatalogLimitException"/>.</summary>
        public static YamlNodeBase? Build(string text, List<YamlAliasNode> aliases, CancellationToken cancellationToken, out Mark? secondDocument)
        {
            secondDocument = null;
            var parser = new Parser(new StringReader(text));
            var stack = new Stack<Frame>();
            YamlNodeBase? root = null;
            bool rootDone = false;
            int nodes = 0;

            Mark last = Mark.Empty;
            while (NextEvent(parser, last))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ParsingEvent? e = parser.Current;
                last = e?.End ?? last;
                switch (e)
                {
                    case DocumentStart:
                        if (rootDone)
                        {
                            secondDocument = e.Start;
                            return root;
                        }

                        break;
                    case DocumentEnd:
                        rootDone = true;
                        break;
                    case MappingStart:
                    case SequenceStart:
                        if (stack.Count >= MaxDepth)
                        {
                            throw new CatalogLimitException("nesting is deeper than " + MaxDepth + " levels", e.Start, e.End);
                        }

                        stack.Push(new Frame(e, e is MappingStart));
                        break;
                    case MappingEnd:
                    case SequenceEnd:
                        {
                            Frame frame = stack.Pop();
                            YamlNodeBase node = frame.IsMapping
                                ? new YamlMapping(frame.StartEvent.Start, e.End, Pair(frame.Items))
                                : new YamlSequence(frame.StartEvent.Start, e.End, frame.Items);
                            Add(node);
                            break;
                        }

                    case Scalar s:
                        Add(new YamlScalarNode(s.Start, s.End, s.Value, s.Style, s.Tag.IsEmpty ? null : s.Tag.Value));
                        break;
                    case AnchorAlias a:
                        var alias = new YamlAliasNode(a.Start, a.End, a.Value.Value);
                        aliases.Add(alias);
                        Add(alias);
                        break;
                }

                bool isNode = e is MappingStart || e is SequenceStart || e is Scalar || e is AnchorAlias;
                if (isNode && ++nodes > MaxNodes)
                {
                    throw new CatalogLimitException("more than " + MaxNodes + " YAML nodes", e!.Start, e.End);
                }
            }

            return root;

            void Add(YamlNodeBase node)
            {
                if (stack.Count == 0)
                {
                    root = node;
                }
                else
                {
                    stack.Peek().Items.Add(node);
                }
            }
        }

        /// <summary>
        /// YamlDotNet reports bad YAML as <see cref="YamlException"/>, but a few malformed inputs (found by the
        /// malformed-catalog corpus test) make its scanner fail an internal check with
        /// <see cref="InvalidOperationException"/> ("The scanner should contain no more tokens"). That is still bad
        /// YAML, so it is reported as such, at the last position the parser reached.
        /// </summary>
        private static bool NextEvent(Parser parser, Mark last)
        {
            try
            {
                return parser.MoveNext();
            }
            catch (InvalidOperationException ex)
            {
                throw new YamlException(last, last, "the YAML cannot be parsed after this point (" + ex.Message + ")");
            }
        }

        private static List<KeyValuePair<YamlNodeBase, YamlNodeBase>> Pair(List<YamlNodeBase> items)
        {
            var entries = new List<KeyValuePair<YamlNodeBase, YamlNodeBase>>(items.Count / 2);
            for (int i = 0; i + 1 < items.Count; i += 2)
            {
                entries.Add(new KeyValuePair<YamlNodeBase, YamlNodeBase>(items[i], items[i + 1]));
            }

            return entries;
        }
    }

    /// <summary>A catalog went past one of the parser's limits.</summary>
    internal sealed class CatalogLimitException : Exception
    {
        public CatalogLimitException(string what, Mark start, Mark end)
            : base(what)
        {
            Start = start;
            End = end;
        }

        public Mark Start { get; }

        public Mark End { get; }
    }
}

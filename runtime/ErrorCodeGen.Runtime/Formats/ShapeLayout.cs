using System;
using System.Collections.Generic;

namespace ErrorCodeGen.Formats
{
    /// <summary>What a shape pointer fills.</summary>
    internal enum ShapeField : byte
    {
        /// <summary>The error's code (<c>ApiError.Code</c>), bounded by the code length.</summary>
        Code,

        /// <summary><c>ApiError.Message</c>.</summary>
        Message,

        /// <summary><c>ApiError.Parameter</c>.</summary>
        Parameter,

        /// <summary><c>ApiError.TaskType</c>.</summary>
        TaskType,

        /// <summary><c>ApiError.TaskId</c>.</summary>
        TaskId,

        /// <summary><c>ApiError.DocumentationUrl</c>.</summary>
        Documentation,

        /// <summary><c>ApiError.Path</c>: an array of segments becomes dotted text.</summary>
        Path,

        /// <summary><c>ApiError.Details</c>: an array, an object of entries or a string.</summary>
        Details,

        /// <summary>The response's request id (from the root).</summary>
        RequestId,

        /// <summary>The response's wait in seconds (from the root).</summary>
        RetryAfter,

        /// <summary>
        /// A status member (<c>"status": "error"</c>, the catalog's <c>status</c>): no field of its own; a value among
        /// <c>ShapeSpec.FailingStatuses</c> makes its object an error (the root item, with <c>error: ""</c> or
        /// <c>ShapeSpec.RootFallback</c>, or an item of a conditional location).
        /// </summary>
        Status,
    }

    /// <summary>Where the error items of a shape may be, by the JSON type of the value at an error location.</summary>
    [Flags]
    internal enum ErrorLocationKinds
    {
        None = 0,

        /// <summary>An object: one error item.</summary>
        Object = 1,

        /// <summary>An array: one item per element (an object is an item, a scalar its message).</summary>
        Array = 2,

        /// <summary>A string: one item with that message (<c>{"detail": "Not Found"}</c>).</summary>
        String = 4,

        All = Object | Array | String,

        /// <summary>
        /// <c>true</c>: a flag that the body is a failure (Runware's legacy <c>{"error": true, "errorId", "errorMessage"}</c>);
        /// with <c>ShapeSpec.RootFallback</c> the root's own fields are the error. Never part of <see cref="All"/>.
        /// </summary>
        True = 8,
    }

    /// <summary>One pointer given to <c>ShapeLayout.Build</c>.</summary>
    internal readonly struct LayoutPointer
    {
        public LayoutPointer(ShapeField field, string pointer, int rank, bool alsoExtra)
        {
            Field = field;
            Pointer = pointer;
            Rank = rank;
            AlsoExtra = alsoExtra;
        }

        public ShapeField Field { get; }

        public string Pointer { get; }

        public int Rank { get; }

        public bool AlsoExtra { get; }

        public bool FromRoot => Field == ShapeField.RequestId || Field == ShapeField.RetryAfter;
    }

    /// <summary>One member name at one level of a laid-out shape.</summary>
    internal sealed class LayoutEntry
    {
        public LayoutEntry(string name)
        {
            Name = name;
        }

        public string Name { get; }

        /// <summary>The fields the member's value fills, with their ranks.</summary>
        public List<KeyValuePair<ShapeField, int>> Actions { get; } = new List<KeyValuePair<ShapeField, int>>();

        public LayoutNode? Child { get; set; }

        public bool IsLocation { get; set; }

        /// <summary>For an error location: the JSON types it accepts (set by the runtime's compiler).</summary>
        public ErrorLocationKinds Kinds { get; set; } = ErrorLocationKinds.All;

        /// <summary>For an error location: whether its objects are errors only when they say so (a preset's condition).</summary>
        public bool IsConditional { get; set; }

        public bool AlsoExtra { get; set; }

        public int SeenBit { get; set; }
    }

    /// <summary>One object level of a laid-out shape.</summary>
    internal sealed class LayoutNode
    {
        public LayoutNode(bool inItem, string? extraPrefix, bool noExtras = false)
        {
            InItem = inItem;
            ExtraPrefix = extraPrefix;
            NoExtras = noExtras;
        }

        public bool InItem { get; }

        /// <summary>Whether this level keeps no extra fields (the items of a conditional location, and what they contain).</summary>
        public bool NoExtras { get; }

        public string? ExtraPrefix { get; }

        public List<LayoutEntry> Entries { get; } = new List<LayoutEntry>();

        public LayoutEntry GetOrAdd(string name)
        {
            foreach (LayoutEntry e in Entries)
            {
                if (string.Equals(e.Name, name, StringComparison.Ordinal))
                {
                    return e;
                }
            }

            var entry = new LayoutEntry(name);
            Entries.Add(entry);
            return entry;
        }
    }

    /// <summary>
    /// Lays a shape's pointers out as a tree of member names, one level per object, and says why a shape cannot be right
    /// (a pointer that is not RFC 6901, locations that nest, a member read both as a value and as an object, ...). The
    /// runtime compiles the tree into its lookup tables (ShapeCompiler); this file is compiled into the generator as well
    /// (linked), so a catalog's shape is accepted by the generator exactly when the runtime can read it.
    /// </summary>
    internal static class ShapeLayout
    {
        /// <summary>At most this many objects to descend into per shape (one bit each in the reader's "seen" masks).</summary>
        public const int MaxObjects = 64;

        /// <summary>At most this many pointers for one field (a rank is four bits).</summary>
        public const int MaxAlternatives = 15;

        /// <summary>The catalog keys of <c>provider.shape</c>: <c>error</c>, then one per field, in the order of <see cref="ShapeField"/>.</summary>
        public static readonly string[] Keys =
        {
            "error", "code", "message", "parameter", "task_type", "task_id", "documentation", "path", "details", "request_id", "retry_after",
            "status",
        };

        /// <summary>The catalog key beside <c>status</c>: the values that mean failure (text, not pointers).</summary>
        public const string FailingStatusKey = "failing_status";

        /// <summary>The longest value of <see cref="FailingStatusKey"/> (a status is compared up to this length).</summary>
        public const int MaxStatusLength = 64;

        /// <summary>
        /// What is wrong with a status and the values that mean failure, or null: both or neither, at most
        /// <see cref="MaxAlternatives"/> values, each printable ASCII (compared ignoring case) without surrounding spaces.
        /// </summary>
        public static string? StatusProblem(bool hasStatus, IList<string> failing)
        {
            if (hasStatus && failing.Count == 0)
            {
                return FailingStatusKey + " is required with status: the values that mean failure, such as [failed, error]";
            }

            if (!hasStatus && failing.Count > 0)
            {
                return "status is required with " + FailingStatusKey + ": the pointer to the status member of each error object, such as /status";
            }

            if (failing.Count > MaxAlternatives)
            {
                return FailingStatusKey + ": at most " + MaxAlternatives + " values";
            }

            foreach (string value in failing)
            {
                string? why = StatusValueProblem(value);
                if (why != null)
                {
                    return FailingStatusKey + ": " + why;
                }
            }

            return null;
        }

        /// <summary>What is wrong with one value that means failure, or null.</summary>
        public static string? StatusValueProblem(string? value)
        {
            if (value is null || value.Trim().Length == 0)
            {
                return "a value is empty; give the status text, such as failed";
            }

            if (value.Length > MaxStatusLength)
            {
                return "'" + value.Substring(0, 16) + "…' is longer than " + MaxStatusLength + " characters";
            }

            if (value.Trim().Length != value.Length)
            {
                return "'" + value + "' has spaces around it; a status is compared as it is sent, ignoring case only";
            }

            foreach (char c in value)
            {
                if (c < ' ' || c > '~')
                {
                    return "'" + value + "' is not plain ASCII text (letters, digits, punctuation and spaces)";
                }
            }

            return null;
        }

        /// <summary>RFC 9457 problem details (the problem preset): the root is the error; <c>title</c> is also kept as an extra field.</summary>
        public static LayoutPointer[] ProblemPointers() => new[]
        {
            new LayoutPointer(ShapeField.Code, "/type", 0, alsoExtra: false),
            new LayoutPointer(ShapeField.Documentation, "/type", 0, alsoExtra: false),
            new LayoutPointer(ShapeField.Message, "/detail", 0, alsoExtra: false),
            new LayoutPointer(ShapeField.Message, "/title", 1, alsoExtra: true),
        };

        /// <summary>The number of <see cref="ShapeField"/> values.</summary>
        public const int FieldCount = (int)ShapeField.Status + 1;

        /// <summary>The catalog key of a field.</summary>
        public static string KeyOf(ShapeField field) => Keys[1 + (int)field];

        /// <summary>The field of a catalog key other than <c>error</c>, or null.</summary>
        public static ShapeField? FieldOf(string key)
        {
            int i = Array.IndexOf(Keys, key);
            return i >= 1 ? (ShapeField)(i - 1) : (ShapeField?)null;
        }

        public static LayoutNode? Build(IList<string> errorLocations, IList<LayoutPointer> pointers, out bool rootIsItem, out string? problem)
            => Build(errorLocations, pointers, out rootIsItem, out _, out problem);

        /// <summary>As the overload without it; <paramref name="seenBits"/> is the number of objects descended into so far (one "seen" bit each).</summary>
        public static LayoutNode? Build(IList<string> errorLocations, IList<LayoutPointer> pointers, out bool rootIsItem, out int seenBits, out string? problem)
        {
            rootIsItem = false;
            seenBits = 0;
            problem = null;
            if (errorLocations.Count == 0)
            {
                problem = "the shape has no error location; add error: /error (or \"\" when the error is the whole body)";
                return null;
            }

            var locations = new List<string[]>();
            foreach (string location in errorLocations)
            {
                if (!JsonPointerSyntax.TryParse(location, out string[] segments, out problem))
                {
                    problem = "error: " + problem;
                    return null;
                }

                rootIsItem |= segments.Length == 0;
                locations.Add(segments);
            }

            if (rootIsItem && locations.Count > 1)
            {
                problem = "error: \"\" (the whole body) cannot have alternatives; list either \"\" alone or member pointers";
                return null;
            }

            var root = new LayoutNode(inItem: rootIsItem, extraPrefix: null);
            var itemNodes = new List<LayoutNode>();
            if (rootIsItem)
            {
                itemNodes.Add(root);
            }
            else
            {
                foreach (string[] segments in locations)
                {
                    LayoutNode node = root;
                    for (int i = 0; i < segments.Length; i++)
                    {
                        LayoutEntry entry = node.GetOrAdd(segments[i]);
                        if (entry.IsLocation || (i == segments.Length - 1 && entry.Child != null))
                        {
                            problem = "error: '" + JsonPointerSyntax.Format(segments) + "' nests with another error location; list locations that do not nest";
                            return null;
                        }

                        if (i == segments.Length - 1)
                        {
                            entry.IsLocation = true;
                            entry.Child = new LayoutNode(inItem: true, extraPrefix: null);
                            itemNodes.Add(entry.Child);
                        }
                        else
                        {
                            node = Descend(entry, node, ref seenBits);
                        }
                    }
                }
            }

            var counts = new int[FieldCount];
            foreach (LayoutPointer pointer in pointers)
            {
                if (++counts[(int)pointer.Field] > MaxAlternatives || pointer.Rank >= MaxAlternatives)
                {
                    problem = KeyOf(pointer.Field) + ": at most " + MaxAlternatives + " pointers";
                    return null;
                }

                if (!JsonPointerSyntax.TryParse(pointer.Pointer, out string[] segments, out problem))
                {
                    problem = KeyOf(pointer.Field) + ": " + problem;
                    return null;
                }

                if (segments.Length == 0)
                {
                    problem = KeyOf(pointer.Field) + ": \"\" names the whole " + (pointer.FromRoot ? "body" : "error object") + ", not a member; write /name";
                    return null;
                }

                if (pointer.FromRoot)
                {
                    if (!Place(root, segments, pointer, ref seenBits, out problem))
                    {
                        return null;
                    }
                }
                else
                {
                    foreach (LayoutNode item in itemNodes)
                    {
                        if (!Place(item, segments, pointer, ref seenBits, out problem))
                        {
                            return null;
                        }
                    }
                }
            }

            if (seenBits > MaxObjects)
            {
                problem = "the shape descends into more than " + MaxObjects + " objects";
                return null;
            }

            return root;
        }

        internal static LayoutNode Descend(LayoutEntry entry, LayoutNode parent, ref int seenBits)
        {
            if (entry.Child is null)
            {
                string? prefix = parent.InItem ? parent.ExtraPrefix + entry.Name + "." : null;
                entry.Child = new LayoutNode(parent.InItem, prefix, parent.NoExtras);
                entry.SeenBit = seenBits++;
            }

            return entry.Child;
        }

        internal static bool Place(LayoutNode start, string[] segments, LayoutPointer pointer, ref int seenBits, out string? problem)
        {
            string text = KeyOf(pointer.Field) + ": '" + pointer.Pointer + "'";
            LayoutNode node = start;
            for (int i = 0; i < segments.Length - 1; i++)
            {
                LayoutEntry through = node.GetOrAdd(segments[i]);
                if (through.Actions.Count > 0)
                {
                    problem = text + " is inside a member another pointer reads as a value; point at one or the other";
                    return false;
                }

                // A root pointer through an error object reads in that object (cmfy.cloud's /error/retry_after).
                node = through.IsLocation ? through.Child! : Descend(through, node, ref seenBits);
            }

            LayoutEntry entry = node.GetOrAdd(segments[segments.Length - 1]);
            if (entry.IsLocation)
            {
                problem = text + " points at the error location itself; point at a member of it";
                return false;
            }

            if (entry.Child != null)
            {
                problem = text + " is a member other pointers descend into; point at one or the other";
                return false;
            }

            foreach (KeyValuePair<ShapeField, int> existing in entry.Actions)
            {
                if (existing.Key == pointer.Field)
                {
                    problem = text + " is listed twice; list it once";
                    return false;
                }

                if (!IsText(existing.Key) || !IsText(pointer.Field))
                {
                    problem = text + " is also read as " + KeyOf(existing.Key) + "; only text fields (code, message, parameter, documentation, task_type, task_id, request_id) can share a member";
                    return false;
                }
            }

            entry.Actions.Add(new KeyValuePair<ShapeField, int>(pointer.Field, pointer.Rank));
            entry.AlsoExtra |= pointer.AlsoExtra;
            problem = null;
            return true;
        }

        internal static bool IsText(ShapeField field)
            => field != ShapeField.Details && field != ShapeField.Path && field != ShapeField.RetryAfter;
    }
}

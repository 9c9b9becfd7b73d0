using System;
using System.Collections.Generic;

namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// An error location whose objects are errors only when they say so: a failing <c>status</c> (see
    /// <see cref="ShapeSpec.FailingStatuses"/>) or a code. Read beside the other locations (not instead of them), with its
    /// own pointers and no extra fields, so that the successful results next to a failed one cost no copies (Runware's
    /// per-task <c>data[]</c>, Lamatic's <c>data.executeWorkflow</c>).
    /// </summary>
    internal sealed class ShapeCondition
    {
        public ShapeCondition(string location, ErrorLocationKinds kinds)
        {
            Location = location;
            Kinds = kinds;
        }

        public string Location { get; }

        public ErrorLocationKinds Kinds { get; }

        public List<LayoutPointer> Pointers { get; } = new List<LayoutPointer>();

        public ShapeCondition Add(ShapeField field, int rank, params string[] pointers)
        {
            foreach (string pointer in pointers)
            {
                Pointers.Add(new LayoutPointer(field, pointer, rank, alsoExtra: false));
            }

            return this;
        }
    }

    /// <summary>
    /// The uncompiled description of a shape, which <see cref="ShapeCompiler"/> turns into a <see cref="ShapeFormat"/>.
    /// </summary>
    /// <remarks>
    /// Extension points (for new presets, see <see cref="ShapePresets"/>): several alternative error locations
    /// (<see cref="ErrorLocations"/>, the first non-null one in body order is read); which JSON types a location accepts
    /// (<see cref="LocationKinds"/>); several pointers per field with ranks (body order or declared priority); nested
    /// pointers (<c>/extensions/code</c>), whose objects' other members are kept as prefixed extra fields
    /// (<c>extensions.retryable</c>); root pointers through an error object (<c>/error/retry_after</c>); a member that is
    /// both read and kept (<see cref="LayoutPointer.AlsoExtra"/>). A new field is a member of <see cref="ShapeField"/>, a
    /// case in <see cref="ShapeFormat"/>'s assignment, and a key of <see cref="ErrorShapeDefinition"/>.
    /// </remarks>
    internal sealed class ShapeSpec
    {
        public ShapeSpec(string name, ErrorWireFormat format)
        {
            Name = name;
            Format = format;
        }

        public string Name { get; }

        public ErrorWireFormat Format { get; }

        /// <summary>Root pointers to the error object or array; <c>""</c> (alone) makes the root the one error item.</summary>
        public List<string> ErrorLocations { get; } = new List<string>();

        public ErrorLocationKinds LocationKinds { get; set; } = ErrorLocationKinds.All;

        public List<LayoutPointer> Pointers { get; } = new List<LayoutPointer>();

        /// <summary>Whether an item's members that no pointer names are kept as extra fields (raw JSON).</summary>
        public bool KeepExtras { get; set; } = true;

        /// <summary>
        /// Whether the root is read as an error item too when no location holds one: the item pointers also apply at the root,
        /// and the root is an error when it has a code, a failing status, or a location that holds <c>true</c> (a bare error
        /// item, <c>{"code", "message", "taskUUID"}</c>). When a location holds errors instead, the root's task type and task
        /// id fill the items that lack them (<c>{"error": {…}, "taskUUID"}</c>).
        /// </summary>
        public bool RootFallback { get; set; }

        /// <summary>With <see cref="RootFallback"/>: whether the root's unnamed members are kept as the root item's extra fields.</summary>
        public bool RootExtras { get; set; }

        /// <summary>
        /// With <see cref="RootFallback"/>: whether the root item is kept (its message, as RunComfy's) when it is no error and no
        /// location holds one; it is then no error payload.
        /// </summary>
        public bool RootKeptWithoutCode { get; set; }

        /// <summary>Per error location (by its pointer), the JSON types it accepts, where they differ from <see cref="LocationKinds"/>.</summary>
        public Dictionary<string, ErrorLocationKinds> KindsByLocation { get; } = new Dictionary<string, ErrorLocationKinds>();

        /// <summary>The values of a <see cref="ShapeField.Status"/> member that mean failure (compared ignoring case).</summary>
        public List<string> FailingStatuses { get; } = new List<string>();

        /// <summary>Locations whose objects are errors only when they say so (see <see cref="ShapeCondition"/>).</summary>
        public List<ShapeCondition> Conditions { get; } = new List<ShapeCondition>();

        /// <summary>Response headers that carry the request id, first listed first; empty for the default <c>X-Request-Id</c>.</summary>
        public List<string> RequestIdHeaders { get; } = new List<string>();

        public ShapeSpec Add(ShapeField field, int rank, params string[] pointers)
        {
            foreach (string pointer in pointers)
            {
                Pointers.Add(new LayoutPointer(field, pointer, rank, alsoExtra: false));
            }

            return this;
        }

        /// <summary>Adds <paramref name="pointers"/> for <paramref name="field"/>, ranked by their position (first wins).</summary>
        public ShapeSpec AddListed(ShapeField field, IEnumerable<string> pointers, bool alsoExtra = false)
        {
            int rank = 0;
            foreach (string pointer in pointers)
            {
                Pointers.Add(new LayoutPointer(field, pointer, rank++, alsoExtra));
            }

            return this;
        }

        public ShapeSpec Remove(ShapeField field)
        {
            Pointers.RemoveAll(p => p.Field == field);
            return this;
        }

        public IReadOnlyList<string> PointersOf(ShapeField field)
        {
            var list = new List<string>();
            foreach (LayoutPointer p in Pointers)
            {
                if (p.Field == field && !list.Contains(p.Pointer))
                {
                    list.Add(p.Pointer);
                }
            }

            return list.ToArray();
        }
    }
}

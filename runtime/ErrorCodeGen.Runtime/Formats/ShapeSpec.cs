using System;
using System.Collections.Generic;

namespace ErrorCodeGen.Formats
{
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
        public ShapeSpec AddListed(ShapeField field, IEnumerable<string> pointers)
        {
            int rank = 0;
            foreach (string pointer in pointers)
            {
                Pointers.Add(new LayoutPointer(field, pointer, rank++, alsoExtra: false));
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

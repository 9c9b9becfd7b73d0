using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ErrorCodeGen.Formats
{
    /// <summary>What a compiled pointer does with the value it reaches.</summary>
    internal readonly struct ShapeAction
    {
        public ShapeAction(ShapeField field, int rank)
        {
            Field = field;
            Rank = rank;
        }

        public ShapeField Field { get; }

        public int Rank { get; }
    }

    /// <summary>
    /// One member name at one level of a compiled shape: a value (<see cref="Actions"/>), an object to descend into
    /// (<see cref="Child"/>), or an error location (<see cref="IsLocation"/>, its <see cref="Child"/> the item level).
    /// </summary>
    internal sealed class ShapeEntry
    {
        public ShapeEntry(string name)
        {
            NameText = name;
            Name = Encoding.UTF8.GetBytes(name);
        }

        /// <summary>The member name as UTF-8, compared with the reader's raw bytes.</summary>
        public byte[] Name { get; }

        public string NameText { get; }

        public ShapeAction[] Actions { get; set; } = Array.Empty<ShapeAction>();

        public ShapeNode? Child { get; set; }

        public bool IsLocation { get; set; }

        /// <summary>For an error location: the JSON types it accepts.</summary>
        public ErrorLocationKinds Kinds { get; set; }

        /// <summary>For an error location: whether its objects are errors only when they say so (<see cref="ShapeCondition"/>).</summary>
        public bool IsConditional { get; set; }

        /// <summary>Whether the member is kept as an extra field as well as read.</summary>
        public bool AlsoExtra { get; set; }

        /// <summary>For an object to descend into: its bit in the "seen" mask (its first non-null occurrence wins).</summary>
        public int SeenBit { get; set; }
    }

    /// <summary>
    /// The member names of one level of a compiled shape, looked up by the reader's raw UTF-8 bytes: by length first (an
    /// index of entries per name length), then one byte comparison per entry of that length. An escaped name (rare) is
    /// compared decoded.
    /// </summary>
    internal sealed class ShapeNode
    {
        private readonly List<ShapeEntry> _building = new List<ShapeEntry>();
        private ShapeEntry[] _entries = Array.Empty<ShapeEntry>();

        /// <summary>For a name of length n, its entries are <c>_entries[_byLength[n] .. _byLength[n + 1]]</c>.</summary>
        private int[] _byLength = { 0 };

        public ShapeNode(bool inItem, string? extraPrefix, bool noExtras = false)
        {
            InItem = inItem;
            ExtraPrefix = extraPrefix;
            NoExtras = noExtras;
        }

        /// <summary>Whether this level keeps no extra fields (the items of a conditional location, and what they contain).</summary>
        public bool NoExtras { get; }

        /// <summary>Whether this level is inside an error item (its other members are the item's extra fields).</summary>
        public bool InItem { get; }

        /// <summary>The prefix of this level's extra fields (<c>extensions.</c>), null at an item's own level.</summary>
        public string? ExtraPrefix { get; }

        public IReadOnlyList<ShapeEntry> Entries => _building;

        public ShapeEntry GetOrAdd(string name)
        {
            foreach (ShapeEntry e in _building)
            {
                if (string.Equals(e.NameText, name, StringComparison.Ordinal))
                {
                    return e;
                }
            }

            var entry = new ShapeEntry(name);
            _building.Add(entry);
            return entry;
        }

        /// <summary>Builds the lookup table (once, when the shape is compiled).</summary>
        public void Freeze()
        {
            var sorted = new List<ShapeEntry>(_building);
            sorted.Sort((a, b) => a.Name.Length.CompareTo(b.Name.Length));
            _entries = sorted.ToArray();
            int max = _entries.Length == 0 ? 0 : _entries[_entries.Length - 1].Name.Length;
            _byLength = new int[max + 2];
            int i = 0;
            for (int length = 0; length <= max + 1; length++)
            {
                while (i < _entries.Length && _entries[i].Name.Length < length)
                {
                    i++;
                }

                _byLength[length] = i;
            }

            foreach (ShapeEntry e in _entries)
            {
                e.Child?.Freeze();
            }
        }

        /// <summary>The entry of the property name at the reader, or null when this level does not name it.</summary>
        public ShapeEntry? Find(ref Utf8JsonReader r)
        {
            if (!r.ValueIsEscaped)
            {
                ReadOnlySpan<byte> name = r.ValueSpan;
                int length = name.Length;
                if (length + 1 >= _byLength.Length)
                {
                    return null;
                }

                int[] byLength = _byLength;
                ShapeEntry[] entries = _entries;
                for (int i = byLength[length]; i < byLength[length + 1]; i++)
                {
                    if (name.SequenceEqual(entries[i].Name))
                    {
                        return entries[i];
                    }
                }

                return null;
            }

            foreach (ShapeEntry e in _entries)
            {
                if (JsonValues.NameIs(ref r, e.Name))
                {
                    return e;
                }
            }

            return null;
        }
    }
}

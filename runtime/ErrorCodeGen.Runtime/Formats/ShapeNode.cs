using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using System.Runtime.CompilerServices;
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

    /// <summary>What the reader does with a member's value; decided once, when the shape is compiled.</summary>
    internal enum EntryKind : byte
    {
        /// <summary>One text field of the error item (code, message, parameter, task type and id, documentation).</summary>
        ItemText,

        /// <summary>The item's path.</summary>
        Path,

        /// <summary>The item's details.</summary>
        Details,

        /// <summary>The response's request id.</summary>
        RequestId,

        /// <summary>The response's wait.</summary>
        RetryAfter,

        /// <summary>One text value that fills several fields.</summary>
        MultiText,

        /// <summary>An object some pointer goes through.</summary>
        Nested,

        /// <summary>An error location.</summary>
        Location,

        /// <summary>A conditional error location (<see cref="ShapeCondition"/>): its objects are errors only when they say so.</summary>
        ConditionalLocation,

        /// <summary>A status member (<see cref="ShapeField.Status"/>), compared with the failing statuses in place.</summary>
        Status,
    }

    /// <summary>
    /// A name of up to 16 bytes as two words: its first and its last 8 (or 4, or 2) bytes, overlapping when shorter than
    /// twice that; two names of the same length are equal exactly when both words are.
    /// </summary>
    internal static class NameWords
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Of(ReadOnlySpan<byte> name, out ulong head, out ulong tail)
        {
            int n = name.Length;
            if (n >= 8)
            {
                head = BinaryPrimitives.ReadUInt64LittleEndian(name);
                tail = BinaryPrimitives.ReadUInt64LittleEndian(name.Slice(n - 8));
            }
            else if (n >= 4)
            {
                head = BinaryPrimitives.ReadUInt32LittleEndian(name);
                tail = BinaryPrimitives.ReadUInt32LittleEndian(name.Slice(n - 4));
            }
            else if (n >= 2)
            {
                head = BinaryPrimitives.ReadUInt16LittleEndian(name);
                tail = BinaryPrimitives.ReadUInt16LittleEndian(name.Slice(n - 2));
            }
            else
            {
                head = n == 1 ? name[0] : 0UL;
                tail = 0;
            }
        }
    }

    /// <summary>The cases the reader handles inline, without its general dispatch.</summary>
    internal enum FastKind : byte
    {
        None,
        Code,
        Message,
        Text,
        Details,
        RequestId,
        RetryAfter,
        Location,
        Nested,
    }

    /// <summary>
    /// One member name at one level of a compiled shape: a value (<see cref="Actions"/>), an object to descend into
    /// (<see cref="Child"/>), or an error location (<see cref="EntryKind.Location"/>, its <see cref="Child"/> the item
    /// level). The hot data are fields, read once per member.
    /// </summary>
    internal sealed class ShapeEntry
    {
        /// <summary>The member name as UTF-8, compared with the reader's raw bytes.</summary>
        public readonly byte[] Name;

        public readonly string NameText;

        public readonly EntryKind Kind;

        /// <summary>For a single action: its field, rank and the bound of the text kept.</summary>
        public readonly ShapeField Field;

        public readonly int Rank;

        public readonly int Bound;

        /// <summary>Whether the field has pointers of different ranks in this shape (else the first non-null value simply wins).</summary>
        public readonly bool Ranked;

        /// <summary>A single field without ranks or an extra copy: the reader's inline cases.</summary>
        public readonly FastKind Fast;

        public readonly ShapeAction[] Actions;

        public readonly ShapeNode? Child;

        /// <summary>Whether the member is kept as an extra field as well as read.</summary>
        public readonly bool AlsoExtra;

        /// <summary>For an object to descend into: its bit in the "seen" mask (its first non-null occurrence wins).</summary>
        public readonly int SeenBit;

        /// <summary>For an error location: the JSON types it accepts.</summary>
        public readonly ErrorLocationKinds Kinds;

        /// <summary>The name's first and last word (see <see cref="NameWords"/>), for names of up to 16 bytes.</summary>
        public readonly ulong Head;

        public readonly ulong Tail;

        public ShapeEntry(string name, ShapeAction[] actions, ShapeNode? child, bool isLocation, bool alsoExtra, int seenBit, bool ranked, ErrorLocationKinds kinds = ErrorLocationKinds.All, bool isConditional = false)
        {
            Kinds = kinds;
            NameText = name;
            Name = Encoding.UTF8.GetBytes(name);
            if (Name.Length <= 16)
            {
                NameWords.Of(Name, out Head, out Tail);
            }

            Actions = actions;
            Child = child;
            AlsoExtra = alsoExtra;
            SeenBit = seenBit;
            Ranked = ranked;
            if (isLocation && isConditional)
            {
                Kind = EntryKind.ConditionalLocation;
            }
            else if (isLocation)
            {
                Kind = EntryKind.Location;
                Fast = alsoExtra ? FastKind.None : FastKind.Location;
            }
            else if (child != null)
            {
                Kind = EntryKind.Nested;
                Fast = alsoExtra ? FastKind.None : FastKind.Nested;
            }
            else if (actions.Length > 1)
            {
                Kind = EntryKind.MultiText;
            }
            else
            {
                Field = actions[0].Field;
                Rank = actions[0].Rank;
                Bound = Field == ShapeField.Code ? ReaderLimits.MaxCodeLength : Field == ShapeField.RequestId ? ReaderLimits.MaxRequestIdLength : ReaderLimits.MaxStringLength;
                Kind = Field switch
                {
                    ShapeField.Path => EntryKind.Path,
                    ShapeField.Details => EntryKind.Details,
                    ShapeField.RequestId => EntryKind.RequestId,
                    ShapeField.RetryAfter => EntryKind.RetryAfter,
                    ShapeField.Status => EntryKind.Status,
                    _ => EntryKind.ItemText,
                };
                if (!ranked && !alsoExtra)
                {
                    Fast = Kind switch
                    {
                        EntryKind.ItemText => Field == ShapeField.Code ? FastKind.Code : Field == ShapeField.Message ? FastKind.Message : FastKind.Text,
                        EntryKind.Details => FastKind.Details,
                        EntryKind.RequestId => FastKind.RequestId,
                        EntryKind.RetryAfter => FastKind.RetryAfter,
                        _ => FastKind.None,
                    };
                }
            }
        }
    }

    /// <summary>
    /// The member names of one level of a compiled shape, looked up by the reader's raw UTF-8 bytes: by length first (an
    /// index of entries per name length), then one byte comparison per entry of that length. An escaped name (rare) is
    /// compared decoded.
    /// </summary>
    internal sealed class ShapeNode
    {
        private readonly ShapeEntry[] _entries;

        /// <summary>For a name of length n, its entries are <c>_entries[_byLength[n] .. _byLength[n + 1]]</c>.</summary>
        private readonly int[] _byLength;

        public ShapeNode(bool inItem, string? extraPrefix, List<ShapeEntry> entries, bool keepsUnnamed, bool keepsAlsoExtra)
        {
            InItem = inItem;
            ExtraPrefix = extraPrefix;
            KeepsUnnamed = keepsUnnamed;
            KeepsAlsoExtra = keepsAlsoExtra;
            entries.Sort((a, b) => a.Name.Length.CompareTo(b.Name.Length));
            _entries = entries.ToArray();
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
        }

        /// <summary>Whether this level is inside an error item (its other members are the item's extra fields).</summary>
        public bool InItem { get; }

        /// <summary>
        /// Whether the members no pointer names are kept as extra fields of the item being read: inside an item of a shape that
        /// keeps extras, not in a conditional item, and at the root only when it is a fallback item that keeps them.
        /// </summary>
        public readonly bool KeepsUnnamed;

        /// <summary>Whether a member that is both read and kept (<see cref="ShapeEntry.AlsoExtra"/>) is kept here.</summary>
        public readonly bool KeepsAlsoExtra;

        /// <summary>The prefix of this level's extra fields (<c>extensions.</c>), null at an item's own level.</summary>
        public string? ExtraPrefix { get; }

        /// <summary>The entry of the property name at the reader, or null when this level does not name it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ShapeEntry? Find(ref JsonTokenReader r)
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
                int i = byLength[length];
                int end = byLength[length + 1];
                if (i == end)
                {
                    return null;
                }

                // The name as two overlapping words, compared with each entry's (names of up to 16 bytes; longer ones byte
                // by byte): what the JIT makes of a comparison with a constant u8 literal, for names known only at run time.
                ShapeEntry[] entries = _entries;
                if (length <= 16)
                {
                    NameWords.Of(name, out ulong head, out ulong tail);
                    for (; i < end; i++)
                    {
                        ShapeEntry e = entries[i];
                        if (e.Head == head && e.Tail == tail)
                        {
                            return e;
                        }
                    }

                    return null;
                }

                for (; i < end; i++)
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

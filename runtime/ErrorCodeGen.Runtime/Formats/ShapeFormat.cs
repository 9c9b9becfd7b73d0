using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// The one reader of every wire format: a compiled <see cref="ShapeSpec"/> (see <see cref="ShapeCompiler"/>) walked in one
    /// forward pass. Each object level looks its members up in a <see cref="ShapeNode"/> (UTF-8 bytes, by length first);
    /// a member no pointer names is skipped, or kept as an extra field inside an error item. The rules of
    /// <see cref="JsonItems"/> hold throughout: a value is consumed whole whatever its type, a key's first non-null
    /// occurrence wins (or, among a declared list, the first listed that is present), and what was read of an item is kept
    /// when the body breaks off (the item is pending in the <see cref="BodyBuilder"/>).
    /// </summary>
#if NET5_0_OR_GREATER
    // Every local is written before it is read; zeroing the frames of this recursive reader first would be wasted.
    [SkipLocalsInit]
#endif
    internal sealed class ShapeFormat : ErrorBodyFormat
    {
        /// <summary>Four bits per field: all ones is "not filled".</summary>
        private const ulong NoRanks = ulong.MaxValue;

        private readonly ShapeNode _root;
        private readonly bool _rootIsItem;

        /// <summary>
        /// The reader of a compiled shape. Which JSON types each location accepts (<see cref="ShapeEntry.Kinds"/>) and where
        /// extra fields are kept (<see cref="ShapeNode.KeepsUnnamed"/>) are compiled into the levels.
        /// </summary>
        public ShapeFormat(ErrorWireFormat format, ShapeNode root, bool rootIsItem)
        {
            Format = format;
            _root = root;
            _rootIsItem = rootIsItem;
        }

        public override ErrorWireFormat Format { get; }

        /// <summary>The root is read as an error item too (<see cref="ShapeSpec.RootFallback"/>).</summary>
        public bool RootFallback { get; set; }

        /// <summary>The root item is kept, as no error payload, when it is no error and nothing else is (RunComfy's message).</summary>
        public bool RootKeptWithoutCode { get; set; }

        /// <summary>The status values that mean failure (<see cref="ShapeSpec.FailingStatuses"/>).</summary>
        public string[] FailingStatuses { get; set; } = Array.Empty<string>();

        /// <summary>What one pass has seen: ranks of the filled fields and which objects were descended into.</summary>
        private struct State
        {
            public ulong ItemRanks;
            public ulong BodyRanks;
            public ulong ItemSeen;
            public ulong BodySeen;
            public bool LocationSeen;

            /// <summary>A root error item is an error payload once it has a code (RunComfy's rule), not merely by existing.</summary>
            public bool PayloadOnCode;

            /// <summary>The object being read has a failing status member.</summary>
            public bool StatusFailed;

            /// <summary>A location held <c>true</c> (<see cref="ErrorLocationKinds.True"/>).</summary>
            public bool Flagged;

            /// <summary>A location held <c>false</c> (<see cref="ErrorLocationKinds.True"/>): the body says it is no error.</summary>
            public bool FlaggedFalse;

            /// <summary>A conditional item's first pass: only its status and whether it has a code are looked at, nothing is kept.</summary>
            public bool Probe;

            /// <summary>The probe found a code.</summary>
            public bool ProbeCode;

            /// <summary>A root location's value of a type it does not take was read (<c>ReadUntakenLocation</c>): a later one is a duplicate.</summary>
            public bool UntakenSeen;
        }

        public override void ReadRoot(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b)
        {
            var s = new State { ItemRanks = NoRanks, BodyRanks = NoRanks };
            if (_rootIsItem)
            {
                s.PayloadOnCode = true;
                ReadItem(ref r, body, b, ref s, _root);
            }
            else if (RootFallback)
            {
                ReadRootFallback(ref r, body, b, ref s);
            }
            else
            {
                ReadObject(ref r, body, b, ref s, _root, null);
            }
        }

        /// <summary>
        /// The root read as an item too (<see cref="ShapeSpec.RootFallback"/>): it is the error when it has a code, a failing
        /// status, or a location held <c>true</c>; else its task fields fill the location items that lack them. Decided also
        /// when the body breaks off, so a code read before the cut is kept.
        /// </summary>
        private void ReadRootFallback(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s)
        {
            ErrorItemBuilder root = b.RootItem();
            int before = b.Count;
            try
            {
                ReadObject(ref r, body, b, ref s, _root, root);
            }
            finally
            {
                // A root that says "error": false first is no error, whatever code it carries (Runware's legacy frame).
                if (((root.Code != null || s.Flagged) && !s.FlaggedFalse) || s.StatusFailed)
                {
                    b.HasErrorPayload = true;
                    b.Insert(before, root);
                }
                else if (b.Count > before)
                {
                    b.FillTasks(before, root.TaskType, root.TaskId);
                }
                else if (RootKeptWithoutCode)
                {
                    b.Insert(before, root);
                }
            }
        }

        /// <summary>One error object: the reader is on its <c>{</c> and ends on its <c>}</c>.</summary>
        private void ReadItem(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeNode node)
        {
            ErrorItemBuilder item = b.NewItem();
            b.Pending = item;
            s.ItemRanks = NoRanks;
            s.ItemSeen = 0;
            s.StatusFailed = false;
            try
            {
                ReadObject(ref r, body, b, ref s, node, item);
            }
            finally
            {
                // A failing status makes the object an error without a code (the root item of a declared shape's error: ""),
                // also when the body breaks off after it, as a code read before the cut is kept.
                b.HasErrorPayload |= s.StatusFailed;
            }

            b.FlushPending();
        }

        /// <summary>The members of one object level; <paramref name="item"/> is the error item it is inside, if any.</summary>
        private void ReadObject(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeNode node, ErrorItemBuilder? item)
        {
            while (r.ReadMemberName())
            {
                ShapeEntry? entry = node.Find(ref r);
                if (entry is null)
                {
                    if (item != null && node.KeepsUnnamed)
                    {
                        JsonItems.ReadExtra(ref r, body, item, node.ExtraPrefix);
                    }
                    else
                    {
                        r.ReadMemberValue();
                        r.Skip();
                    }

                    continue;
                }

                r.ReadMemberValue();
                // The common cases, inline: one field whose first non-null value wins (no ranks, no extra copy).
                switch (entry.Fast)
                {
                    case FastKind.Code when item != null:
                        JsonValues.TakeToken(ref item.Code, ref r, body, ReaderLimits.MaxCodeLength);
                        if (s.PayloadOnCode)
                        {
                            b.HasErrorPayload |= item.Code != null;
                        }

                        continue;
                    case FastKind.Message when item != null:
                        JsonValues.Take(ref item.Message, ref r, body, ReaderLimits.MaxStringLength);
                        continue;
                    case FastKind.Text when item != null:
                        ref string? slot = ref Slot(item, entry.Field);
                        if (slot is null)
                        {
                            slot = IsToken(entry.Field) ? JsonValues.Token(ref r, body, entry.Bound) : JsonValues.Text(ref r, body, entry.Bound);
                        }
                        else
                        {
                            r.Skip();
                        }

                        continue;
                    case FastKind.Details when item != null:
                        JsonItems.ReadDetail(ref r, body, item);
                        continue;
                    case FastKind.RequestId:
                        JsonValues.Take(ref b.RequestId, ref r, body, ReaderLimits.MaxRequestIdLength);
                        continue;
                    case FastKind.Location:
                        // Outside the root item (every shape but a root fallback) there is no item state to keep.
                        if (item is null)
                        {
                            ReadLocation(ref r, body, b, ref s, entry);
                        }
                        else if (!ReadUntakenLocation(ref r, body, b, ref s, node, entry, item))
                        {
                            ReadLocationKeepingItem(ref r, body, b, ref s, entry);
                        }

                        continue;
                    case FastKind.Nested:
                        ReadNested(ref r, body, b, ref s, node, entry, entry.Child!, item);
                        continue;
                    case FastKind.RetryAfter:
                        if (b.RetryAfter is null)
                        {
                            b.RetryAfter = JsonValues.Seconds(ref r, body);
                        }
                        else
                        {
                            r.Skip();
                        }

                        continue;
                }

                if (entry.AlsoExtra && item != null && node.KeepsAlsoExtra && !item.ExtrasFull && !item.HasExtra(entry.NameText))
                {
                    int start = (int)r.TokenStartIndex;
                    ReadValue(ref r, body, b, ref s, node, entry, item);
                    int end = Math.Min((int)r.BytesConsumed, body.Length);
                    item.AddExtra(entry.NameText, Utf8Text.DecodeBounded(body.Slice(start, Math.Max(0, end - start)), ReaderLimits.MaxRawJsonLength));
                }
                else
                {
                    ReadValue(ref r, body, b, ref s, node, entry, item);
                }
            }
        }

        /// <summary>The value of a member the shape names; the reader is on the value and ends past it.</summary>
        private void ReadValue(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeNode node, ShapeEntry entry, ErrorItemBuilder? item)
        {
            switch (entry.Kind)
            {
                case EntryKind.Location:
                case EntryKind.ConditionalLocation:
                    if (item is null || !ReadUntakenLocation(ref r, body, b, ref s, node, entry, item))
                    {
                        ReadLocationKeepingItem(ref r, body, b, ref s, entry);
                    }

                    return;
                case EntryKind.Nested:
                    ReadNested(ref r, body, b, ref s, node, entry, entry.Child!, item);
                    return;
                case EntryKind.MultiText when !s.Probe:
                    AssignText(ref r, body, b, ref s, entry.Actions, item);
                    return;
                default:
                    if (s.Probe)
                    {
                        Probe(ref r, body, ref s, entry.Actions);
                        return;
                    }

                    Assign(ref r, body, b, ref s, entry.Actions[0], item);
                    return;
            }
        }

        /// <summary>An object some pointer goes through: its first non-null occurrence is descended into.</summary>
        private void ReadNested(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeNode node, ShapeEntry entry, ShapeNode child, ErrorItemBuilder? item)
        {
            ulong bit = 1UL << entry.SeenBit;
            ref ulong seen = ref child.InItem ? ref s.ItemSeen : ref s.BodySeen;
            if ((seen & bit) == 0 && r.TokenType == JsonTokenType.StartObject)
            {
                seen |= bit;
                ReadObject(ref r, body, b, ref s, child, item);
            }
            else if ((seen & bit) != 0 || item is null || !node.KeepsUnnamed)
            {
                r.Skip();
            }
            else
            {
                // Not an object (GraphQL's "extensions": "text"): kept as it is, under its own name.
                item.AddExtra(node.ExtraPrefix is null ? entry.NameText : node.ExtraPrefix + entry.NameText, JsonValues.Raw(ref r, body, ReaderLimits.MaxRawJsonLength));
            }
        }

        /// <summary>
        /// An error location inside the root item (<see cref="ShapeSpec.RootFallback"/>) whose value is of a type it does not
        /// take, and which is not the location's occurrence: it is not lost. Text fills the root item's field that the item
        /// pointers give that name (RunComfy's <c>"error": "text"</c> is the root's message when it has no other), and any
        /// other value is kept as an extra field where the root keeps them. Returns false when the value is the location's.
        /// </summary>
        private bool ReadUntakenLocation(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeNode node, ShapeEntry entry, ErrorItemBuilder item)
        {
            JsonTokenType type = r.TokenType;
            // Once the location has its occurrence, a later duplicate is skipped as before, whatever its type.
            if (entry.Kind != EntryKind.Location || s.Probe || s.LocationSeen || type == JsonTokenType.Null || Takes(entry.Kinds, type))
            {
                return false;
            }

            // The first such value is the one kept ("error": 5, "error": "late" keeps 5, as an extra field, and no message).
            if (s.UntakenSeen)
            {
                r.Skip();
                return true;
            }

            s.UntakenSeen = true;

            if (type == JsonTokenType.String && entry.Actions.Length > 0)
            {
                Assign(ref r, body, b, ref s, entry.Actions[0], item);
            }
            else if (node.KeepsUnnamed && !item.ExtrasFull && !item.HasExtra(entry.NameText))
            {
                item.AddExtra(entry.NameText, JsonValues.Raw(ref r, body, ReaderLimits.MaxRawJsonLength));
            }
            else
            {
                r.Skip();
            }

            return true;
        }

        /// <summary>Whether a location that accepts <paramref name="kinds"/> reads a value of this type (or sees it as its flag).</summary>
        private static bool Takes(ErrorLocationKinds kinds, JsonTokenType type) => type switch
        {
            JsonTokenType.StartObject => (kinds & ErrorLocationKinds.Object) != 0,
            JsonTokenType.StartArray => (kinds & ErrorLocationKinds.Array) != 0,
            JsonTokenType.String => (kinds & ErrorLocationKinds.String) != 0,
            JsonTokenType.True or JsonTokenType.False => (kinds & ErrorLocationKinds.True) != 0,
            _ => false,
        };

        /// <summary>
        /// An error location, conditional or not; the item state of the level it is in (the root item, with
        /// <see cref="ShapeSpec.RootFallback"/>) is kept for after it.
        /// </summary>
        private void ReadLocationKeepingItem(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeEntry entry)
        {
            ulong ranks = s.ItemRanks, seen = s.ItemSeen;
            bool failed = s.StatusFailed;
            if (entry.Kind == EntryKind.ConditionalLocation)
            {
                // Its first non-null occurrence is read, as for every key.
                ulong bit = 1UL << entry.SeenBit;
                if ((s.BodySeen & bit) != 0 || r.TokenType == JsonTokenType.Null)
                {
                    r.Skip();
                }
                else
                {
                    s.BodySeen |= bit;
                    ReadConditional(ref r, body, b, ref s, entry);
                }
            }
            else
            {
                ReadLocation(ref r, body, b, ref s, entry);
            }

            s.ItemRanks = ranks;
            s.ItemSeen = seen;
            s.StatusFailed = failed;
        }

        /// <summary>An error location: its first non-null occurrence (among all locations, in body order) is read.</summary>
        private void ReadLocation(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeEntry location)
        {
            ShapeNode itemNode = location.Child!;
            ErrorLocationKinds kinds = location.Kinds;
            JsonTokenType type = r.TokenType;
            if (s.LocationSeen || type == JsonTokenType.Null)
            {
                r.Skip();
                return;
            }

            if ((kinds & ErrorLocationKinds.True) != 0)
            {
                if (type == JsonTokenType.False)
                {
                    // The flag says the root is no error (its code, if any, is not one); the other locations are still
                    // read, as when the flag is absent.
                    s.FlaggedFalse = true;
                    return;
                }

                if (type == JsonTokenType.True)
                {
                    // Not the error itself but a flag that the body is one (the root's fields are the error); it is the
                    // location's first occurrence, so a later one is not read.
                    s.Flagged = true;
                    s.LocationSeen = true;
                    return;
                }
            }

            // A value of a type the location does not take is as absent as null ("error": 404): it is not the location's
            // occurrence, so a later location (or a later duplicate) is still read.
            if (type == JsonTokenType.StartObject && (kinds & ErrorLocationKinds.Object) != 0)
            {
                s.LocationSeen = true;
                b.HasErrorPayload = true;
                ReadItem(ref r, body, b, ref s, itemNode);
            }
            else if (type == JsonTokenType.StartArray && (kinds & ErrorLocationKinds.Array) != 0)
            {
                s.LocationSeen = true;
                ReadArray(ref r, body, b, ref s, itemNode);
            }
            else if (type == JsonTokenType.String && (kinds & ErrorLocationKinds.String) != 0)
            {
                s.LocationSeen = true;
                b.HasErrorPayload = true;
                ErrorItemBuilder text = b.NewItem();
                text.Message = JsonValues.Text(ref r, body, ReaderLimits.MaxStringLength);
                b.Add(text);
            }
            else
            {
                r.Skip();
            }
        }

        /// <summary>
        /// A conditional location (<see cref="ShapeCondition"/>): an object, or each object of an array, is read with the
        /// location's own pointers and kept only when it has a failing status or a code; anything else is skipped. It never
        /// counts as the location seen, so the errors of the other locations are read as well.
        /// </summary>
        private void ReadConditional(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeEntry location)
        {
            ShapeNode itemNode = location.Child!;
            if (r.TokenType == JsonTokenType.StartObject && (location.Kinds & ErrorLocationKinds.Object) != 0)
            {
                ReadConditionalItem(ref r, body, b, ref s, itemNode);
            }
            else if (r.TokenType == JsonTokenType.StartArray && (location.Kinds & ErrorLocationKinds.Array) != 0)
            {
                while (r.ReadArrayItem())
                {
                    if (r.TokenType == JsonTokenType.StartObject && !b.IsFull)
                    {
                        ReadConditionalItem(ref r, body, b, ref s, itemNode);
                    }
                    else
                    {
                        r.Skip();
                    }
                }
            }
            else
            {
                r.Skip();
            }
        }

        /// <summary>
        /// One object of a conditional location, in two passes: a probe that looks only at its status and whether it has a
        /// code (a successful result costs no strings), then, for a failed one only, a read of its bytes again for its fields.
        /// </summary>
        private void ReadConditionalItem(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeNode itemNode)
        {
            int start = (int)r.TokenStartIndex;
            s.ItemRanks = NoRanks;
            s.ItemSeen = 0;
            s.StatusFailed = false;
            s.ProbeCode = false;
            s.Probe = true;
            try
            {
                ReadObject(ref r, body, b, ref s, itemNode, null);
            }
            finally
            {
                s.Probe = false;
            }

            if (!s.StatusFailed && !s.ProbeCode)
            {
                return;
            }

            // The object was read whole, so its bytes are well-formed JSON.
            int end = Math.Min((int)r.BytesConsumed, body.Length);
            ReadOnlySpan<byte> slice = body.Slice(start, end - start);
            var again = new JsonTokenReader(slice);
            again.Read();
            ErrorItemBuilder item = b.NewItem();
            s.ItemRanks = NoRanks;
            s.ItemSeen = 0;
            ReadObject(ref again, slice, b, ref s, itemNode, item);
            b.HasErrorPayload = true;
            b.Add(item);
        }

        /// <summary>The probe of a conditional item: a status is compared in place, a code only noted, everything else skipped.</summary>
        private void Probe(ref JsonTokenReader r, ReadOnlySpan<byte> body, ref State s, ShapeAction[] actions)
        {
            foreach (ShapeAction action in actions)
            {
                if (action.Field == ShapeField.Status && RankOf(s.ItemRanks, ShapeField.Status) == 0xF && r.TokenType != JsonTokenType.Null)
                {
                    s.StatusFailed = IsFailingStatus(ref r, body);
                    s.ItemRanks = WithRank(s.ItemRanks, ShapeField.Status, action.Rank);
                    return;
                }

                if (action.Field == ShapeField.Code && r.TokenType != JsonTokenType.Null)
                {
                    s.ProbeCode = true;
                }
            }

            r.Skip();
        }

        /// <summary>Whether the status value at the reader means failure: its bytes compared ignoring ASCII case, no string made.</summary>
        private bool IsFailingStatus(ref JsonTokenReader r, ReadOnlySpan<byte> body)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                r.Skip();
                return false;
            }

            if (r.ValueIsEscaped)
            {
                return IsFailingStatus(JsonValues.Text(ref r, body, 64));
            }

            ReadOnlySpan<byte> value = r.ValueSpan;
            foreach (string failing in FailingStatuses)
            {
                if (value.Length == failing.Length && AsciiEqualsIgnoreCase(value, failing))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AsciiEqualsIgnoreCase(ReadOnlySpan<byte> value, string text)
        {
            for (int i = 0; i < value.Length; i++)
            {
                int a = value[i] | 0x20, b = text[i] | 0x20;
                if (a != b || (uint)(a - 'a') > 'z' - 'a' && value[i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether a status value means failure: compared as sent (no trimming, as the unescaped bytes are), ignoring case.</summary>
        private bool IsFailingStatus(string? status)
        {
            if (status is null)
            {
                return false;
            }

            foreach (string failing in FailingStatuses)
            {
                if (string.Equals(status, failing, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>An array of errors: an object is an item, a scalar the message of one; past the cap items are skipped unread.</summary>
        private void ReadArray(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeNode itemNode)
        {
            while (r.ReadArrayItem())
            {
                b.HasErrorPayload = true;
                if (b.IsFull)
                {
                    r.Skip();
                    continue;
                }

                if (r.TokenType == JsonTokenType.StartObject)
                {
                    ReadItem(ref r, body, b, ref s, itemNode);
                }
                else
                {
                    ErrorItemBuilder scalar = b.NewItem();
                    scalar.Message = JsonValues.Text(ref r, body, ReaderLimits.MaxStringLength);
                    b.Add(scalar);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int RankOf(ulong ranks, ShapeField field) => (int)((ranks >> (4 * (int)field)) & 0xF);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong WithRank(ulong ranks, ShapeField field, int rank)
        {
            int shift = 4 * (int)field;
            return (ranks & ~(0xFUL << shift)) | ((ulong)rank << shift);
        }

        /// <summary>Fills one field from the value at the reader, unless a value of the same or a better rank filled it.</summary>
        private void Assign(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeAction action, ErrorItemBuilder? item)
        {
            ShapeField field = action.Field;
            switch (field)
            {
                case ShapeField.RequestId:
                    if (b.RequestId != null && RankOf(s.BodyRanks, field) <= action.Rank)
                    {
                        r.Skip();
                        return;
                    }

                    string? id = JsonValues.Text(ref r, body, ReaderLimits.MaxRequestIdLength);
                    if (id != null)
                    {
                        b.RequestId = id;
                        s.BodyRanks = WithRank(s.BodyRanks, field, action.Rank);
                    }

                    return;
                case ShapeField.Status:
                    // First non-null wins, as for every key; compared in place, never made into a string.
                    if (RankOf(s.ItemRanks, field) == 0xF && r.TokenType != JsonTokenType.Null)
                    {
                        s.StatusFailed = IsFailingStatus(ref r, body);
                        s.ItemRanks = WithRank(s.ItemRanks, field, action.Rank);
                    }
                    else
                    {
                        r.Skip();
                    }

                    return;
                case ShapeField.RetryAfter:
                    if (b.RetryAfter != null && RankOf(s.BodyRanks, field) <= action.Rank)
                    {
                        r.Skip();
                        return;
                    }

                    TimeSpan? wait = JsonValues.Seconds(ref r, body);
                    if (wait != null)
                    {
                        b.RetryAfter = wait;
                        s.BodyRanks = WithRank(s.BodyRanks, field, action.Rank);
                    }

                    return;
            }

            if (item is null)
            {
                // Item fields are placed only at item levels by the compiler.
                r.Skip();
                return;
            }

            if (field == ShapeField.Details)
            {
                // As for every field: of a declared list, the first listed that is present wins, wherever it is in the body,
                // so a better-ranked alternative read later replaces what a worse-ranked one gave.
                if (item.SeenDetails && (RankOf(s.ItemRanks, field) <= action.Rank || r.TokenType == JsonTokenType.Null))
                {
                    // Null is absent: it replaces nothing.
                    r.Skip();
                    return;
                }

                if (item.SeenDetails)
                {
                    item.ClearDetails();
                }

                JsonItems.ReadDetail(ref r, body, item);
                if (item.SeenDetails)
                {
                    s.ItemRanks = WithRank(s.ItemRanks, field, action.Rank);
                }

                return;
            }

            ref string? slot = ref Slot(item, field);
            if (slot != null && RankOf(s.ItemRanks, field) <= action.Rank)
            {
                r.Skip();
            }
            else
            {
                string? value = field == ShapeField.Path
                    ? JsonItems.ReadPath(ref r, body)
                    : IsToken(field)
                        ? JsonValues.Token(ref r, body, field == ShapeField.Code ? ReaderLimits.MaxCodeLength : ReaderLimits.MaxStringLength)
                        : JsonValues.Text(ref r, body, ReaderLimits.MaxStringLength);
                if (value != null)
                {
                    slot = value;
                    s.ItemRanks = WithRank(s.ItemRanks, field, action.Rank);
                }
            }

            if (field == ShapeField.Code && s.PayloadOnCode)
            {
                b.HasErrorPayload |= item.Code != null;
            }
        }

        /// <summary>One text member that fills several fields (problem details' <c>type</c>: the code and the documentation link).</summary>
        private void AssignText(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b, ref State s, ShapeAction[] actions, ErrorItemBuilder? item)
        {
            bool isText = r.TokenType == JsonTokenType.String;
            string? value = JsonValues.Text(ref r, body, ReaderLimits.MaxStringLength);
            if (value is null)
            {
                return;
            }

            foreach (ShapeAction action in actions)
            {
                ShapeField field = action.Field;
                if (field == ShapeField.Status)
                {
                    if (RankOf(s.ItemRanks, field) == 0xF)
                    {
                        // Only text is a status: a number or true that shares the member with another field is not.
                        s.StatusFailed = isText && IsFailingStatus(value);
                        s.ItemRanks = WithRank(s.ItemRanks, field, action.Rank);
                    }

                    continue;
                }

                if (field == ShapeField.RequestId)
                {
                    if (b.RequestId is null || RankOf(s.BodyRanks, field) > action.Rank)
                    {
                        b.RequestId = TextExcerpt.Shorten(value, ReaderLimits.MaxRequestIdLength);
                        s.BodyRanks = WithRank(s.BodyRanks, field, action.Rank);
                    }

                    continue;
                }

                if (item is null)
                {
                    continue;
                }

                ref string? slot = ref Slot(item, field);
                if (slot is null || RankOf(s.ItemRanks, field) > action.Rank)
                {
                    slot = TextExcerpt.Shorten(value, field == ShapeField.Code ? ReaderLimits.MaxCodeLength : ReaderLimits.MaxStringLength);
                    s.ItemRanks = WithRank(s.ItemRanks, field, action.Rank);
                }

                if (field == ShapeField.Code && s.PayloadOnCode)
                {
                    b.HasErrorPayload = true;
                }
            }
        }

        /// <summary>The fields whose values are identifiers more often than not, read through <see cref="TokenStrings"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsToken(ShapeField field) => field == ShapeField.Code || field == ShapeField.TaskType || field == ShapeField.Parameter;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ref string? Slot(ErrorItemBuilder item, ShapeField field)
        {
            switch (field)
            {
                case ShapeField.Code:
                    return ref item.Code;
                case ShapeField.Message:
                    return ref item.Message;
                case ShapeField.Parameter:
                    return ref item.Parameter;
                case ShapeField.TaskType:
                    return ref item.TaskType;
                case ShapeField.TaskId:
                    return ref item.TaskId;
                case ShapeField.Documentation:
                    return ref item.DocumentationUrl;
                default:
                    return ref item.Path;
            }
        }
    }
}

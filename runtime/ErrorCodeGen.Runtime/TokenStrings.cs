using System;
#if NET8_0_OR_GREATER
using System.Buffers;
#endif
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace ErrorCodeGen
{
    /// <summary>
    /// The strings of the short identifier-like values that come again in body after body (error codes such as
    /// <c>rate_limit_exceeded</c>, task types, parameter names, the names of extra fields, small integers), made once and
    /// handed out again instead of a new string per body.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A fixed table of <see cref="Size"/> slots shared by every thread, indexed by a hash of the bytes: a slot holds the
    /// last string made for its hash, and a lookup hands it out only when its characters are the bytes (so a collision, or a
    /// body made to collide, costs a new string, never a wrong one). Slots are written without a lock: a reference is written
    /// whole, so a racing reader sees the old string or the new one, and checks it either way. Strings are immutable, so
    /// handing one out to many exceptions is safe.
    /// </para>
    /// <para>
    /// What is kept is bounded (at most <see cref="Size"/> strings of at most <see cref="MaxLength"/> characters, about 20
    /// KB) and is only ever text of the identifier alphabet (ASCII letters, digits, <c>_ - . :</c>); message text, request
    /// ids and string values of extra fields never go through here, so the table does not keep what a body echoes of a
    /// request longer than the exception that holds it. Callers pass the fields listed above only.
    /// </para>
    /// </remarks>
    internal static class TokenStrings
    {
        /// <summary>The number of slots (a power of two).</summary>
        public const int Size = 256;

        /// <summary>Values longer than this (in bytes) are made as new strings, never kept.</summary>
        public const int MaxLength = 32;

        private static readonly string?[] s_slots = new string?[Size];

        /// <summary>
        /// The string of <paramref name="utf8"/> when it is a short identifier (kept and handed out again), else null: the
        /// caller then decodes it as any other value.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static string? TryGet(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length == 0 || utf8.Length > MaxLength)
            {
                return null;
            }

            return Lookup(utf8);
        }

        private static string? Lookup(ReadOnlySpan<byte> utf8)
        {
            // A slot only ever holds a string of the alphabet, so one equal to the bytes answers without checking them:
            // the alphabet is checked on a miss, before a string is made and kept.
            int index = Index(utf8);
            string? kept = Volatile.Read(ref s_slots[index]);
            if (kept != null && Equals(kept, utf8))
            {
                return kept;
            }

            if (!IsToken(utf8))
            {
                return null;
            }

            // Every byte is ASCII, so each is one character.
            string made = Widen(utf8);
            Volatile.Write(ref s_slots[index], made);
            return made;
        }

        /// <summary>The slot of a value: its length and its first and last eight bytes, mixed (a hash, not a check).</summary>
        private static int Index(ReadOnlySpan<byte> utf8)
        {
            ulong head, tail;
            if (utf8.Length >= 8)
            {
                head = MemoryMarshal.Read<ulong>(utf8);
                tail = MemoryMarshal.Read<ulong>(utf8.Slice(utf8.Length - 8));
            }
            else
            {
                head = 0;
                for (int i = 0; i < utf8.Length; i++)
                {
                    head = (head << 8) | utf8[i];
                }

                tail = 0;
            }

            ulong mixed = ((head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)utf8.Length) * 0x165667B19E3779F9UL;
            return (int)(mixed >> 56);
        }

#if NET8_0_OR_GREATER
        private static readonly SearchValues<byte> s_tokenBytes =
            SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:"u8);

        /// <summary>Whether every byte is of the identifier alphabet: ASCII letters, digits and <c>_ - . :</c>.</summary>
        private static bool IsToken(ReadOnlySpan<byte> utf8) => utf8.IndexOfAnyExcept(s_tokenBytes) < 0;

        private static bool Equals(string kept, ReadOnlySpan<byte> utf8) => kept.Length == utf8.Length && Ascii.Equals(utf8, kept.AsSpan());
#else
        /// <summary>Whether every byte is of the identifier alphabet: ASCII letters, digits and <c>_ - . :</c>.</summary>
        private static bool IsToken(ReadOnlySpan<byte> utf8)
        {
            foreach (byte c in utf8)
            {
                if (!((uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '_' || c == '-' || c == '.' || c == ':'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Equals(string kept, ReadOnlySpan<byte> utf8)
        {
            if (kept.Length != utf8.Length)
            {
                return false;
            }

            for (int i = 0; i < utf8.Length; i++)
            {
                if (kept[i] != utf8[i])
                {
                    return false;
                }
            }

            return true;
        }
#endif

        private static string Widen(ReadOnlySpan<byte> ascii)
        {
#if NET8_0_OR_GREATER
            return Encoding.ASCII.GetString(ascii);
#else
            unsafe
            {
                fixed (byte* p = ascii)
                {
                    return Encoding.ASCII.GetString(p, ascii.Length);
                }
            }
#endif
        }

        /// <summary>Empties the table (for the tests).</summary>
        internal static void Clear() => Array.Clear(s_slots, 0, Size);

        /// <summary>Whether the table holds a string equal to <paramref name="value"/> (for the tests).</summary>
        internal static bool Holds(string value)
        {
            foreach (string? s in s_slots)
            {
                if (string.Equals(s, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The strings the table holds now (for the tests).</summary>
        internal static int Count()
        {
            int n = 0;
            foreach (string? s in s_slots)
            {
                n += s is null ? 0 : 1;
            }

            return n;
        }
    }
}

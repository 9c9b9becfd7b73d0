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

        private static readonly Slot?[] s_slots = new Slot?[Size];

        /// <summary>
        /// A kept string with its bytes as four words and a length, which determine the bytes exactly (every byte of a value
        /// of at most <see cref="MaxLength"/> is in one of the words): a hit is four comparisons of words, not of characters.
        /// Immutable, so a slot is replaced whole and a racing reader sees one entry or the other.
        /// </summary>
        private sealed class Slot
        {
            public Slot(string value, in Key key)
            {
                Value = value;
                Key = key;
            }

            public readonly string Value;
            public readonly Key Key;
        }

        /// <summary>The bytes of a value of at most 32 bytes as its length and four words (see <see cref="Of"/>).</summary>
        private readonly struct Key
        {
            private readonly ulong _a, _b, _c, _d;
            private readonly int _length;

            private Key(ulong a, ulong b, ulong c, ulong d, int length)
            {
                _a = a;
                _b = b;
                _c = c;
                _d = d;
                _length = length;
            }

            /// <summary>
            /// Of at least 8 bytes: the words at 0 and at the end, and, past 16, at 8 and 16 before the end (overlapping
            /// where they must; together they cover every byte). Shorter: the bytes packed into one word.
            /// </summary>
            public static Key Of(ReadOnlySpan<byte> utf8)
            {
                int n = utf8.Length;
                if (n >= 8)
                {
                    ulong a = MemoryMarshal.Read<ulong>(utf8);
                    ulong d = MemoryMarshal.Read<ulong>(utf8.Slice(n - 8));
                    return n > 16
                        ? new Key(a, MemoryMarshal.Read<ulong>(utf8.Slice(8)), MemoryMarshal.Read<ulong>(utf8.Slice(n - 16)), d, n)
                        : new Key(a, 0, 0, d, n);
                }

                ulong packed = 0;
                for (int i = 0; i < n; i++)
                {
                    packed = (packed << 8) | utf8[i];
                }

                return new Key(packed, 0, 0, 0, n);
            }

            public bool Equals(in Key other)
                => _a == other._a && _d == other._d && _length == other._length && _b == other._b && _c == other._c;

            /// <summary>The slot: the length and the first and last words, mixed (a hash, not a check).</summary>
            public int Index()
            {
                ulong mixed = ((_a * 0x9E3779B97F4A7C15UL) ^ (_d * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)_length) * 0x165667B19E3779F9UL;
                return (int)(mixed >> 56);
            }
        }

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
            // A slot only ever holds a string of the alphabet, so one whose key is the bytes' answers without checking them:
            // the alphabet is checked on a miss, before a string is made and kept.
            var key = Key.Of(utf8);
            int index = key.Index();
            Slot? kept = Volatile.Read(ref s_slots[index]);
            if (kept != null && kept.Key.Equals(key))
            {
                return kept.Value;
            }

            if (!IsToken(utf8))
            {
                return null;
            }

            // Every byte is ASCII, so each is one character.
            string made = Widen(utf8);
            Volatile.Write(ref s_slots[index], new Slot(made, key));
            return made;
        }

#if NET8_0_OR_GREATER
        private static readonly SearchValues<byte> s_tokenBytes =
            SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:"u8);

        /// <summary>Whether every byte is of the identifier alphabet: ASCII letters, digits and <c>_ - . :</c>.</summary>
        private static bool IsToken(ReadOnlySpan<byte> utf8) => utf8.IndexOfAnyExcept(s_tokenBytes) < 0;

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
            foreach (Slot? s in s_slots)
            {
                if (string.Equals(s?.Value, value, StringComparison.Ordinal))
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
            foreach (Slot? s in s_slots)
            {
                n += s is null ? 0 : 1;
            }

            return n;
        }
    }
}

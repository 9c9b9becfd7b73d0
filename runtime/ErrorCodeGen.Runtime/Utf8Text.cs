using System;
using System.Text;

namespace ErrorCodeGen
{
    /// <summary>UTF-8 helpers for the body reader: lenient and bounded decoding, validation, the byte-order mark.</summary>
    internal static class Utf8Text
    {
        /// <summary>Decodes invalid sequences as U+FFFD instead of throwing.</summary>
        private static readonly UTF8Encoding s_lenient = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        /// <summary>Whether <paramref name="bytes"/> starts with the UTF-8 byte-order mark EF BB BF.</summary>
        public static bool StartsWithBom(ReadOnlySpan<byte> bytes)
            => bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;

        /// <summary>Decodes <paramref name="bytes"/>, invalid sequences as U+FFFD.</summary>
        public static string Decode(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
            {
                return string.Empty;
            }
#if NET8_0_OR_GREATER
            // ASCII, the common case of an error message or id, in one widening pass: UTF-8 decoding would first count the
            // characters in a pass of its own. Latin-1 widens each byte to the character of its value, which for ASCII is
            // what UTF-8 gives.
            return System.Text.Ascii.IsValid(bytes) ? Encoding.Latin1.GetString(bytes) : s_lenient.GetString(bytes);
#else
            unsafe
            {
                fixed (byte* p = bytes)
                {
                    return s_lenient.GetString(p, bytes.Length);
                }
            }
#endif
        }

        /// <summary>The number of bytes <see cref="Encode"/> writes for <paramref name="text"/>.</summary>
        public static int ByteCount(string text) => Encoding.UTF8.GetByteCount(text);

        /// <summary>
        /// Encodes <paramref name="text"/> into <paramref name="destination"/> as <see cref="Encoding.UTF8"/> does (a lone
        /// surrogate becomes U+FFFD); the destination must hold <see cref="ByteCount"/> bytes. Returns the bytes written.
        /// </summary>
        public static int Encode(string text, Span<byte> destination)
        {
            if (text.Length == 0)
            {
                return 0;
            }
#if NET8_0_OR_GREATER
            // ASCII, the common case of an error body, narrowed in one vectorized pass (UTF-8 of ASCII is its bytes); from the
            // first other character on, the UTF-8 encoder (which makes U+FFFD of a lone surrogate).
            if (System.Text.Ascii.FromUtf16(text.AsSpan(), destination, out int ascii) == System.Buffers.OperationStatus.Done)
            {
                return ascii;
            }

            return ascii + Encoding.UTF8.GetBytes(text.AsSpan(ascii), destination.Slice(ascii));
#else
            unsafe
            {
                fixed (char* chars = text)
                fixed (byte* bytes = destination)
                {
                    return Encoding.UTF8.GetBytes(chars, text.Length, bytes, destination.Length);
                }
            }
#endif
        }

        /// <summary>
        /// Decodes at most enough of <paramref name="bytes"/> for <paramref name="maxChars"/> characters and shortens the result
        /// to that bound (with an ellipsis), so that a huge value never becomes a huge string.
        /// </summary>
        public static string DecodeBounded(ReadOnlySpan<byte> bytes, int maxChars)
        {
            // Every character takes at most four bytes (a surrogate pair two characters for four bytes), so this many
            // bytes always give more than maxChars characters when the input is longer.
            int maxBytes = (maxChars + 1) * 4;
            if (bytes.Length > maxBytes)
            {
                int cut = maxBytes;
                while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
                {
                    cut--;
                }

                bytes = bytes.Slice(0, cut);
            }

            return TextExcerpt.Shorten(Decode(bytes), maxChars);
        }

        /// <summary>The offset of the first byte that is not part of a valid UTF-8 sequence, or -1 when all are valid.</summary>
        public static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
        {
            int i = 0;
            while (i < bytes.Length)
            {
                // Eight ASCII bytes at a time, the common case of an error body.
                if (bytes.Length - i >= 8 && (System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(bytes.Slice(i)) & 0x8080808080808080UL) == 0)
                {
                    i += 8;
                    continue;
                }

                byte b = bytes[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int length;
                int min;
                if ((b & 0xE0) == 0xC0)
                {
                    length = 2;
                    min = 0x80;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    length = 3;
                    min = 0x800;
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    length = 4;
                    min = 0x10000;
                }
                else
                {
                    return i;
                }

                if (i + length > bytes.Length)
                {
                    return i;
                }

                int value = b & (0xFF >> (length + 1));
                for (int k = 1; k < length; k++)
                {
                    byte c = bytes[i + k];
                    if ((c & 0xC0) != 0x80)
                    {
                        return i;
                    }

                    value = (value << 6) | (c & 0x3F);
                }

                // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
                if (value < min || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
                {
                    return i;
                }

                i += length;
            }

            return -1;
        }
    }
}

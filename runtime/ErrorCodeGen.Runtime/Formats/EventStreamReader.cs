using System;
using System.Buffers;
using System.Globalization;

namespace ErrorCodeGen.Formats
{
    /// <summary>Reads one event's data (a JSON text) into a builder with the provider's shape.</summary>
    internal delegate void EventFrameReader(ReadOnlySpan<byte> data, BodyBuilder builder);

    /// <summary>
    /// A pre-step of the body reader for Server-Sent Events (<c>text/event-stream</c>) bodies, before the wire format: the
    /// events are split (lines ending in LF, CRLF or CR; <c>data:</c> lines joined by LF; a blank line ends an event), and
    /// the data of each is read with the provider's format until one reports an error (Lamatic's streamed
    /// <c>{"status": "error", "data": {"errorMsg"}}</c>, or a GraphQL <c>errors</c> envelope): that event is the body's
    /// error. Bounded: the body's own limit, at most <see cref="ReaderLimits.MaxEventFrames"/> events, and an event with a
    /// line longer than <see cref="ReaderLimits.MaxEventLineBytes"/> is skipped unread. Never throws.
    /// </summary>
    internal static class EventStreamReader
    {
        private static readonly byte[] s_data = { (byte)'d', (byte)'a', (byte)'t', (byte)'a' };
        private static readonly byte[] s_newline = { (byte)'\n' };

        /// <summary>Whether a body that is not JSON starts as an event stream: a <c>data</c>, <c>event</c>, <c>id</c> or <c>retry</c> field, or a comment.</summary>
        public static bool LooksLikeEventStream(ReadOnlySpan<byte> body)
        {
            if (body.IsEmpty)
            {
                return false;
            }

            if (body[0] == (byte)':')
            {
                return true;
            }

            return IsField(body, "data") || IsField(body, "event") || IsField(body, "id") || IsField(body, "retry");
        }

        private static bool IsField(ReadOnlySpan<byte> body, string name)
        {
            if (body.Length <= name.Length)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                if (body[i] != (byte)name[i])
                {
                    return false;
                }
            }

            return body[name.Length] == (byte)':';
        }

        public static void Read(ReadOnlySpan<byte> body, BodyBuilder builder, EventFrameReader readFrame)
        {
            byte[]? joined = null;
            int joinedLength = 0;
            int dataLines = 0;
            int firstStart = 0, firstLength = 0;
            bool tooLong = false;
            int events = 0;
            int position = 0;
            try
            {
                while (position <= body.Length && events < ReaderLimits.MaxEventFrames)
                {
                    // One line: up to LF, CR or CRLF; the end of the body ends the last line.
                    int end = position;
                    while (end < body.Length && body[end] != (byte)'\n' && body[end] != (byte)'\r')
                    {
                        end++;
                    }

                    int lineStart = position;
                    ReadOnlySpan<byte> line = body.Slice(position, end - position);
                    bool atEnd = end >= body.Length;
                    position = end + (end < body.Length - 1 && body[end] == (byte)'\r' && body[end + 1] == (byte)'\n' ? 2 : 1);

                    if (line.Length > ReaderLimits.MaxEventLineBytes)
                    {
                        tooLong = true;
                    }
                    else if (line.Length > 0 && line[0] != (byte)':' && StartsWithData(line))
                    {
                        ReadOnlySpan<byte> value = line.Slice(s_data.Length);
                        if (!value.IsEmpty && value[0] == (byte)':')
                        {
                            value = value.Slice(1);
                            if (!value.IsEmpty && value[0] == (byte)' ')
                            {
                                value = value.Slice(1);
                            }
                        }
                        else
                        {
                            value = ReadOnlySpan<byte>.Empty;
                        }

                        if (dataLines == 0)
                        {
                            firstStart = lineStart + (line.Length - value.Length);
                            firstLength = value.Length;
                        }
                        else
                        {
                            if (dataLines == 1)
                            {
                                joinedLength = 0;
                                Append(ref joined, ref joinedLength, body.Slice(firstStart, firstLength));
                            }

                            Append(ref joined, ref joinedLength, s_newline);
                            Append(ref joined, ref joinedLength, value);
                        }

                        dataLines++;
                    }

                    bool dispatch = line.Length == 0 || atEnd;
                    if (dispatch && (dataLines > 0 || tooLong))
                    {
                        events++;
                        if (!tooLong)
                        {
                            ReadOnlySpan<byte> data = dataLines == 1 ? body.Slice(firstStart, firstLength) : new ReadOnlySpan<byte>(joined, 0, joinedLength);
                            if (ReadEvent(data, builder, readFrame))
                            {
                                return;
                            }
                        }

                        dataLines = 0;
                        tooLong = false;
                    }

                    if (atEnd)
                    {
                        break;
                    }
                }

                builder.Clear();
                builder.Kind = ErrorBodyKind.NotJson;
                builder.NonJsonExcerpt = TextExcerpt.FromNonJson(body);
                builder.Problem = "the body is an event stream (" + events.ToString(CultureInfo.InvariantCulture) + " events read) and no event reports an error";
            }
            finally
            {
                if (joined != null)
                {
                    Array.Clear(joined, 0, joinedLength);
                    ArrayPool<byte>.Shared.Return(joined);
                }
            }
        }

        /// <summary>Reads one event's data; true when it reports an error (then the builder holds it), else the builder is cleared.</summary>
        private static bool ReadEvent(ReadOnlySpan<byte> data, BodyBuilder builder, EventFrameReader readFrame)
        {
            int first = 0;
            while (first < data.Length && (data[first] == (byte)' ' || data[first] == (byte)'\t' || data[first] == (byte)'\n'))
            {
                first++;
            }

            if (first >= data.Length || (data[first] != (byte)'{' && data[first] != (byte)'['))
            {
                // "[DONE]" markers, plain text: not an error report.
                return false;
            }

            readFrame(data, builder);
            if (builder.HasErrorPayload)
            {
                return true;
            }

            builder.Clear();
            return false;
        }

        private static bool StartsWithData(ReadOnlySpan<byte> line)
        {
            if (line.Length < s_data.Length)
            {
                return false;
            }

            for (int i = 0; i < s_data.Length; i++)
            {
                if (line[i] != s_data[i])
                {
                    return false;
                }
            }

            return line.Length == s_data.Length || line[s_data.Length] == (byte)':';
        }

        private static void Append(ref byte[]? buffer, ref int length, ReadOnlySpan<byte> bytes)
        {
            int needed = length + bytes.Length;
            if (buffer is null || buffer.Length < needed)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 256));
                if (buffer != null)
                {
                    Array.Copy(buffer, larger, length);
                    Array.Clear(buffer, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                buffer = larger;
            }

            bytes.CopyTo(buffer.AsSpan(length));
            length = needed;
        }
    }
}

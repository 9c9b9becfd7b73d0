using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace ErrorCodeGen
{
    /// <summary>
    /// Replaces a response's content after <see cref="ErrorResponseReader.ReadAsync(ErrorWireFormat, HttpResponseMessage, CancellationToken)"/>
    /// has read it, so that the body is not lost: it replays the bytes read, then (for a body past the limit) the rest of the
    /// original stream, or (for a body that broke off) the same failure. It keeps the original content's headers and
    /// disposes the original content when it is disposed itself, as the response would have.
    /// </summary>
    internal sealed class ReplayableBodyContent : HttpContent
    {
        private readonly HttpContent _original;
        private readonly Stream? _rest;

        private ReplayableBodyContent(HttpContent original, byte[] prefix, bool exceedsLimit, Stream? rest, Exception? readException)
        {
            _original = original;
            _rest = rest;
            Prefix = prefix;
            ExceedsLimit = exceedsLimit;
            ReadException = readException;
#if NET8_0_OR_GREATER
            // The values as received: the validating enumeration would parse each header and make an array of it.
            foreach (KeyValuePair<string, HeaderStringValues> header in original.Headers.NonValidated)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
#else
            foreach (var header in original.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
#endif
        }

        /// <summary>The bytes read: the whole body, or what arrived before it broke off, or the first bytes past the limit.</summary>
        public byte[] Prefix { get; }

        /// <summary>Whether the body is longer than the limit (the rest is still in the original stream).</summary>
        public bool ExceedsLimit { get; }

        /// <summary>Why reading stopped early, when the body broke off.</summary>
        public Exception? ReadException { get; }

        /// <summary>
        /// The error read last from the response this content belongs to, with what it was read by, or null: a second read
        /// of the same response (the caller's, after <see cref="Http.ApiErrorRetryHandler"/> decided on it) is given it,
        /// with no second walk of the headers or parse of the body. One object, written and read whole, so that racing
        /// readers see one read or none.
        /// </summary>
        private ReadRecord? _lastRead;

        /// <summary>The error an earlier read gave for this very shape, status, clock and request, or null.</summary>
        public ErrorResponse? Recall(ErrorShape shape, int status, TimeProvider time, HttpRequestMessage? request)
        {
            ReadRecord? last = Volatile.Read(ref _lastRead);
            return last != null && ReferenceEquals(last.Shape, shape) && last.Response.HttpStatus == status && ReferenceEquals(last.Time, time) && ReferenceEquals(last.Request, request)
                ? last.Response
                : null;
        }

        /// <summary>Keeps <paramref name="response"/> as the read of this content by <paramref name="shape"/>, for <see cref="Recall"/>.</summary>
        public void Remember(ErrorShape shape, TimeProvider time, HttpRequestMessage? request, ErrorResponse response)
            => Volatile.Write(ref _lastRead, new ReadRecord(shape, time, request, response));

        /// <summary>Reads at most <paramref name="limit"/> bytes of <paramref name="content"/>; a failure mid-body keeps the bytes that arrived.</summary>
        public static async Task<ReplayableBodyContent> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
        {
            // Sized for the declared length when there is one (an error body is small), so that the bytes are written once
            // and, when the length was right, kept without a copy. The read chunk comes from the shared pool, not a new
            // 16 KB array per response, of the declared length and a byte more, else 4 KB; every byte a read was
            // allowed to write is cleared before it goes back, as the body may echo what the caller sent.
            long? declared = content.Headers.ContentLength;
            bool known = declared is long d && d > 0 && d <= limit;
            var buffer = new MemoryStream(known ? (int)declared!.Value : 256);
            int chunkSize = known && declared!.Value < MaxChunk ? (int)declared.Value + 1 : MaxChunk;
            Stream? stream = null;
            byte[] chunk = ArrayPool<byte>.Shared.Rent(chunkSize);
            int used = 0;
            try
            {
#if NET8_0_OR_GREATER
                stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                while (true)
                {
                    int want = (int)Math.Min(chunkSize, limit + 1 - buffer.Length);
                    used = Math.Max(used, want);
                    int n = await stream.ReadAsync(chunk, 0, want, cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return new ReplayableBodyContent(content, Bytes(buffer), exceedsLimit: false, rest: null, readException: null);
                    }

                    buffer.Write(chunk, 0, n);
                    if (buffer.Length > limit)
                    {
                        return new ReplayableBodyContent(content, Bytes(buffer), exceedsLimit: true, rest: stream, readException: null);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Whatever the transport or a decompressing stream throws (IOException, InvalidDataException,
                // HttpRequestException, a time-out, an authentication failure): the body broke off here.
                return new ReplayableBodyContent(content, Bytes(buffer), exceedsLimit: false, rest: null, readException: ex);
            }
            finally
            {
                Array.Clear(chunk, 0, used);
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        /// <summary>The largest read: 4 KB (an error body fits; a long one is read in several).</summary>
        private const int MaxChunk = 4 * 1024;

        /// <summary>The bytes written: the buffer itself when they fill it exactly (the declared length was right), else a copy.</summary>
        private static byte[] Bytes(MemoryStream buffer)
            => buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();

        /// <inheritdoc/>
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using Stream replay = new ReplayStream(this);
            await replay.CopyToAsync(stream).ConfigureAwait(false);
        }

        /// <inheritdoc/>
        protected override Task<Stream> CreateContentReadStreamAsync()
            => Task.FromResult<Stream>(_rest is null && ReadException is null ? new MemoryStream(Prefix, writable: false) : new ReplayStream(this));

        /// <inheritdoc/>
        protected override bool TryComputeLength(out long length)
        {
            length = Prefix.Length;
            return _rest is null && ReadException is null;
        }

        /// <inheritdoc/>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _rest?.Dispose();
                _original.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>One read of the body: what it was read by, and what it gave (with the status it was read at).</summary>
        private sealed class ReadRecord
        {
            public ReadRecord(ErrorShape shape, TimeProvider time, HttpRequestMessage? request, ErrorResponse response)
            {
                Shape = shape;
                Time = time;
                Request = request;
                Response = response;
            }

            public ErrorShape Shape { get; }

            public TimeProvider Time { get; }

            public HttpRequestMessage? Request { get; }

            public ErrorResponse Response { get; }
        }

        /// <summary>The bytes read, then the rest of the original stream (past the limit) or the original failure (broken off).</summary>
        private sealed class ReplayStream : Stream
        {
            private readonly ReplayableBodyContent _owner;
            private int _position;

            public ReplayStream(ReplayableBodyContent owner) => _owner = owner;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = FromPrefix(buffer, offset, count);
                return n > 0 || count == 0 ? n : _owner._rest?.Read(buffer, offset, count) ?? 0;
            }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                int n = FromPrefix(buffer, offset, count);
                if (n > 0 || count == 0)
                {
                    return n;
                }

                return _owner._rest is null ? 0 : await _owner._rest.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }

            private int FromPrefix(byte[] buffer, int offset, int count)
            {
                byte[] prefix = _owner.Prefix;
                int n = Math.Min(count, prefix.Length - _position);
                if (n > 0)
                {
                    Buffer.BlockCopy(prefix, _position, buffer, offset, n);
                    _position += n;
                    return n;
                }

                if (_owner.ReadException != null && count > 0)
                {
                    throw new IOException("The response body broke off after " + prefix.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes.", _owner.ReadException);
                }

                return 0;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}

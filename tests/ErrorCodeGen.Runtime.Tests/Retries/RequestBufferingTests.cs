using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>
/// The handler buffers a request body of known length before the first attempt, so that it can send it again; the caller's
/// cancellation ends that wait too (the Polly strategy makes a new request for each attempt and buffers nothing).
/// </summary>
public class RequestBufferingTests
{
    [Test]
    public async Task The_callers_cancellation_ends_the_buffering_of_a_request_body()
    {
        var inner = new ScriptedHandler((_, _) => new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        using var client = new HttpClient(new ApiErrorRetryHandler(inner, CmfyCloudErrors.Catalog)) { BaseAddress = new Uri("http://127.0.0.1:9/") };
        using var body = new StalledStream();
        var content = new StreamContent(body);
        content.Headers.ContentLength = 100;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // LoadIntoBufferAsync reads the body without the caller's token, so only the handler can end the wait.
        Task<HttpResponseMessage> put = client.PutAsync("/x", content, cts.Token);
        Task first = await Task.WhenAny(put, Task.Delay(TimeSpan.FromSeconds(10)));
        body.Release();

        Assert.That(first, Is.SameAs(put), "thrown when cancelled, not when the body's stream ends");
        Assert.That(async () => await put, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(inner.Calls, Is.Zero, "nothing is sent for a cancelled request");
    }

    [Test]
    public async Task A_ReadOnlyMemoryContent_above_the_buffer_limit_is_sent_again_on_every_build()
    {
        // It holds its bytes, so it is replayable as it is: on the netstandard2.0 build too, which cannot name the type.
        var inner = new FailsOnceReadingBodies();
        var options = new ApiErrorRetryOptions { TimeProvider = new RecordingTimeProvider(DateTimeOffset.UtcNow) };
        using var client = new HttpClient(new ApiErrorRetryHandler(inner, CmfyCloudErrors.Catalog, options)) { BaseAddress = new Uri("http://127.0.0.1:9/") };

        using HttpResponseMessage response = await client.PutAsync("/x", new ReadOnlyMemoryContent(new byte[2 * 1024 * 1024]));

        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        Assert.That(inner.Bodies.Select(b => b.Length), Is.EqualTo(new[] { 2 * 1024 * 1024, 2 * 1024 * 1024 }), "the whole body, both times");
    }
}

/// <summary>A body whose reads wait until released or until the read's own token is cancelled, and says when it is disposed.</summary>
internal sealed class StalledStream : Stream
{
    private readonly TaskCompletionSource<bool> _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Disposed { get; private set; }

    public void Release() => _released.TrySetResult(true);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        _released.Task.Wait();
        return 0;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}

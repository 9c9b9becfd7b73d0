using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen;
using ErrorCodeGen.Runtime.Tests.Infrastructure;
using ErrorCodeGen.Runtime.Tests.Retries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// FromResponseAsync never lets a body-reading failure escape (only the caller's cancellation), and never consumes the
/// response: the body stays readable and a second call gives the same result.
/// </summary>
[NonParallelizable]
public class ResponseBodyTests
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private const string TrainerBody = """{"error_code": 42258, "message": "FLUX.2 training settings have a high out-of-memory (OOM) risk."}""";

    [OneTimeSetUp]
    public async Task StartServer()
    {
        (_app, Uri address) = await LoopbackServer.StartAsync(app =>
        {
        app.MapGet("/ok-error", () => Results.Content(TrainerBody, "application/json", null, 422));
        app.MapGet("/corrupt-gzip", async (HttpContext context) =>
        {
            // Claims gzip, sends a valid header and then garbage: the client's automatic decompression throws.
            context.Response.StatusCode = 503;
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            // The 10-byte gzip header, then a deflate block of the reserved type 11: invalid data.
            byte[] corrupt = Gzip(TrainerBody).Take(10).Concat(new byte[] { 0x07 }).Concat(Enumerable.Repeat((byte)0xAB, 64)).ToArray();
            await context.Response.Body.WriteAsync(corrupt);
        });
        app.MapGet("/gzip", async (HttpContext context) =>
        {
            context.Response.StatusCode = 422;
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(Gzip(TrainerBody));
        });
        app.MapGet("/huge", async (HttpContext context) =>
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/json";
            byte[] chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
            for (int i = 0; i < 20; i++)
            {
                await context.Response.Body.WriteAsync(chunk);
            }

            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("{}"));
        });
        app.MapGet("/cut", async (HttpContext context) =>
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 200;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"error_code\": 50001, \"mess"));
            await context.Response.Body.FlushAsync();
            await Task.Delay(500);
            context.Abort();
        });
        app.MapGet("/sized/{length:int}/{declared}", async (HttpContext context, int length, string declared) =>
        {
            // A body of exactly `length` bytes (the message padded), sent in pieces of 1,000 bytes with their own flush;
            // with its Content-Length, or without one (chunked).
            context.Response.StatusCode = 422;
            context.Response.ContentType = "application/json";
            byte[] body = SizedBody(length);
            if (declared == "yes")
            {
                context.Response.ContentLength = body.Length;
            }

            for (int at = 0; at < body.Length; at += 1000)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(at, Math.Min(1000, body.Length - at)));
                await context.Response.Body.FlushAsync();
            }
        });

        });
        var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip };
        _client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _client.Dispose();
        await LoopbackServer.StopAsync(_app);
    }

    /// <summary>A Trainer error of exactly <paramref name="length"/> bytes: its message padded with <c>x</c>.</summary>
    private static byte[] SizedBody(int length)
    {
        const string Head = "{\"error_code\": 42258, \"message\": \"";
        const string Tail = "\"}";
        return Encoding.ASCII.GetBytes(Head + new string('x', length - Head.Length - Tail.Length) + Tail);
    }

    /// <summary>
    /// Bodies on either side of the reader's 4 KB chunk and of its multiples, arriving in pieces, with and without their
    /// length declared: each is read whole, classified, and replayed to the caller byte for byte.
    /// </summary>
    [TestCase(100, "yes"), TestCase(100, "no"), TestCase(4095, "yes"), TestCase(4096, "no"), TestCase(4097, "no")]
    [TestCase(4097, "yes"), TestCase(12288, "no"), TestCase(12289, "yes"), TestCase(70000, "no"), TestCase(70000, "yes")]
    public async Task A_body_of_any_length_is_read_whole_and_replayed_as_it_came(int length, string declared)
    {
        using HttpResponseMessage response = await _client.GetAsync("/sized/" + length + "/" + declared, HttpCompletionOption.ResponseHeadersRead);

        RunComfyTrainerException ex = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Flux2OomRisk));
        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Json));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(SizedBody(length)), "the body as it came");
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(length));
    }

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    [Test]
    public async Task A_corrupt_gzip_body_from_a_real_HttpClient_is_classified_not_thrown()
    {
        using HttpResponseMessage response = await _client.GetAsync("/corrupt-gzip", HttpCompletionOption.ResponseHeadersRead);
        RunComfyTrainerException ex = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Truncated));
        Assert.That(ex.HttpStatus, Is.EqualTo(503));
        Assert.That(ex.IsRetryable, Is.True, "retryable by the status rule");
        Assert.That(ex.InnerException, Is.InstanceOf<InvalidDataException>());
        Assert.That(ex.Response.ReadException, Is.SameAs(ex.InnerException));
        Assert.That(ex.Response.Problem, Does.Contain("InvalidDataException"));
    }

    [Test]
    public async Task A_gzip_body_is_read_and_stays_readable()
    {
        using HttpResponseMessage response = await _client.GetAsync("/gzip", HttpCompletionOption.ResponseHeadersRead);
        RunComfyTrainerException first = await RunComfyTrainerErrors.FromResponseAsync(response);
        RunComfyTrainerException second = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(first.Code, Is.EqualTo(RunComfyTrainerErrorCode.Flux2OomRisk));
        Assert.That(ReaderHardeningTests.Describe(second.Response), Is.EqualTo(ReaderHardeningTests.Describe(first.Response)));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(TrainerBody));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(TrainerBody), "and again");
    }

    [TestCase(HttpCompletionOption.ResponseHeadersRead)]
    [TestCase(HttpCompletionOption.ResponseContentRead)]
    public async Task After_FromResponseAsync_the_body_is_readable_and_a_second_call_agrees(HttpCompletionOption option)
    {
        using HttpResponseMessage response = await _client.GetAsync("/ok-error", option);
        RunComfyTrainerException first = await RunComfyTrainerErrors.FromResponseAsync(response);
        RunComfyTrainerException second = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(second.Code, Is.EqualTo(RunComfyTrainerErrorCode.Flux2OomRisk));
        Assert.That(second.Message, Is.EqualTo(first.Message));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(TrainerBody));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(Encoding.UTF8.GetBytes(TrainerBody)));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(Encoding.UTF8.GetByteCount(TrainerBody)));
    }

    [Test]
    public async Task A_second_read_of_the_same_response_is_the_first_read_until_what_it_depends_on_changes()
    {
        using HttpResponseMessage response = await _client.GetAsync("/ok-error");
        RunComfyTrainerException first = await RunComfyTrainerErrors.FromResponseAsync(response);
        RunComfyTrainerException second = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(second.Response, Is.SameAs(first.Response), "the same format, clock, status, request and content: read once");
        Assert.That(second, Is.Not.SameAs(first), "each call still makes the exception it returns");

        // Another clock (an HTTP-date Retry-After is a wait only against a clock): read again, to the same result.
        ApiErrorException otherClock = await RunComfyTrainerErrors.Catalog.FromResponseAsync(response, new RecordingTimeProvider(DateTimeOffset.UtcNow));
        Assert.That(otherClock.Response, Is.Not.SameAs(first.Response));
        Assert.That(ReaderHardeningTests.Describe(otherClock.Response), Is.EqualTo(ReaderHardeningTests.Describe(first.Response)));

        // Another format.
        RunwareException runware = await RunwareErrors.FromResponseAsync(response);
        Assert.That(runware.Response.Format, Is.EqualTo(ErrorWireFormat.Runware));
        Assert.That((await RunComfyTrainerErrors.FromResponseAsync(response)).Response, Is.Not.SameAs(first.Response), "only the last read is kept (Runware's), so this one reads again");

        // Another status, another request, another content: each is read again.
        response.StatusCode = HttpStatusCode.InternalServerError;
        RunComfyTrainerException afterStatus = await RunComfyTrainerErrors.FromResponseAsync(response);
        Assert.That(afterStatus.HttpStatus, Is.EqualTo(500));

        response.RequestMessage = new HttpRequestMessage(HttpMethod.Delete, "http://127.0.0.1/prod/v1/trainers/datasets/d1?token=SECRET");
        RunComfyTrainerException afterRequest = await RunComfyTrainerErrors.FromResponseAsync(response);
        Assert.That(afterRequest.Response, Is.Not.SameAs(afterStatus.Response));
        Assert.That(afterRequest.Response.RequestMethod, Is.EqualTo("DELETE"));
        Assert.That(afterRequest.Response.RequestPath, Is.EqualTo("/prod/v1/trainers/datasets/d1"));

        response.Content = new StringContent("""{"error_code": 40001, "message": "other"}""", Encoding.UTF8, "application/json");
        RunComfyTrainerException afterContent = await RunComfyTrainerErrors.FromResponseAsync(response);
        Assert.That(afterContent.Response.Errors[0].Message, Is.EqualTo("other"));
        Assert.That((await RunComfyTrainerErrors.FromResponseAsync(response)).Response, Is.SameAs(afterContent.Response), "and then kept again");
    }

    [Test]
    public async Task A_body_past_the_limit_is_replayed_whole_to_the_caller()
    {
        using HttpResponseMessage response = await _client.GetAsync("/huge", HttpCompletionOption.ResponseHeadersRead);
        RunComfyTrainerException first = await RunComfyTrainerErrors.FromResponseAsync(response);
        RunComfyTrainerException second = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(first.Response.BodyKind, Is.EqualTo(ErrorBodyKind.TooLarge));
        Assert.That(second.Response.BodyKind, Is.EqualTo(ErrorBodyKind.TooLarge));
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(body.Length, Is.EqualTo(20 * 64 * 1024 + 2));
        Assert.That(body, Does.EndWith("{}"));
    }

    [Test]
    public async Task A_body_that_broke_off_gives_the_same_result_twice_and_replays_what_arrived()
    {
        using HttpResponseMessage response = await _client.GetAsync("/cut", HttpCompletionOption.ResponseHeadersRead);
        RunComfyTrainerException first = await RunComfyTrainerErrors.FromResponseAsync(response);
        RunComfyTrainerException second = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(first.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Truncated));
        Assert.That(first.RawCode, Is.EqualTo("50001"));
        Assert.That(ReaderHardeningTests.Describe(second.Response), Is.EqualTo(ReaderHardeningTests.Describe(first.Response)));
        Assert.That(second.Response.Problem, Is.EqualTo(first.Response.Problem));
        Assert.That(second.InnerException, Is.Not.Null);

        Stream stream = await response.Content.ReadAsStreamAsync();
        var buffer = new MemoryStream();
        Assert.That(async () => await stream.CopyToAsync(buffer), Throws.InstanceOf<IOException>(), "the caller sees the break too");
    }

    private static Exception[] s_failures =
    {
        new InvalidDataException("The archive entry was compressed using an unsupported compression method."),
        new SocketException((int)SocketError.ConnectionReset),
        new TimeoutException("The operation has timed out."),
        new AuthenticationException("The remote certificate is invalid."),
        new NotSupportedException("Stream does not support reading."),
        new IOException("Unable to read data from the transport connection."),
        new HttpRequestException("Error while copying content to a stream."),
        new ObjectDisposedException("stream"),
        new InvalidOperationException("The stream was already consumed."),
        new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout."),
        new Exception("anything at all"),
    };

    [TestCaseSource(nameof(s_failures))]
    public async Task Any_failure_while_reading_the_body_becomes_a_classified_exception(Exception failure)
    {
        foreach (int afterBytes in new[] { 0, 20 })
        {
            using var response = new HttpResponseMessage((HttpStatusCode)503) { Content = new FailingContent(TrainerBody, afterBytes, failure) };
            RunComfyTrainerException ex = await RunComfyTrainerErrors.FromResponseAsync(response);

            Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Truncated));
            Assert.That(ex.HttpStatus, Is.EqualTo(503));
            Assert.That(ex.IsRetryable, Is.True);
            Assert.That(ex.InnerException, Is.SameAs(failure));
            Assert.That(ex.Response.Problem, Does.StartWith("the body broke off after " + afterBytes + " bytes (" + failure.GetType().Name + ")"));
        }
    }

    [Test]
    public async Task A_failure_opening_the_stream_is_classified_too()
    {
        using var response = new HttpResponseMessage((HttpStatusCode)502) { Content = new FailingContent(TrainerBody, -1, new SocketException()) };
        RunComfyTrainerException ex = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Truncated));
        Assert.That(ex.InnerException, Is.InstanceOf<SocketException>());
    }

    [Test]
    public void Only_the_callers_cancellation_is_thrown()
    {
        using var cts = new CancellationTokenSource();
        using var response = new HttpResponseMessage((HttpStatusCode)503) { Content = new FailingContent(TrainerBody, 10, null, cts) };

        Assert.That(async () => await RunComfyTrainerErrors.FromResponseAsync(response, cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_cancellation_that_is_not_the_callers_is_a_broken_body()
    {
        using var other = new CancellationTokenSource();
        other.Cancel();
        var failure = new OperationCanceledException(other.Token);
        using var response = new HttpResponseMessage((HttpStatusCode)503) { Content = new FailingContent(TrainerBody, 10, failure) };
        RunComfyTrainerException ex = await RunComfyTrainerErrors.FromResponseAsync(response, CancellationToken.None);

        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Truncated));
        Assert.That(ex.InnerException, Is.SameAs(failure));
    }

    /// <summary>Content whose stream gives <c>afterBytes</c> bytes of the body and then throws (or, with -1, fails to open).</summary>
    private sealed class FailingContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly int _afterBytes;
        private readonly Exception? _failure;
        private readonly CancellationTokenSource? _cancelOnRead;

        public FailingContent(string body, int afterBytes, Exception? failure, CancellationTokenSource? cancelOnRead = null)
        {
            _body = Encoding.UTF8.GetBytes(body);
            _afterBytes = afterBytes;
            _failure = failure;
            _cancelOnRead = cancelOnRead;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => throw new NotSupportedException();

        protected override Task<Stream> CreateContentReadStreamAsync()
        {
            if (_afterBytes < 0)
            {
                throw _failure!;
            }

            return Task.FromResult<Stream>(new FailingStream(this));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }

        private sealed class FailingStream(FailingContent owner) : Stream
        {
            private int _position;

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Yield();
                if (_position >= owner._afterBytes)
                {
                    if (owner._cancelOnRead != null)
                    {
                        owner._cancelOnRead.Cancel();
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    throw owner._failure!;
                }

                int n = Math.Min(count, owner._afterBytes - _position);
                Array.Copy(owner._body, _position, buffer, offset, n);
                _position += n;
                return n;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => _position; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}

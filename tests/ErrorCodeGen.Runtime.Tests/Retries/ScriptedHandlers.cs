using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>An inner handler for the retry layer's tests: the attempt (from 0) and the request give each response; it counts the calls.</summary>
internal sealed class ScriptedHandler(Func<int, HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public int Calls;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => Task.FromResult(respond(Interlocked.Increment(ref Calls) - 1, request));
}

/// <summary>Reads each request's whole body, then answers 503 once and 200 after.</summary>
internal sealed class FailsOnceReadingBodies : HttpMessageHandler
{
    /// <summary>Each request's body, in the order they came.</summary>
    public readonly ConcurrentQueue<byte[]> Bodies = new();

    public int Calls;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Bodies.Enqueue(request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken));
        return Interlocked.Increment(ref Calls) == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("{}") }
            : new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
    }
}

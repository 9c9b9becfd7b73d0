using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>One scripted answer of the fault server.</summary>
public enum Fault
{
    /// <summary>Record the job (once per idempotency key) and answer 201.</summary>
    None,

    /// <summary>429 <c>rate_limit_exceeded</c> with <c>Retry-After</c> in seconds, before recording.</summary>
    RateLimitSeconds,

    /// <summary>429 <c>rate_limit_exceeded</c> with <c>Retry-After</c> as an HTTP date, before recording.</summary>
    RateLimitDate,

    /// <summary>429 <c>rate_limit_exceeded</c> asking for an hour, before recording.</summary>
    RateLimitHour,

    /// <summary>503 <c>service_unavailable</c>, before recording.</summary>
    Unavailable,

    /// <summary>Record the job, then answer 500 <c>internal_error</c>.</summary>
    ErrorAfterRecording,

    /// <summary>Drop the connection before reading the request body.</summary>
    ResetBeforeRead,

    /// <summary>Read the request, record the job, then drop the connection.</summary>
    ResetAfterRecording,

    /// <summary>Answer 500 with a body that breaks off.</summary>
    BrokenBody,

    /// <summary>Answer after two seconds (past an attempt time-out).</summary>
    Slow,

    /// <summary>A proxy's HTML 502 page, before recording.</summary>
    HtmlBadGateway,

    /// <summary>403 with a GraphQL errors body, as for an expired access token, before recording.</summary>
    ExpiredToken,
}

/// <summary>
/// A Kestrel server on 127.0.0.1 (a random port) whose answers are scripted per job, and which counts how often each job
/// was processed. <c>POST /jobs/{id}</c> (or <c>GET</c>) answers the next scripted fault for that id, then success.
/// Jobs with an <c>Idempotency-Key</c> are processed once per key, as a server that honours keys does.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _scripts = new();
    private readonly ConcurrentDictionary<string, int> _processed = new();
    private readonly ConcurrentDictionary<string, byte> _keys = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _authorizations = new();
    private int _requests;

    public const int RetryAfterSeconds = 2;

    private FaultServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Requests received, all jobs together.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<FaultServer> StartAsync(Func<DateTimeOffset>? now = null)
    {
        Func<DateTimeOffset> clock = now ?? (() => DateTimeOffset.UtcNow);
        FaultServer? server = null;
        (WebApplication app, Uri address) = await LoopbackServer.StartAsync(
            app => app.Map("/jobs/{id}", (HttpContext context, string id) => server!.HandleAsync(context, id, clock)));
        server = new FaultServer(app) { Address = address };
        return server;
    }

    /// <summary>The faults job <paramref name="id"/> answers, in order; after them it succeeds.</summary>
    public void Script(string id, params Fault[] faults) => _scripts[id] = new ConcurrentQueue<Fault>(faults);

    /// <summary>How often job <paramref name="id"/> was processed.</summary>
    public int Processed(string id) => _processed.TryGetValue(id, out int n) ? n : 0;

    /// <summary>The Authorization header of each request for job <paramref name="id"/>, in order ("" when there was none).</summary>
    public string[] Authorizations(string id) => _authorizations.TryGetValue(id, out var q) ? q.ToArray() : Array.Empty<string>();

    /// <summary>Every job processed more than once.</summary>
    public string[] Duplicates() => _processed.Where(p => p.Value > 1).Select(p => p.Key).ToArray();

    /// <summary>A port on 127.0.0.1 where nothing listens (connections are refused).</summary>
    public static Uri ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return new Uri("http://127.0.0.1:" + port + "/");
    }

    private async Task HandleAsync(HttpContext context, string id, Func<DateTimeOffset> now)
    {
        Interlocked.Increment(ref _requests);
        Fault fault = _scripts.TryGetValue(id, out var queue) && queue.TryDequeue(out Fault next) ? next : Fault.None;
        HttpResponse response = context.Response;
        response.Headers["X-Request-Id"] = "req_" + id;
        _authorizations.GetOrAdd(id, _ => new ConcurrentQueue<string>()).Enqueue(context.Request.Headers.Authorization.ToString());
        switch (fault)
        {
            case Fault.ExpiredToken:
                response.StatusCode = 403;
                response.ContentType = "application/json";
                await response.WriteAsync("{\"errors\":[{\"message\":\"Forbidden: the access token has expired\"}]}");
                return;
            case Fault.ResetBeforeRead:
                context.Abort();
                return;
            case Fault.RateLimitSeconds:
                response.Headers["Retry-After"] = RetryAfterSeconds.ToString();
                await WriteAsync(response, 429, "rate_limit_exceeded", "Rate limit exceeded");
                return;
            case Fault.RateLimitDate:
                response.Headers["Retry-After"] = now().AddSeconds(30).ToString("r");
                await WriteAsync(response, 429, "rate_limit_exceeded", "Rate limit exceeded");
                return;
            case Fault.RateLimitHour:
                response.Headers["Retry-After"] = "3600";
                await WriteAsync(response, 429, "rate_limit_exceeded", "Rate limit exceeded");
                return;
            case Fault.Unavailable:
                await WriteAsync(response, 503, "service_unavailable", "Service unavailable");
                return;
            case Fault.HtmlBadGateway:
                response.StatusCode = 502;
                response.ContentType = "text/html";
                await response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
                return;
            case Fault.BrokenBody:
                response.StatusCode = 500;
                response.ContentType = "application/json";
                response.ContentLength = 400;
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"error\":{\"code\":\"internal_error\",\"mess"));
                await response.Body.FlushAsync();
                await Task.Delay(100);
                context.Abort();
                return;
            case Fault.Slow:
                await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted).ContinueWith(_ => { });
                break;
        }

        // Read the request body whole before acting on it, as a real server does.
        using (var reader = new StreamReader(context.Request.Body))
        {
            await reader.ReadToEndAsync();
        }

        string? key = context.Request.Headers["Idempotency-Key"];
        bool first = string.IsNullOrEmpty(key) || _keys.TryAdd(key!, 0);
        if (first && !HttpMethods.IsGet(context.Request.Method))
        {
            _processed.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        switch (fault)
        {
            case Fault.ErrorAfterRecording:
                await WriteAsync(response, 500, "internal_error", "Internal server error");
                return;
            case Fault.ResetAfterRecording:
                context.Abort();
                return;
        }

        response.StatusCode = HttpMethods.IsGet(context.Request.Method) ? 200 : 201;
        response.ContentType = "application/json";
        await response.WriteAsync("{\"job_id\":" + JsonSerializer.Serialize(id) + "}");
    }

    private static Task WriteAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        return response.WriteAsync("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"request_id\":\"req_body\"}}");
    }

    public async ValueTask DisposeAsync() => await LoopbackServer.StopAsync(_app);
}

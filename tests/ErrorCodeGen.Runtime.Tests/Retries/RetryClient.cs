using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using ErrorCodeGen.Polly;
using Polly;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>The two ways an SDK retries with ErrorCodeGen, which must behave the same.</summary>
public enum RetryLayer
{
    /// <summary><see cref="ApiErrorRetryHandler"/> in the <see cref="HttpClient"/>.</summary>
    Handler,

    /// <summary>A Polly pipeline with <c>AddApiErrorRetry</c> around a plain <see cref="HttpClient"/>.</summary>
    Polly,
}

/// <summary>Sends through the retry layer under test; a request is made fresh for each attempt.</summary>
public sealed class RetryClient : IDisposable
{
    private readonly ResiliencePipeline<HttpResponseMessage>? _pipeline;

    private RetryClient(HttpClient http, ResiliencePipeline<HttpResponseMessage>? pipeline)
    {
        Http = http;
        _pipeline = pipeline;
    }

    /// <summary>The client underneath (for default headers).</summary>
    public HttpClient Http { get; }

    public static RetryClient Create(RetryLayer layer, IErrorCatalog catalog, ApiErrorRetryOptions options, Uri address, HttpMessageHandler? inner = null)
    {
        inner ??= new SocketsHttpHandler();
        if (layer == RetryLayer.Handler)
        {
            return new RetryClient(new HttpClient(new ApiErrorRetryHandler(inner, catalog, options)) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }, null);
        }

        ResiliencePipeline<HttpResponseMessage> pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddApiErrorRetry(catalog, options)
            .Build();
        return new RetryClient(new HttpClient(inner) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }, pipeline);
    }

    public Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken = default)
        => _pipeline is null ? Http.SendAsync(createRequest(), cancellationToken) : _pipeline.SendAsync(Http, createRequest, cancellationToken);

    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken = default)
        => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public void Dispose() => Http.Dispose();
}

using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ErrorCodeGen.Runtime.Tests.Infrastructure;

/// <summary>A real Kestrel server for HTTP tests, on 127.0.0.1 and a random port only (never another address).</summary>
public static class LoopbackServer
{
    /// <summary>Starts a server with the endpoints <paramref name="map"/> adds; returns it and its address.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(Action<WebApplication> map)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        if (address.Host != "127.0.0.1")
        {
            await app.DisposeAsync();
            throw new InvalidOperationException("Test servers listen on loopback only, not " + address);
        }

        return (app, address);
    }

    /// <summary>Stops and disposes a server started by <see cref="StartAsync"/>.</summary>
    public static async Task StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

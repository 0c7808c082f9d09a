using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenDvc.Tests.Surveys;

/// <summary>
/// A stand-in for a unit's portal on 127.0.0.1 (a free port): <c>/ok</c> answers 200, <c>/slow</c> after 5 seconds,
/// <c>/error</c> 500; it counts the requests. <see cref="DownUrl"/> is a port nothing listens on.
/// </summary>
public sealed class LocalPortal : IAsyncDisposable
{
    private readonly WebApplication app;
    private int hits;

    private LocalPortal(WebApplication app) => this.app = app;

    public int Hits => Volatile.Read(ref hits);

    public Uri BaseAddress => new(app.Urls.Single());

    public static async Task<LocalPortal> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var portal = new LocalPortal(app);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref portal.hits);
            return next(context);
        });
        app.MapGet("/ok", () => "ok");
        app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            return "late";
        });
        app.MapGet("/error", () => Results.StatusCode(500));
        await app.StartAsync();
        return portal;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>An address on 127.0.0.1 where nothing listens: a port taken from the system and let go.</summary>
    public static string DownUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

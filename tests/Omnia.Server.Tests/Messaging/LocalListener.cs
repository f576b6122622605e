using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Omnia.Server.Tests.Messaging;

/// <summary>
/// A Kestrel server on a free loopback port standing in for a provider's cloud (Twilio, FCM, a webhook receiver): the
/// test maps the provider's documented routes and checks each request's format and authentication there.
/// </summary>
public sealed class LocalListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalListener(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<LocalListener> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = OmniaProcess.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new LocalListener(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>The request body as bytes.</summary>
    public static async Task<byte[]> BodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Server;
using Microsoft.Extensions.Logging;
using Omnia.Server.Processing;

namespace Omnia.Server.Tests;

/// <summary>A real Omnia node on a free loopback port with its own temporary data directory.</summary>
public sealed class TestNode : IAsyncDisposable
{
    public const string AdminKey = "ak_test_admin_key";
    public const string WriteKey = "wk_test_write_key";
    public const string OwnerEmail = "owner@example.com";
    public const string OwnerPassword = "owner password 1";

    private readonly Func<OmniaServerOptions, OmniaServerOptions>? _configure;
    private bool _restarted;

    private TestNode(WebApplication app, string directory, Uri baseAddress, Func<OmniaServerOptions, OmniaServerOptions>? configure = null)
    {
        _configure = configure;
        App = app;
        DataDirectory = directory;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public HttpClient Client { get; }

    public static async Task<TestNode> StartAsync(
        bool demo = false, int demoCustomers = 300, string? directory = null, long maxDerivedLag = 250_000, Func<OmniaServerOptions, OmniaServerOptions>? configure = null)
    {
        directory ??= Directory.CreateTempSubdirectory("omnia-node-").FullName;
        var options = new OmniaServerOptions
        {
            DataDirectory = directory,
            Urls = ["http://127.0.0.1:0"],
            Demo = demo,
            DemoCustomers = demoCustomers,
            Bootstrap = new BootstrapSettings(AdminKey, WriteKey, OwnerEmail, OwnerPassword),
            MaxDerivedLag = maxDerivedLag,
        };
        options = configure?.Invoke(options) ?? options;
        var app = OmniaServer.Build(options, b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await OmniaServer.StartAsync(app);
        return new TestNode(app, directory, new Uri(OmniaServer.Addresses(app).First()), configure);
    }

    /// <summary>Stops this node and starts a new one on the same data directory (a restart); this instance is then spent.</summary>
    public async Task<TestNode> RestartAsync()
    {
        _restarted = true;
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return await StartAsync(directory: DataDirectory, configure: _configure);
    }

    /// <summary>POSTs JSON to a Segment endpoint with the write key as HTTP Basic user name.</summary>
    public Task<HttpResponseMessage> SendAsync(string path, string json, string? writeKey = WriteKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (writeKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        }

        return Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null, string? key = AdminKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>GET on the admin API, parsed; fails the test on a non-success status.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await AdminAsync(HttpMethod.Get, path);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Looks a profile up through the automation-contract route.</summary>
    public async Task<HttpResponseMessage> LookupAsync(string type, string value) =>
        await AdminAsync(HttpMethod.Get, $"/api/v1/workspaces/default/profiles/lookup?type={Uri.EscapeDataString(type)}&value={Uri.EscapeDataString(value)}");

    public async Task<JsonElement> ProfileAsync(string type, string value)
    {
        await CatchUpAsync();
        return await GetJsonAsync($"/api/v1/workspaces/default/profiles/lookup?type={Uri.EscapeDataString(type)}&value={Uri.EscapeDataString(value)}");
    }

    /// <summary>Waits until profiles reflect everything in the log.</summary>
    public Task CatchUpAsync() => App.Services.GetRequiredService<ProcessingService>().CatchUpAsync().WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Waits until profiles and segment membership reflect everything in the log.</summary>
    public Task AudiencesCaughtUpAsync() => App.Services.GetRequiredService<Omnia.Server.Processing.ProcessingService>().AudiencesCaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(120));

    /// <summary>Sends a JSON text body to the admin API.</summary>
    public async Task<HttpResponseMessage> AdminTextAsync(HttpMethod method, string path, string json)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        if (_restarted)
        {
            return;
        }

        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}

using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Omnia.Server;
using Omnia.Server.Audiences;
using Omnia.Server.Processing;

namespace Omnia.Dashboard.Tests;

/// <summary>
/// One real Omnia node with the demo dataset (300 customers) on a free loopback port, and one headless
/// Chromium (Debian's, never a downloaded one) for every browser test.
/// </summary>
public sealed class DashboardNode : IAsyncLifetime
{
    public const string OwnerEmail = "owner@example.com";
    public const string OwnerPassword = "correct horse battery staple";
    public const string AdminKey = "ak_dashboard_tests";
    public const string WriteKey = "wk_dashboard_tests";
    public const string ChromiumPath = "/usr/bin/chromium";

    private string _directory = "";
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public HttpClient Http { get; private set; } = default!;

    /// <summary>The node's services (its endpoints, stores), for tests that enumerate what it serves.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>Render times (Server-Timing <c>app;dur</c>) per page, collected by the tests.</summary>
    public RenderTimes RenderTimes { get; } = new();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (apt-get install -y chromium).");
        }

        _directory = Directory.CreateTempSubdirectory("omnia-dashboard-").FullName;
        var options = new OmniaServerOptions
        {
            DataDirectory = _directory,
            Urls = ["http://127.0.0.1:0"],
            Demo = true,
            DemoCustomers = 300,
            Bootstrap = new BootstrapSettings(AdminKey, WriteKey, OwnerEmail, OwnerPassword),
        };
        _app = OmniaServer.Build(options, b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await OmniaServer.StartAsync(_app);
        BaseAddress = new Uri(OmniaServer.Addresses(_app).First());
        Http = new HttpClient { BaseAddress = BaseAddress };

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a page at the node's address, 1366×900.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form, as a person would, and waits for the overview.</summary>
    public async Task<IPage> SignedInPageAsync(string email = OwnerEmail, string password = OwnerPassword)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("input[type=email]", email);
        await page.FillAsync("input[type=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/w/", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Sends one event through the Segment-compatible API with the bootstrap write key.</summary>
    public async Task SendAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(WriteKey + ":")));
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public Task CatchUpAsync() =>
        _app!.Services.GetRequiredService<ProcessingService>().CatchUpAsync().WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Completes when every event is in profiles and every profile change, timer and recompute is in segment membership.</summary>
    public Task AudiencesCaughtUpAsync() =>
        _app!.Services.GetRequiredService<ProcessingService>().AudiencesCaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Calls the admin API with the bootstrap admin key; returns the status and the body.</summary>
    public async Task<(int Status, string Body)> AdminAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The owner adds a user with <paramref name="role"/> (as the Role field lists it, e.g. "Viewer") in Settings → Users.</summary>
    public async Task<(string Email, string Password)> AddUserAsync(string role)
    {
        string email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..(role.Length + 9)] + "@example.com";
        string password = $"{role} password 1";
        var owner = await SignedInPageAsync();
        await owner.GotoAsync("/w/default/settings/users");
        await owner.GetByLabel("Email").FillAsync(email);
        await owner.GetByLabel("Role").SelectOptionAsync(role);
        await owner.GetByLabel("Initial password").FillAsync(password);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#user-added")).ToContainTextAsync($"{email} can now sign in");
        await owner.Context.CloseAsync();
        return (email, password);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        RenderTimes.Write(Path.Combine(Artifacts.Directory, "render-times.md"));
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardNode>
{
    public const string Name = "dashboard";
}

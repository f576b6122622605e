using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Omnia.Server;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardNode node)
{
    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_the_sign_in_form()
    {
        var page = await node.NewPageAsync();
        var response = await page.GotoAsync("/");

        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("form input[type=email]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form input[type=password]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form button[type=submit]")).ToHaveTextAsync("Sign in");
        await Assertions.Expect(page.GetByLabel("Email")).ToBeFocusedAsync();
        await Artifacts.ScreenshotAsync(page, "01-sign-in");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_says_so_without_revealing_whether_the_email_has_an_account()
    {
        var page = await node.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("input[type=email]", DashboardNode.OwnerEmail);
        await page.FillAsync("input[type=password]", "not the password");
        await page.ClickAsync("button[type=submit]");

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToHaveTextAsync("That email and password do not match an account. Check both and try again.");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("input[type=email]")).ToHaveValueAsync(DashboardNode.OwnerEmail);
        await Assertions.Expect(page.Locator("input[type=password]")).ToHaveValueAsync("");
        await Artifacts.ScreenshotAsync(page, "02-sign-in-wrong-password");

        await page.FillAsync("input[type=email]", "nobody@example.com");
        await page.FillAsync("input[type=password]", "not the password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(alert).ToHaveTextAsync("That email and password do not match an account. Check both and try again.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_form_is_submitted_with_the_Enter_key_and_the_skip_link_comes_first()
    {
        var page = await node.NewPageAsync();
        await page.GotoAsync("/signin");
        // The email field has the focus when the page is ready: typing before that (a loaded machine) would go nowhere.
        await Assertions.Expect(page.Locator("input[type=email]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DashboardNode.OwnerEmail);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DashboardNode.OwnerPassword);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/w/default");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#main")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_signing_in_again_returns_to_the_page_asked_for()
    {
        var page = await node.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.WaitForURLAsync("**/signin?signedOut=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out.");
        await page.GotoAsync("/w/default/profiles");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);

        // Signing in again returns to the page that asked for it.
        await page.FillAsync("input[type=email]", DashboardNode.OwnerEmail);
        await page.FillAsync("input[type=password]", DashboardNode.OwnerPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/w/default/profiles");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Profiles");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_first_start_without_settings_the_owner_signs_in_with_the_generated_password()
    {
        string directory = Directory.CreateTempSubdirectory("omnia-first-run-").FullName;
        var app = OmniaServer.Build(
            new OmniaServerOptions { DataDirectory = directory, Urls = ["http://127.0.0.1:0"], Bootstrap = new BootstrapSettings(null, null, null, null) },
            b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        try
        {
            var firstRun = await OmniaServer.StartAsync(app);
            Assert.NotNull(firstRun);
            Assert.Equal("owner@localhost", firstRun.OwnerEmail);
            Assert.Matches("^[A-Za-z0-9]{20}$", firstRun.GeneratedOwnerPassword);

            var context = await node.Browser.NewContextAsync(new() { BaseURL = OmniaServer.Addresses(app).First() });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await page.FillAsync("input[type=email]", firstRun.OwnerEmail!);
            await page.FillAsync("input[type=password]", firstRun.GeneratedOwnerPassword!);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/w/default");
            await Assertions.Expect(page.Locator(".account .role-badge")).ToHaveTextAsync("owner");
            await Assertions.Expect(page.Locator("#tile-profiles [data-value]")).ToHaveTextAsync("0");
            await context.CloseAsync();

            // A restart does not create another owner or print a password again.
            Assert.Null((await app.Services.GetRequiredService<Omnia.Server.Hosting.FirstRun>().EnsureAsync(new BootstrapSettings(null, null, null, null)))?.GeneratedOwnerPassword);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}

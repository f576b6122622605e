using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;
using Omnia.Server.Dashboard.Accounts;

namespace Omnia.Server.Tests.Security;

/// <summary>
/// Taking access away works on the very next request: a copied session cookie dies with sign-out, deactivation, a
/// role change or a password change, a revoked admin key is refused at once, and none of them comes back after a restart.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string Password = "Session check 42";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it_also_after_a_restart()
    {
        using var browser = await DashboardHttp.SignInAsync(_node);
        string cookie = SessionCookie(browser);
        Assert.Equal(HttpStatusCode.OK, await PageStatusAsync(cookie));

        var signOut = (await browser.FormsAsync("/w/default")).Single(f => f.Action == "/signout");
        using (var response = await browser.PostAsync(signOut))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Found, await PageStatusAsync(cookie));
        _node = await _node.RestartAsync();
        Assert.Equal(HttpStatusCode.Found, await PageStatusAsync(cookie));
    }

    [Fact]
    public async Task A_session_survives_a_restart_until_it_is_ended()
    {
        using var browser = await DashboardHttp.SignInAsync(_node);
        string cookie = SessionCookie(browser);

        _node = await _node.RestartAsync();

        Assert.Equal(HttpStatusCode.OK, await PageStatusAsync(cookie));
    }

    [Theory]
    [InlineData("deactivate")]
    [InlineData("role")]
    [InlineData("password")]
    public async Task Deactivation_a_role_change_and_a_password_change_end_the_users_sessions_on_the_next_request(string change)
    {
        var user = await AddUserAsync("ana@example.com", Role.Marketer);
        using var ana = await DashboardHttp.SignInAsync(_node, user.Email, Password);
        string cookie = SessionCookie(ana);
        Assert.Equal(HttpStatusCode.OK, await PageStatusAsync(cookie));

        if (change == "password")
        {
            var form = (await ana.FormsAsync("/w/default/settings/account")).Single(f => f.Fields.ContainsKey("Password.Current"));
            form.Fields["Password.Current"] = Password;
            form.Fields["Password.Replacement"] = "A brand new passphrase 9";
            using var changed = await ana.PostAsync(form);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            // The browser that changed it stays signed in; a copy of an older session does not.
            using var other = await DashboardHttp.SignInAsync(_node, user.Email, "A brand new passphrase 9");
            Assert.Equal(HttpStatusCode.OK, await PageStatusAsync(SessionCookie(ana)));
            using var stale = await DashboardHttp.SignInAsync(_node, user.Email, "A brand new passphrase 9");
            string staleCookie = SessionCookie(stale);
            var second = (await ana.FormsAsync("/w/default/settings/account")).Single(f => f.Fields.ContainsKey("Password.Current"));
            second.Fields["Password.Current"] = "A brand new passphrase 9";
            second.Fields["Password.Replacement"] = "Yet another passphrase 3";
            using var again = await ana.PostAsync(second);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(HttpStatusCode.Found, await PageStatusAsync(staleCookie));
            return;
        }

        string body = change == "deactivate" ? """{"active":false}""" : """{"role":"viewer"}""";
        using var response = await _node.Client.SendAsync(Callers.Request(HttpMethod.Patch, $"/api/v1/workspaces/default/users/{user.Id}", TestNode.AdminKey, body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(HttpStatusCode.Found, await PageStatusAsync(cookie));
        _node = await _node.RestartAsync();
        Assert.Equal(HttpStatusCode.Found, await PageStatusAsync(cookie));
        if (change == "deactivate")
        {
            var forms = await DashboardHttp.Anonymous(_node.Client.BaseAddress!).FormsAsync("/signin");
            Assert.Single(forms);
            var anonymous = DashboardHttp.Anonymous(_node.Client.BaseAddress!);
            var signIn = Assert.Single(await anonymous.FormsAsync("/signin"));
            signIn.Fields["Form.Email"] = user.Email;
            signIn.Fields["Form.Password"] = Password;
            using var refused = await anonymous.PostAsync(signIn);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(UserAccounts.SignInFailed, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_last_owner_of_every_workspace_cannot_be_deactivated_or_demoted()
    {
        var owner = (await _node.App.Services.GetRequiredService<IUserStore>().FindCredentialsAsync(TestNode.OwnerEmail))!.User;

        using var demote = await _node.Client.SendAsync(Callers.Request(HttpMethod.Patch, $"/api/v1/workspaces/default/users/{owner.Id}", TestNode.AdminKey, """{"role":"viewer"}"""));
        using var deactivate = await _node.Client.SendAsync(Callers.Request(HttpMethod.Patch, $"/api/v1/workspaces/default/users/{owner.Id}", TestNode.AdminKey, """{"active":false}"""));

        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deactivate.StatusCode);
        Assert.Contains("last active owner", await deactivate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_admin_key_is_refused_on_its_next_request_and_after_a_restart()
    {
        using var created = await _node.Client.SendAsync(Callers.Request(HttpMethod.Post, "/api/v1/workspaces/default/keys", TestNode.AdminKey, """{"name":"ci","role":"analyst"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        string secret = json.GetProperty("secret").GetString()!;
        int id = json.GetProperty("key").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await _node.Client.SendAsync(Callers.Request(HttpMethod.Get, "/api/v1/workspaces/default/sources", secret))).StatusCode);

        using var revoked = await _node.Client.SendAsync(Callers.Request(HttpMethod.Delete, $"/api/v1/workspaces/default/keys/{id}", TestNode.AdminKey));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _node.Client.SendAsync(Callers.Request(HttpMethod.Get, "/api/v1/workspaces/default/sources", secret))).StatusCode);
        _node = await _node.RestartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await _node.Client.SendAsync(Callers.Request(HttpMethod.Get, "/api/v1/workspaces/default/sources", secret))).StatusCode);
        var keys = await _node.GetJsonAsync("/api/v1/workspaces/default/keys");
        var listed = keys.EnumerateArray().Single(k => k.GetProperty("id").GetInt32() == id);
        Assert.True(listed.TryGetProperty("revokedAt", out _));
        Assert.True(listed.TryGetProperty("lastUsedAt", out _), "The key's last use is listed.");
    }

    [Fact]
    public async Task An_expired_admin_key_is_refused()
    {
        var store = _node.App.Services.GetRequiredService<IWorkspaceStore>();
        string key = SecretKeys.NewAdminKey();
        await store.CreateApiKeyAsync(null, "short-lived", Role.Owner, SecretKeys.Hash(key), SecretKeys.Prefix(key), DateTimeOffset.UtcNow.AddSeconds(-1));

        using var response = await _node.Client.SendAsync(Callers.Request(HttpMethod.Get, "/api/v1/workspaces", key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<User> AddUserAsync(string email, Role role)
    {
        var accounts = _node.App.Services.GetRequiredService<UserAccounts>();
        var workspace = (await _node.App.Services.GetRequiredService<IWorkspaceStore>().FindWorkspaceAsync("default"))!;
        var (user, errors) = await accounts.AddAsync(email, Password, role, false, [workspace], CancellationToken.None);
        Assert.True(user is not null, string.Join(" ", errors));
        return user!;
    }

    private static string SessionCookie(DashboardHttp browser)
    {
        var handlerCookies = browser.Cookies.GetCookies(browser.Client.BaseAddress!);
        return handlerCookies[DashboardUsers.CookieName]!.Value;
    }

    /// <summary>GET of a dashboard page with only this session cookie, as a thief holding a copy of it would send.</summary>
    private async Task<HttpStatusCode> PageStatusAsync(string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _node.Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/w/default/profiles");
        request.Headers.Add("Cookie", $"{DashboardUsers.CookieName}={cookie}");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}

using System.Net;
using Omnia.Server.Dashboard.Accounts;
using Omnia.Server.Security;

namespace Omnia.Server.Tests.Security;

/// <summary>
/// Password guessing is slowed, then locked, and the lock cannot keep the owner out: it ends by itself, and the
/// owner's own browser (one the account signed in from before) gets in even while it lasts. The windows are short
/// here (1 s first wait, a 4 s lockout after 5 failures) so the test runs in seconds; the defaults are in SecurityOptions.
/// </summary>
public sealed class BruteForceTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(configure: o => o with
    {
        Security = new SecurityOptions { FailuresBeforeDelay = 3, FirstDelay = TimeSpan.FromSeconds(1), LockoutFailures = 5, LockoutDuration = TimeSpan.FromSeconds(4) },
    });

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Guessing_is_slowed_then_locked_the_owners_browser_still_gets_in_and_everyone_after_the_lockout()
    {
        using var ownersBrowser = await DashboardHttp.SignInAsync(_node);
        using var attacker = DashboardHttp.Anonymous(_node.Client.BaseAddress!);

        for (int i = 0; i < 3; i++)
        {
            using var wrong = await TryAsync(attacker, "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains(UserAccounts.SignInFailed, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The fourth try must wait, even with the right password.
        using (var slowed = await TryAsync(attacker, TestNode.OwnerPassword))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
            Assert.True(int.Parse(slowed.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Contains("Too many failed sign-ins", await slowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Waiting out the growing delays, two more failures lock the account.
        var waits = new List<int>();
        for (int i = 0; i < 2; i++)
        {
            waits.Add(await WaitUntilAllowedAsync(attacker));
            using var wrong = await TryAsync(attacker, "still wrong " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using (var locked = await TryAsync(attacker, TestNode.OwnerPassword))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.True(int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 3, "The lockout lasts its whole duration.");
        }

        Assert.True(waits[1] >= waits[0], $"The waits grow: {string.Join(", ", waits)} s");

        // The owner's own browser is not locked out.
        using (var owner = await TryAsync(ownersBrowser, TestNode.OwnerPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        }

        // After the lockout window anyone with the right password gets in.
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        using var after = await TryAsync(attacker, TestNode.OwnerPassword);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Guessing_an_unknown_email_is_slowed_like_a_real_one()
    {
        using var attacker = DashboardHttp.Anonymous(_node.Client.BaseAddress!);
        for (int i = 0; i < 3; i++)
        {
            using var wrong = await TryAsync(attacker, "guess " + i, "nobody@example.com");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var slowed = await TryAsync(attacker, "guess 4", "nobody@example.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
    }

    private static async Task<HttpResponseMessage> TryAsync(DashboardHttp browser, string password, string email = TestNode.OwnerEmail)
    {
        var form = Assert.Single(await browser.FormsAsync("/signin"));
        form.Fields["Form.Email"] = email;
        form.Fields["Form.Password"] = password;
        return await browser.PostAsync(form);
    }

    /// <summary>Reads the wait from a refused try (with the right password, which does not count while refused) and sleeps it.</summary>
    private static async Task<int> WaitUntilAllowedAsync(DashboardHttp browser)
    {
        using var probe = await TryAsync(browser, TestNode.OwnerPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, probe.StatusCode);
        int seconds = int.Parse(probe.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(TimeSpan.FromSeconds(seconds + 0.2));
        return seconds;
    }
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Omnia.Core.Users;

namespace Omnia.Server.Tests.Security;

/// <summary>Two-factor sign-in, invitations and the password policy, as a person uses them in the dashboard.</summary>
public sealed partial class AccountTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task With_two_factor_on_sign_in_needs_the_current_code_and_a_code_works_once()
    {
        using var owner = await DashboardHttp.SignInAsync(_node);
        var setup = (await owner.FormsAsync("/w/default/settings/account")).Single(f => f.Fields.TryGetValue("TwoFactor.Code", out var v) && v == "setup");
        using var shown = await owner.PostAsync(setup);
        string page = await shown.Content.ReadAsStringAsync();
        string secret = SecretPattern().Match(page).Groups["secret"].Value;
        Assert.Contains("otpauth://totp/Omnia:", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        byte[] key = Base32.Decode(secret)!;

        var confirm = Forms(page, "/w/default/settings/account").Single(f => f.Fields.ContainsKey("TwoFactor.Pending"));
        confirm.Fields["TwoFactor.Code"] = Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow));
        using var enabled = await owner.PostAsync(confirm);
        Assert.True(enabled.StatusCode == HttpStatusCode.OK, $"{(int)enabled.StatusCode} {string.Join(",", confirm.Fields.Keys)}");
        Assert.Contains("Two-factor sign-in is on", await enabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A new sign-in stops at the code; a wrong code is refused; the right one signs in.
        using var browser = DashboardHttp.Anonymous(_node.Client.BaseAddress!);
        var signIn = Assert.Single(await browser.FormsAsync("/signin"));
        signIn.Fields["Form.Email"] = TestNode.OwnerEmail;
        signIn.Fields["Form.Password"] = TestNode.OwnerPassword;
        using var step = await browser.PostAsync(signIn);
        string stepPage = await step.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        Assert.Contains("Authentication code", stepPage, StringComparison.Ordinal);
        var codeForm = Assert.Single(Forms(stepPage, "/signin"));
        codeForm.Fields["Form.Code"] = "000000" == Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow)) ? "111111" : "000000";
        using var wrong = await browser.PostAsync(codeForm);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The code used to turn two-factor on is spent: wait for the next time step.
        await WaitForNextStepAsync();
        codeForm.Fields["Form.Code"] = Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow));
        using var right = await browser.PostAsync(codeForm);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);

        using var again = DashboardHttp.Anonymous(_node.Client.BaseAddress!);
        var replay = Assert.Single(await again.FormsAsync("/signin"));
        replay.Fields["Form.Email"] = TestNode.OwnerEmail;
        replay.Fields["Form.Password"] = TestNode.OwnerPassword;
        using var replayStep = await again.PostAsync(replay);
        var replayCode = Assert.Single(Forms(await replayStep.Content.ReadAsStringAsync(), "/signin"));
        replayCode.Fields["Form.Code"] = codeForm.Fields["Form.Code"];
        using var replayed = await again.PostAsync(replayCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode); // the same code does not sign in twice
    }

    [Fact]
    public async Task An_invited_person_chooses_a_password_once_and_is_signed_in_with_the_invited_role()
    {
        using var invited = await _node.Client.SendAsync(Callers.Request(HttpMethod.Post, "/api/v1/workspaces/default/users/invitations", TestNode.AdminKey,
            """{"email":"Lea@Example.com","role":"analyst"}"""));
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        string link = JsonDocument.Parse(await invited.Content.ReadAsStringAsync()).RootElement.GetProperty("link").GetString()!;

        using var browser = DashboardHttp.Anonymous(_node.Client.BaseAddress!);
        var form = Assert.Single(await browser.FormsAsync(link));
        form.Fields["Form.Password"] = "password123";
        using var weak = await browser.PostAsync(form);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("most common passwords", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        form.Fields["Form.Password"] = "Lea's own long passphrase";
        using var accepted = await browser.PostAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        using var home = await browser.Client.GetAsync("/w/default/settings/users");
        string html = await home.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("lea@example.com", html, StringComparison.Ordinal);
        Assert.Contains(">analyst<", html, StringComparison.Ordinal);

        using var reused = await DashboardHttp.Anonymous(_node.Client.BaseAddress!).Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
    }

    [Fact]
    public async Task Adding_a_user_with_a_breached_password_is_refused_and_says_why()
    {
        using var owner = await DashboardHttp.SignInAsync(_node);
        var form = (await owner.FormsAsync("/w/default/settings/users")).Single(f => f.Fields.ContainsKey("Form.Email"));
        form.Fields["Form.Email"] = "sam@example.com";
        form.Fields["Form.Password"] = "qwertyuiop";

        using var response = await owner.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("most common passwords", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task WaitForNextStepAsync()
    {
        long step = Totp.StepAt(DateTimeOffset.UtcNow);
        while (Totp.StepAt(DateTimeOffset.UtcNow) == step)
        {
            await Task.Delay(250);
        }
    }

    private static List<HtmlForm> Forms(string html, string page)
    {
        var forms = new List<HtmlForm>();
        foreach (Match form in FormPattern().Matches(html))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match input in InputPattern().Matches(form.Groups["body"].Value))
            {
                fields[WebUtility.HtmlDecode(input.Groups["name"].Value)] = WebUtility.HtmlDecode(ValuePattern().Match(input.Value) is { Success: true } v ? v.Groups["value"].Value : "");
            }

            forms.Add(new HtmlForm(page, page, fields));
        }

        return forms;
    }

    [GeneratedRegex("""<code id="totp-secret">(?<secret>[A-Z2-7]+)</code>""")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("""<form[^>]*method="post"[^>]*>(?<body>.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input[^>]*\sname="(?<name>[^"]*)"[^>]*>""")]
    private static partial Regex InputPattern();

    [GeneratedRegex("\\svalue=\"(?<value>[^\"]*)\"")]
    private static partial Regex ValuePattern();
}

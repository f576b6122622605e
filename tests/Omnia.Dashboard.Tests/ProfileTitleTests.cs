using System.Text.Json;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ProfileTitleTests(DashboardNode node)
{
    [Fact]
    public async Task A_profile_known_only_by_its_user_id_is_titled_by_it_and_one_without_any_is_an_anonymous_visitor()
    {
        string userId = $"crm-{Guid.NewGuid():N}"[..16];
        string anonymousId = $"anon-{Guid.NewGuid():N}"[..17];
        await node.SendAsync("/v1/track", $$"""{"userId":"{{userId}}","event":"Store Visited"}""");
        await node.SendAsync("/v1/page", $$"""{"anonymousId":"{{anonymousId}}","name":"Home"}""");
        await node.CatchUpAsync();

        var page = await node.SignedInPageAsync();
        await page.GotoAsync($"/w/default/profiles/{await ProfileIdAsync("userId", userId)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(userId);
        await Assertions.Expect(page).ToHaveTitleAsync($"{userId} · Omnia");

        await page.GotoAsync($"/w/default/profiles/{await ProfileIdAsync("anonymousId", anonymousId)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Anonymous visitor");
        await page.Context.CloseAsync();
    }

    private async Task<string> ProfileIdAsync(string type, string value)
    {
        var (status, body) = await node.AdminAsync(HttpMethod.Get, $"/api/v1/workspaces/default/profiles/lookup?type={type}&value={Uri.EscapeDataString(value)}");
        Assert.Equal(200, status);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }
}

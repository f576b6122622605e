using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Identity;
using Omnia.Core.Journeys;
using Omnia.Core.Messaging;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;
using Omnia.Server.Journeys;
using Omnia.Server.Tests.Messaging;

namespace Omnia.Server.Tests.Journeys;

/// <summary>A journey's profile updates become identify events, and its webhooks are signed, delivered or dead-lettered.</summary>
public sealed class JourneyEffectsTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Body, bool Signed)> _received = new();
    private LocalListener _listener = null!;
    private TestNode _node = null!;
    private int _workspace;
    private byte[]? _secret;

    public async Task InitializeAsync()
    {
        _listener = await LocalListener.StartAsync(app =>
        {
            app.MapPost("/hook", Receive);
            app.MapPost("/refuse", (HttpRequest request) => Results.StatusCode(400));
        });
        _node = await TestNode.StartAsync(directory: Directory.CreateTempSubdirectory("jr-effects-").FullName);
        _workspace = (await _node.App.Services.GetRequiredService<IWorkspaceStore>().FindWorkspaceAsync("default"))!.Id;
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _listener.DisposeAsync();
    }

    private async Task<IResult> Receive(HttpRequest request)
    {
        var body = await LocalListener.BodyAsync(request);
        var json = await _node.App.Services.GetRequiredService<IWorkspaceStore>().GetSettingAsync(_workspace, "webhook-secret");
        _secret ??= Convert.FromBase64String(JsonSerializer.Deserialize<string>(json!)!);
        _received.Enqueue((Encoding.UTF8.GetString(body), WebhookSignature.Verify(_secret, request.Headers[WebhookSignature.Header], body, DateTimeOffset.UtcNow)));
        return Results.Ok();
    }

    private async Task PublishAsync(string hook)
    {
        var json = $$$"""
            {"version":1,"name":"Welcome","trigger":{"event":{"name":"Signed Up"}},"entry":{"rule":"once"},"start":"mark",
             "nodes":[{"id":"mark","type":"updateProfile","traits":{"welcomed":true,"plan":"trial"},"next":"tell"},
                      {"id":"tell","type":"webhook","url":"{{{new Uri(_listener.BaseUrl, hook)}}}","next":"done"},
                      {"id":"done","type":"exit"}]}
            """;
        await _node.App.Services.GetRequiredService<IJourneyStore>().PutDraftAsync(_workspace, "welcome", "Welcome", json);
        var outcome = await _node.App.Services.GetRequiredService<JourneyCatalog>().PublishAsync(_workspace, "welcome", null);
        Assert.True(outcome.Version is not null, string.Join("; ", outcome.Errors));
    }

    private async Task SignUpAsync(string user)
    {
        using var response = await _node.SendAsync("/v1/track",
            $$"""{"userId":"{{user}}","event":"Signed Up","timestamp":"{{DateTimeOffset.UtcNow.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<IReadOnlyList<OutboxItem>> SettledAsync(string user, int count)
    {
        var profiles = _node.App.Services.GetRequiredService<IProfileStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await _node.CatchUpAsync();
            var id = await profiles.FindAsync(_workspace, new Identifier(IdentifierTypes.UserId, user));
            var items = id is null ? [] : await _node.App.Services.GetRequiredService<IOutboxStore>().ListAsync(_workspace, id.Value, null, 10);
            if (items.Count >= count && items.All(i => i.Status is not OutboxStatus.Pending and not OutboxStatus.Sending))
                return items;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(string.Join("; ", items.Select(i => $"{i.Key} {i.Status} {i.Outcome}")));
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_profile_update_sets_the_traits_and_the_webhook_arrives_signed_with_the_journey_and_profile()
    {
        await PublishAsync("hook");
        await SignUpAsync("ana");

        var items = await SettledAsync("ana", 2);
        Assert.All(items, i => Assert.Equal(OutboxStatus.Done, i.Status));
        await _node.CatchUpAsync();
        var profiles = _node.App.Services.GetRequiredService<IProfileStore>();
        var profile = (await profiles.GetAsync(_workspace, (await profiles.FindAsync(_workspace, new Identifier(IdentifierTypes.UserId, "ana")))!.Value))!;
        Assert.Equal(Omnia.Core.Events.EventValue.True, profile.Traits["welcomed"].Value);
        Assert.Equal("trial", profile.Traits["plan"].Value.String);
        var (body, signed) = Assert.Single(_received);
        Assert.True(signed);
        Assert.Contains($"\"profile_id\":{profile.Id}", body, StringComparison.Ordinal);
        Assert.Contains("\"node\":\"tell\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_the_receiver_refuses_ends_in_the_dead_letter_list_with_the_answer()
    {
        await PublishAsync("refuse");
        await SignUpAsync("ben");

        var webhook = (await SettledAsync("ben", 2)).Single(i => i.Kind == OutboxKind.Webhook);
        Assert.Equal(OutboxStatus.Failed, webhook.Status);
        Assert.Contains("400", webhook.Outcome, StringComparison.Ordinal);
        var dead = await _node.App.Services.GetRequiredService<IOutboxStore>().ListAsync(_workspace, null, OutboxStatus.Failed, 10);
        Assert.Contains(dead, d => d.Key == webhook.Key);
    }
}

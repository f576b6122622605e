using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Omnia.Core.Content;
using Omnia.Core.Identity;
using Omnia.Core.Journeys;
using Omnia.Core.Messaging;
using Omnia.Core.Profiles;
using Omnia.Core.Touchpoints;
using Omnia.Core.Workspaces;
using Omnia.Server.Ingestion;
using Omnia.Server.Journeys;
using Omnia.Server.Processing;

namespace Omnia.Server.Messaging;

/// <summary>
/// Carries out the journeys' outbox: woken by <see cref="ProcessingService.OutboxAdded"/> and once a second for
/// deferred and retried items. A message is rendered for the profile as it is now, checked against the contact
/// policy, marked <see cref="OutboxStatus.Sending"/> (durably, before anything leaves), sent, then marked done; its
/// outcome goes back into the event log as a message event (<c>Message Sent</c>, <c>Message Suppressed</c>,
/// <c>Message Failed</c>, <c>Message Bounced</c>) with the provider and its id for the message. The channel's part —
/// the provider call — is an <see cref="IMessageDelivery"/> (<see cref="EmailDelivery"/>, <see cref="SmsDelivery"/>,
/// <see cref="PushDelivery"/>, listed in <see cref="MessageDeliveries"/>); temporary provider failures are retried with
/// <see cref="RetryBackoff"/>. Items found in <c>Sending</c> at start were interrupted by a crash and are sent again
/// under the same key (see docs/messaging.md for what is guaranteed per channel). Webhooks retry with backoff and end
/// in the dead-letter list (<see cref="OutboxStatus.Failed"/>); profile updates become identify events.
/// </summary>
public sealed class Dispatcher(
    IOutboxStore outbox, IProfileStore profiles, IContentStore contents, IWorkspaceStore workspaces, JourneyModels journeys,
    ContactPolicies policies, MessagingOptions options, IInboxStore inbox, EventWriter writer, MessageEventLog events, ProcessingService processing, TimeProvider clock,
    ILogger<Dispatcher> logger) : BackgroundService
{
    /// <summary>Items taken per pass.</summary>
    public const int Batch = 1_000;

    /// <summary>Profiles served at once.</summary>
    public const int Concurrency = 32;

    /// <summary>Earlier sends read for the frequency caps.</summary>
    public const int HistoryLimit = 500;

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly RetryBackoff _backoff = RetryBackoff.Default;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Workspace, string Slug), (string Json, ContentParseResult Parsed, CompiledContent? Compiled)> _contents = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Workspace, string Slug), Task<StoredContent?>> _passContents = new();
    private readonly SemaphoreSlim _secretGate = new(1, 1);
    private long _completed;
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly MessageDeliveries _deliveries = MessageDeliveries.Create(options, clock, inbox);

    /// <summary>Items carried out (sent, suppressed, failed) since start.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var problem in new[] { options.SmtpProblem, options.TwilioProblem, options.FcmProblem }.OfType<string>())
            logger.LogError("Journeys cannot send on a channel: {Problem}", problem);

        processing.OutboxAdded += Wake;
        try
        {
            await processing.LoadedAsync(stoppingToken).ConfigureAwait(false);
            await RecoverAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                int done = 0;
                try
                {
                    done = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Dispatching the outbox failed; retrying");
                }

                if (done < Batch)
                    await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            processing.OutboxAdded -= Wake;
            _http.Dispose();
            await _deliveries.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    /// <summary>Items a crash interrupted between "sending" and "sent" go back to pending, to be sent again under the same key.</summary>
    private async Task RecoverAsync(CancellationToken ct)
    {
        foreach (var workspace in await workspaces.ListWorkspacesAsync(ct).ConfigureAwait(false))
        {
            foreach (var item in await outbox.ListAsync(workspace.Id, null, OutboxStatus.Sending, int.MaxValue, ct).ConfigureAwait(false))
            {
                logger.LogWarning("Outbox item {Key} was being sent when Omnia stopped; sending it again under the same Message-ID", item.Key);
                await outbox.UpdateAsync(item.Key, OutboxStatus.Pending, item.Attempts, item.NotBefore, "interrupted while sending; sent again", ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// One pass over the due items; returns how many were taken. Profiles are served in parallel (up to
    /// <see cref="Concurrency"/> at once: each send waits mostly on the SMTP server or provider and on durable writes,
    /// which group-commit when several arrive together); one profile's items go in order, so its frequency caps see
    /// each earlier send.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var due = await outbox.DueAsync(clock.GetUtcNow(), Batch, ct).ConfigureAwait(false);
        _passContents.Clear();
        var perProfile = due.GroupBy(i => i.ProfileId).Select(g => g.ToList()).ToList();
        await Parallel.ForEachAsync(perProfile, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (items, token) =>
        {
            foreach (var item in items)
                await CarryOutAsync(item, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return due.Count;
    }

    private async Task CarryOutAsync(OutboxItem item, CancellationToken ct)
    {
        try
        {
            await (item.Kind switch
            {
                OutboxKind.Message => SendMessageAsync(item, ct),
                OutboxKind.Webhook => CallWebhookAsync(item, ct),
                OutboxKind.ProfileUpdate => UpdateProfileAsync(item, ct),
                _ => FinishAsync(item, OutboxStatus.Failed, $"unknown outbox kind {item.Kind}", ct),
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Outbox item {Key} failed", item.Key);
            await RetryOrFailAsync(item, e.Message, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A content item parsed and compiled once per version of its JSON (Liquid parsing is the costly part).</summary>
    private (ContentParseResult Parsed, CompiledContent? Compiled) Content(int workspaceId, string slug, string json)
    {
        if (_contents.TryGetValue((workspaceId, slug), out var cached) && string.Equals(cached.Json, json, StringComparison.Ordinal))
            return (cached.Parsed, cached.Compiled);
        var parsed = ContentItem.Parse(json);
        var compiled = parsed.Content is { } content ? CompiledContent.Compile(content) : null;
        _contents[(workspaceId, slug)] = (json, parsed, compiled);
        return (parsed, compiled);
    }

    private async Task SendMessageAsync(OutboxItem item, CancellationToken ct)
    {
        var send = item.Message();
        var now = clock.GetUtcNow();
        var facts = (await profiles.FactsAsync([item.ProfileId], null, ct).ConfigureAwait(false)).GetValueOrDefault(item.ProfileId);
        // Read once per pass: a pass takes up to Batch items, mostly of a few content items; an edit shows from the next pass.
        var stored = await _passContents.GetOrAdd((item.WorkspaceId, send.Content), key => contents.FindContentAsync(key.Workspace, key.Slug, ct).AsTask()).ConfigureAwait(false);
        var (parsed, compiled) = stored is null ? (null, null) : Content(item.WorkspaceId, send.Content, stored.Json);
        var identity = new MessageIdentity(item.Key, item.WorkspaceId, item.ProfileId, send.Channel, parsed?.Content?.Campaign);
        var details = new MessageEventDetails { Content = send.Content, JourneyId = item.JourneyId };
        if (facts is null)
        {
            await FinishAsync(item, OutboxStatus.Suppressed, "the profile no longer exists (erased or merged)", ct).ConfigureAwait(false);
            return;
        }

        if (parsed?.Content is not { } content)
        {
            var why = stored is null ? $"content '{send.Content}' does not exist" : $"content '{send.Content}' does not parse: {string.Join("; ", parsed!.Errors)}";
            await FailMessageAsync(item, identity, details, why, ct).ConfigureAwait(false);
            return;
        }

        var address = await AddressAsync(item.ProfileId, facts.Profile, send.Channel, ct).ConfigureAwait(false);
        var policy = await policies.ForAsync(item.WorkspaceId, ct).ConfigureAwait(false);
        var decision = ContactRules.Decide(policy, new ContactRequest
        {
            WorkspaceId = item.WorkspaceId,
            ProfileId = item.ProfileId,
            Channel = send.Channel,
            At = now,
            HasAddress = address is not null,
            Consent = facts.Profile.Consent,
            History = policy.Caps.Count == 0 ? [] : await HistoryAsync(item, ct).ConfigureAwait(false), // earlier sends matter only to caps
            TimeZone = RenderModel.ZoneOf(facts.Profile.Traits.ToDictionary(t => t.Key, t => t.Value.Value, StringComparer.Ordinal)),
        });
        if (decision.Outcome == ContactOutcome.Defer)
        {
            await outbox.UpdateAsync(item.Key, OutboxStatus.Pending, item.Attempts, decision.DeferUntil!.Value, decision.ToString(), ct).ConfigureAwait(false);
            return;
        }

        if (decision.Outcome == ContactOutcome.Suppressed)
        {
            await RecordAsync(item, MessageStatus.Suppressed, identity, details with { ReasonCode = decision.Reason, Reason = decision.Message }, now, ct).ConfigureAwait(false);
            await FinishAsync(item, OutboxStatus.Suppressed, $"{decision.Reason}: {decision.Message}", ct).ConfigureAwait(false);
            return;
        }

        if (compiled is null || !compiled.Has(send.Channel))
        {
            await FailMessageAsync(item, identity, details, $"content '{send.Content}' has no {send.Channel} variant", ct).ConfigureAwait(false);
            return;
        }

        var delivery = _deliveries.For(send.Channel);
        var journey = journeys.All().FirstOrDefault(m => m.WorkspaceId == item.WorkspaceId)?.Version(item.JourneyId, item.Version);
        var unsubscribe = delivery?.UnsubscribeUrl(identity);
        var model = RenderModel.ForProfile(facts, now).ForJourney(journey?.Definition.Name ?? "", item.JourneyId, item.Version, send)
            with { Message = new MessageFields(item.Key, send.Channel, content.Campaign, unsubscribe) };
        var rendered = compiled.Render(send.Channel, model);
        details = details with { Subject = rendered.Subject };
        if (delivery is null)
        {
            await FailMessageAsync(item, identity, details, $"sending on {send.Channel} from journeys is not available yet", ct).ConfigureAwait(false);
            return;
        }

        if (delivery.Unavailable is { } unavailable)
        {
            await FailMessageAsync(item, identity, details, unavailable, ct).ConfigureAwait(false);
            return;
        }

        // Marked before anything leaves: a crash after this point is recognised at start and sent again under the same key
        // (email: the same Message-ID; Twilio and FCM take no idempotency key, so the person may get it twice).
        await outbox.UpdateAsync(item.Key, OutboxStatus.Sending, item.Attempts + 1, item.NotBefore, $"sending on {send.Channel} as {item.Key}", ct).ConfigureAwait(false);
        var result = await delivery.SendAsync(new OutgoingMessage(identity, address!, rendered, unsubscribe, now), ct).ConfigureAwait(false);
        var attempted = item with { Attempts = item.Attempts + 1 };
        details = details with { Provider = result.Provider };
        switch (result.Outcome)
        {
            case ProviderOutcome.Sent:
                await RecordAsync(item, MessageStatus.Sent, identity, details with { ProviderMessageId = result.ProviderMessageId }, now, ct).ConfigureAwait(false);
                await outbox.UpdateAsync(item.Key, OutboxStatus.Done, attempted.Attempts, now, $"sent through {result.Provider} as {result.ProviderMessageId ?? item.Key}", ct).ConfigureAwait(false);
                Interlocked.Increment(ref _completed);
                break;
            case ProviderOutcome.Rejected when result.HardBounce:
                await RecordAsync(item, MessageStatus.Bounced, identity, details with { BounceType = "hard", Reason = result.Detail }, now, ct).ConfigureAwait(false);
                await FinishAsync(attempted, OutboxStatus.Failed, result.Detail, ct).ConfigureAwait(false);
                break;
            case ProviderOutcome.Rejected:
                await FailMessageAsync(attempted, identity, details, $"refused by {result.Provider}: {result.Detail}", ct).ConfigureAwait(false);
                break;
            default:
                await RetryOrFailAsync(attempted, $"{result.Provider}: {result.Detail}", ct, identity, details).ConfigureAwait(false);
                break;
        }
    }

    private async Task FailMessageAsync(OutboxItem item, MessageIdentity identity, MessageEventDetails details, string why, CancellationToken ct)
    {
        await RecordAsync(item, MessageStatus.Failed, identity, details with { Reason = why }, clock.GetUtcNow(), ct).ConfigureAwait(false);
        await FinishAsync(item, OutboxStatus.Failed, why, ct).ConfigureAwait(false);
    }

    private async Task RetryOrFailAsync(OutboxItem item, string why, CancellationToken ct, MessageIdentity? identity = null, MessageEventDetails? details = null)
    {
        if (_backoff.MayRetry(item.Attempts))
        {
            var next = clock.GetUtcNow() + _backoff.Delay(Math.Max(1, item.Attempts), Random.Shared);
            await outbox.UpdateAsync(item.Key, OutboxStatus.Pending, item.Attempts, next, $"attempt {item.Attempts} failed, retrying at {next:O}: {why}", ct).ConfigureAwait(false);
            return;
        }

        if (identity is not null)
            await RecordAsync(item, MessageStatus.Failed, identity, (details ?? new MessageEventDetails()) with { Reason = why }, clock.GetUtcNow(), ct).ConfigureAwait(false);
        await FinishAsync(item, OutboxStatus.Failed, $"gave up after {item.Attempts} attempts: {why}", ct).ConfigureAwait(false);
    }

    private async Task FinishAsync(OutboxItem item, OutboxStatus status, string outcome, CancellationToken ct)
    {
        await outbox.UpdateAsync(item.Key, status, item.Attempts, clock.GetUtcNow(), outcome, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _completed);
    }

    private async Task CallWebhookAsync(OutboxItem item, CancellationToken ct)
    {
        var call = item.Webhook();
        var sender = new WebhookSender(_http, clock);
        string? contentType = null;
        string body;
        if (call.Body is { } template)
        {
            var (rendered, problem) = await RenderWebhookBodyAsync(item, call, template, ct).ConfigureAwait(false);
            if (rendered is null)
            {
                await FinishAsync(item, OutboxStatus.Failed, problem!, ct).ConfigureAwait(false);
                return;
            }
            (body, contentType) = (rendered.Body!, rendered.ContentType);
        }
        else
        {
            // No template named: the call carries a JSON description of the effect.
            body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["key"] = item.Key,
            ["journey_id"] = item.JourneyId,
            ["version"] = item.Version,
            ["profile_id"] = item.ProfileId,
            ["node"] = call.NodeId,
            ["entry_key"] = call.EntryKey,
            ["at"] = call.At,
            });
        }

        var request = new WebhookRequest(new Uri(call.Url), new HttpMethod(call.Method), call.Method == "GET" ? null : body, item.Key, await WebhookSecretAsync(item.WorkspaceId, ct).ConfigureAwait(false))
        {
            ContentType = contentType,
        };
        var result = await sender.CallAsync(request, ct).ConfigureAwait(false);
        var attempted = item with { Attempts = item.Attempts + 1 };
        if (result.Outcome == ProviderOutcome.Sent)
            await FinishAsync(attempted, OutboxStatus.Done, $"delivered: {result.Detail}", ct).ConfigureAwait(false);
        else if (result.Outcome == ProviderOutcome.Rejected)
            await FinishAsync(attempted, OutboxStatus.Failed, $"refused: {result.Detail}", ct).ConfigureAwait(false);
        else
            await RetryOrFailAsync(attempted, result.Detail, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The webhook step's body: the named content's <c>webhook</c> variant rendered with the profile, the triggering
    /// event and the journey's context, and checked (a JSON body must parse); or why it cannot be sent.
    /// </summary>
    private async Task<(RenderedMessage? Body, string? Problem)> RenderWebhookBodyAsync(OutboxItem item, CallWebhook call, string slug, CancellationToken ct)
    {
        var stored = await contents.FindContentAsync(item.WorkspaceId, slug, ct).ConfigureAwait(false);
        if (stored is null)
            return (null, $"the body template: content '{slug}' does not exist");
        var parsed = ContentItem.Parse(stored.Json);
        if (parsed.Content is not { Webhook: not null } content)
            return (null, parsed.Content is null
                ? $"the body template: content '{slug}' does not parse: {string.Join("; ", parsed.Errors)}"
                : $"the body template: content '{slug}' has no webhook variant; add {{\"webhook\":{{\"body\":\"…\"}}}}");
        var facts = (await profiles.FactsAsync([item.ProfileId], null, ct).ConfigureAwait(false)).GetValueOrDefault(item.ProfileId);
        if (facts is null)
            return (null, "the profile no longer exists (erased or merged)");
        var journey = journeys.All().FirstOrDefault(m => m.WorkspaceId == item.WorkspaceId)?.Version(item.JourneyId, item.Version);
        var step = new SendMessage(call.Key, call.ProfileId, call.NodeId, call.At, slug, ContentChannels.Webhook, call.EntryKey, call.EntryProperties);
        var model = RenderModel.ForProfile(facts, clock.GetUtcNow()).ForJourney(journey?.Definition.Name ?? "", item.JourneyId, item.Version, step)
            with { Message = new MessageFields(item.Key, ContentChannels.Webhook, content.Campaign, null) };
        try
        {
            var rendered = CompiledContent.Compile(content).Render(ContentChannels.Webhook, model);
            var error = ChannelConstraints.Check(rendered).FirstOrDefault(i => i.Severity == IssueSeverity.Error);
            return error is null ? (rendered, null) : (null, $"the body template '{slug}': {error}");
        }
        catch (ContentRenderException e)
        {
            return (null, $"the body template '{slug}' cannot be rendered for this profile: {e.Message}");
        }
    }

    private async Task UpdateProfileAsync(OutboxItem item, CancellationToken ct)
    {
        var update = item.ProfileUpdate();
        var (userId, anonymousId) = await events.IdsAsync(item.ProfileId, ct).ConfigureAwait(false);
        if (userId is null && anonymousId is null)
        {
            await FinishAsync(item, OutboxStatus.Suppressed, "the profile no longer exists (erased or merged)", ct).ConfigureAwait(false);
            return;
        }

        var traits = string.Join(",", update.Traits.Select(t => $"{JsonSerializer.Serialize(t.Key)}:{t.Value ?? "null"}"));
        var json = $"{{\"type\":\"identify\",\"messageId\":{JsonSerializer.Serialize(item.Key)},\"timestamp\":{JsonSerializer.Serialize(update.At.UtcDateTime.ToString("O"))},"
            + (userId is null ? $"\"anonymousId\":{JsonSerializer.Serialize(anonymousId)}" : $"\"userId\":{JsonSerializer.Serialize(userId)}")
            + $",\"traits\":{{{traits}}}}}";
        var (_, rejected) = await writer.WriteAsync(item.WorkspaceId, await events.SourceAsync(item.WorkspaceId, ct).ConfigureAwait(false), [json], ct).ConfigureAwait(false);
        await FinishAsync(item, rejected.Count == 0 ? OutboxStatus.Done : OutboxStatus.Failed,
            rejected.Count == 0 ? "written as an identify event" : $"refused: {rejected[0]}", ct).ConfigureAwait(false);
    }

    private async Task RecordAsync(OutboxItem item, MessageStatus status, MessageIdentity identity, MessageEventDetails details, DateTimeOffset at, CancellationToken ct)
    {
        if (MessageEvents.For(status, identity, at, details) is { } message)
            await events.RecordAsync(item.WorkspaceId, item.ProfileId, message, ct).ConfigureAwait(false);
    }

    private async Task<string?> AddressAsync(long profileId, ProfileState profile, string channel, CancellationToken ct) =>
        ChannelAddresses.For(channel, profile, await profiles.IdentifiersAsync(profileId, ct).ConfigureAwait(false));

    /// <summary>The profile's earlier sends (from the outbox's done messages) for the frequency caps.</summary>
    private async Task<IReadOnlyList<Omnia.Core.Messaging.SentMessage>> HistoryAsync(OutboxItem item, CancellationToken ct)
    {
        var done = await outbox.ListAsync(item.WorkspaceId, item.ProfileId, OutboxStatus.Done, HistoryLimit, ct).ConfigureAwait(false);
        return done.Where(d => d.Kind == OutboxKind.Message && d.Key != item.Key).Select(d => new Omnia.Core.Messaging.SentMessage(d.Message().Channel, d.NotBefore)).ToList();
    }

    private async Task<byte[]> WebhookSecretAsync(int workspaceId, CancellationToken ct)
    {
        const string setting = "webhook-secret";
        await _secretGate.WaitAsync(ct).ConfigureAwait(false); // items run in parallel: one secret per workspace, created once
        try
        {
            if (await workspaces.GetSettingAsync(workspaceId, setting, ct).ConfigureAwait(false) is { } json && JsonSerializer.Deserialize<string>(json) is { } existing)
                return Convert.FromBase64String(existing);
            var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            await workspaces.PutSettingAsync(workspaceId, setting, JsonSerializer.Serialize(Convert.ToBase64String(secret)), ct).ConfigureAwait(false);
            return secret;
        }
        finally
        {
            _secretGate.Release();
        }
    }
}

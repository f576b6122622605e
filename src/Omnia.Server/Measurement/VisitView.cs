using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;
using Omnia.Core.Visits;

namespace Omnia.Server.Measurement;

/// <summary>One of a person's visits as the API and the profile page show it.</summary>
/// <param name="Start">When it started.</param>
/// <param name="End">Its last event.</param>
/// <param name="Events">How many events it holds.</param>
/// <param name="Device">desktop, mobile, tablet, app, or unknown (messages, store, support).</param>
/// <param name="Kind">web, app, message or offline.</param>
/// <param name="Channel">Its channel (after last non-direct).</param>
/// <param name="Campaign">Its campaign.</param>
/// <param name="Touchpoint">Whether a source brought it (an app opened alone or a server event without a source is none).</param>
/// <param name="Inherited">Whether it was direct and kept the last known source.</param>
/// <param name="Engagement">For a message: sent, delivered, opened or clicked.</param>
/// <param name="Landing">The page (or screen, or message) it started on.</param>
public sealed record VisitView(
    DateTimeOffset Start, DateTimeOffset End, int Events, string Device, string Kind, string Channel, string? Campaign, bool Touchpoint, bool Inherited,
    string? Engagement, string? Landing)
{
    /// <summary>A person's newest visits (at most <paramref name="limit"/>), newest first, with their landing pages.</summary>
    public static async Task<IReadOnlyList<VisitView>> ForAsync(IProfileStore profiles, LandingPages landings, long profileId, VisitOptions options, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(landings);
        var facts = await profiles.FactsAsync([profileId], null, ct);
        if (!facts.TryGetValue(profileId, out var person))
            return [];
        var events = person.Events as ProfileEvent[] ?? [.. person.Events];
        var visits = Sessionizer.Of(events, options).Reverse().Take(limit).ToList();
        var seqs = visits.Select(v => events[v.FirstEvent].Seq).Where(s => s > 0).ToList();
        var pages = await landings.ResolveAsync(seqs, ct);
        return visits.Select(v => new VisitView(v.Start, v.End, v.EventCount, DeviceTypes.Name(v.Device), v.Kind.ToString().ToLowerInvariant(), v.Channel, v.Campaign,
            v.IsTouchpoint, v.Inherited, v.Kind == VisitKind.Message && v.Engagement != MessageEventKind.None ? MessageEventKinds.Word(v.Engagement) : null,
            pages.GetValueOrDefault(events[v.FirstEvent].Seq))).ToList();
    }
}

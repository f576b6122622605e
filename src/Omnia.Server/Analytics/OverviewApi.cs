using Omnia.Core.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Events;
using Omnia.Core.Profiles;
using Omnia.Core.Touchpoints;
using Omnia.Server.Admin;
using Omnia.Server.Processing;
using Omnia.Server.Profiles;

namespace Omnia.Server.Analytics;

/// <summary>The workspace overview: volume, people, identified share, channels over time, and the live event stream.</summary>
public static class OverviewApi
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Analytics").RequireWorkspaceAccess();
        group.MapGet("/stats/overview", OverviewAsync).RequireRole(Role.Viewer).WithSummary("Events today, profiles, identified share and events per channel per day");
        group.MapGet("/events/latest", LatestAsync).RequireRole(Role.Viewer).WithSummary("The newest events of the workspace, classified by channel");
        return app;
    }

    private static async Task<Results<Ok<Overview>, ProblemHttpResult>> OverviewAsync(
        WorkspaceContext w, int? days, IProfileStore profiles, TimeProvider clock, CancellationToken ct)
    {
        int span = days ?? 30;
        if (span is < 1 or > 366)
        {
            return Problems.BadRequest("'days' must be between 1 and 366.");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var byDay = await profiles.ChannelDaysAsync(w.Id, today.AddDays(1 - span), today, ct);
        long total = await profiles.CountAsync(w.Id, ct);
        long identified = await profiles.IdentifiedCountAsync(w.Id, ct);
        var top = byDay.GroupBy(d => d.Channel)
            .Select(g => new ChannelTotal(g.Key, Channels.DisplayName(g.Key), g.Sum(d => d.Events)))
            .OrderByDescending(c => c.Events).ThenBy(c => c.Channel, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new Overview(
            byDay.Where(d => d.Day == today).Sum(d => d.Events),
            total,
            identified,
            total == 0 ? 0 : Math.Round((double)identified / total, 4),
            top,
            byDay.Select(d => new ChannelDayView(d.Day, d.Channel, Channels.DisplayName(d.Channel), d.Events)).ToList()));
    }

    private static async Task<Results<Ok<IReadOnlyList<TimelineEntry>>, ProblemHttpResult>> LatestAsync(
        WorkspaceContext w, int? limit, IEventStore log, WorkspaceRules rules, CancellationToken ct)
    {
        int take = limit ?? 20;
        if (take is < 1 or > 200)
        {
            return Problems.BadRequest("'limit' must be between 1 and 200.");
        }

        var events = await log.LatestAsync(w.Id, take, ct);
        var channelRules = rules.For(w.Id).Channels;
        return TypedResults.Ok<IReadOnlyList<TimelineEntry>>(events.Select(e => TimelineEntry.From(e, channelRules)).ToList());
    }
}

/// <summary>The overview numbers of a workspace.</summary>
public sealed record Overview(
    long EventsToday,
    long Profiles,
    long IdentifiedProfiles,
    double IdentifiedShare,
    IReadOnlyList<ChannelTotal> TopChannels,
    IReadOnlyList<ChannelDayView> ChannelsByDay);

public sealed record ChannelTotal(string Channel, string Name, long Events);

public sealed record ChannelDayView(DateOnly Day, string Channel, string Name, long Events);

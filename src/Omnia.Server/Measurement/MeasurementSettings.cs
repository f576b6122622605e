using System.Text.Json;
using Omnia.Core.Funnels;
using Omnia.Core.Goals;
using Omnia.Core.Kpis;
using Omnia.Core.Segments;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Measurement;

/// <summary>
/// A workspace's measurement settings, each a settings document: conversion goals, saved funnels, KPI targets and
/// the monthly report's schedule. The same validation serves the API, the CLI and the dashboard. Goals and funnels
/// name event properties that events must keep, so a change tells the audience model (<see cref="Changed"/>).
/// </summary>
public sealed class MeasurementSettings(IWorkspaceStore workspaces)
{
    public const string GoalsSetting = "conversion-goals";
    public const string FunnelsSetting = "funnels";
    public const string TargetsSetting = "kpi-targets";
    public const string ScheduleSetting = "report-schedule";
    public const string VisitsSetting = "visit-settings";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Raised after goals or funnels changed (what events keep may change).</summary>
    public event Func<int, CancellationToken, ValueTask>? Changed;

    /// <summary>The workspace's goals: those saved, or the purchase goal while none is.</summary>
    public async Task<IReadOnlyList<ConversionGoal>> GoalsAsync(int workspaceId, CancellationToken ct = default) =>
        await workspaces.GetSettingAsync(workspaceId, GoalsSetting, ct) is { } json ? ConversionGoal.ParseList(json) : [ConversionGoal.Purchase];

    /// <summary>The goal with <paramref name="slug"/> (the first goal when null), or null.</summary>
    public async Task<ConversionGoal?> GoalAsync(int workspaceId, string? slug, CancellationToken ct = default)
    {
        var goals = await GoalsAsync(workspaceId, ct);
        return slug is null ? goals.FirstOrDefault() : goals.FirstOrDefault(g => g.Slug == slug);
    }

    /// <summary>Creates or replaces a goal; returns it or the problems, each with its JSON path.</summary>
    public async Task<(ConversionGoal? Saved, IReadOnlyList<string> Errors)> SaveGoalAsync(int workspaceId, string slug, string json, CancellationToken ct = default)
    {
        var parsed = ConversionGoal.Parse(json, slug);
        if (parsed.Goal is not { } goal)
            return (null, parsed.Errors.Select(e => e.ToString()).ToList());
        var goals = (await GoalsAsync(workspaceId, ct)).Where(g => g.Slug != slug).Append(goal).OrderBy(g => g.Slug, StringComparer.Ordinal).ToList();
        await workspaces.PutSettingAsync(workspaceId, GoalsSetting, ConversionGoal.ToJson(goals), ct);
        await RaiseAsync(workspaceId, ct);
        return (goal, []);
    }

    /// <summary>Deletes a goal; false when there is none. The last goal cannot go: reports need one.</summary>
    public async Task<(bool Found, string? Refusal)> DeleteGoalAsync(int workspaceId, string slug, CancellationToken ct = default)
    {
        var goals = await GoalsAsync(workspaceId, ct);
        if (goals.All(g => g.Slug != slug))
            return (false, null);
        if (goals.Count == 1)
            return (true, $"'{slug}' is the only goal and reports need one; add another goal first.");
        await workspaces.PutSettingAsync(workspaceId, GoalsSetting, ConversionGoal.ToJson(goals.Where(g => g.Slug != slug)), ct);
        await RaiseAsync(workspaceId, ct);
        return (true, null);
    }

    public async Task<IReadOnlyList<FunnelDefinition>> FunnelsAsync(int workspaceId, CancellationToken ct = default) =>
        await workspaces.GetSettingAsync(workspaceId, FunnelsSetting, ct) is { } json ? FunnelDefinition.ParseList(json) : [];

    public async Task<FunnelDefinition?> FunnelAsync(int workspaceId, string slug, CancellationToken ct = default) =>
        (await FunnelsAsync(workspaceId, ct)).FirstOrDefault(f => f.Slug == slug);

    /// <summary>Creates or replaces a funnel; returns it and whether it is new, or the problems.</summary>
    public async Task<(FunnelDefinition? Saved, bool Created, IReadOnlyList<string> Errors)> SaveFunnelAsync(int workspaceId, string slug, string json, CancellationToken ct = default)
    {
        var parsed = FunnelDefinition.Parse(json, slug);
        if (parsed.Funnel is not { } funnel)
            return (null, false, parsed.Errors.Select(e => e.ToString()).ToList());
        var funnels = await FunnelsAsync(workspaceId, ct);
        var created = funnels.All(f => f.Slug != slug);
        await workspaces.PutSettingAsync(workspaceId, FunnelsSetting,
            FunnelDefinition.ToJson(funnels.Where(f => f.Slug != slug).Append(funnel).OrderBy(f => f.Slug, StringComparer.Ordinal)), ct);
        await RaiseAsync(workspaceId, ct);
        return (funnel, created, []);
    }

    public async Task<bool> DeleteFunnelAsync(int workspaceId, string slug, CancellationToken ct = default)
    {
        var funnels = await FunnelsAsync(workspaceId, ct);
        if (funnels.All(f => f.Slug != slug))
            return false;
        await workspaces.PutSettingAsync(workspaceId, FunnelsSetting, FunnelDefinition.ToJson(funnels.Where(f => f.Slug != slug)), ct);
        await RaiseAsync(workspaceId, ct);
        return true;
    }

    public async Task<IReadOnlyList<KpiTarget>> TargetsAsync(int workspaceId, CancellationToken ct = default) =>
        await workspaces.GetSettingAsync(workspaceId, TargetsSetting, ct) is { } json ? KpiTarget.ParseList(json).Targets ?? [] : [];

    /// <summary>Replaces the KPI targets; returns the problems, each with its JSON path (nothing saved then).</summary>
    public async Task<IReadOnlyList<string>> SaveTargetsAsync(int workspaceId, string json, CancellationToken ct = default)
    {
        var parsed = KpiTarget.ParseList(json);
        if (parsed.Targets is not { } targets)
            return parsed.Errors.Select(e => e.ToString()).ToList();
        await workspaces.PutSettingAsync(workspaceId, TargetsSetting, KpiTarget.ToJson(targets), ct);
        return [];
    }

    public async Task<ReportSchedule> ScheduleAsync(int workspaceId, CancellationToken ct = default) =>
        await workspaces.GetSettingAsync(workspaceId, ScheduleSetting, ct) is { } json
            ? JsonSerializer.Deserialize<ReportSchedule>(json, Json) ?? ReportSchedule.Off
            : ReportSchedule.Off;

    /// <summary>Replaces the monthly report's schedule; returns the problems (nothing saved then).</summary>
    public async Task<IReadOnlyList<string>> SaveScheduleAsync(int workspaceId, ReportSchedule schedule, CancellationToken ct = default)
    {
        var errors = schedule.Problems(await GoalsAsync(workspaceId, ct));
        if (errors.Count == 0)
            await workspaces.PutSettingAsync(workspaceId, ScheduleSetting, JsonSerializer.Serialize(schedule with { Recipients = [.. (schedule.Recipients ?? []).Select(r => r.Trim())] }, Json), ct);
        return errors;
    }

    /// <summary>How the workspace cuts events into visits (web analytics' defaults until changed).</summary>
    public async Task<VisitSettings> VisitSettingsAsync(int workspaceId, CancellationToken ct = default) =>
        await workspaces.GetSettingAsync(workspaceId, VisitsSetting, ct) is { } json
            ? JsonSerializer.Deserialize<VisitSettings>(json, Json) ?? VisitSettings.Default
            : VisitSettings.Default;

    /// <summary>Replaces the visit settings; returns the problems (nothing saved then).</summary>
    public async Task<IReadOnlyList<string>> SaveVisitSettingsAsync(int workspaceId, VisitSettings visits, CancellationToken ct = default)
    {
        var errors = visits.Problems();
        if (errors.Count == 0)
            await workspaces.PutSettingAsync(workspaceId, VisitsSetting, JsonSerializer.Serialize(visits, Json), ct);
        return errors;
    }

    /// <summary>
    /// The event properties the workspace's goals and funnels read: the audience model keeps them with events, so
    /// reports read them from memory.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReportPropertyNamesAsync(int workspaceId, CancellationToken ct = default) =>
        (await GoalsAsync(workspaceId, ct)).SelectMany(g => g.PropertyNames())
            .Concat((await FunnelsAsync(workspaceId, ct)).SelectMany(f => f.PropertyNames()))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private async Task RaiseAsync(int workspaceId, CancellationToken ct)
    {
        if (Changed is { } changed)
            await changed(workspaceId, ct);
    }
}

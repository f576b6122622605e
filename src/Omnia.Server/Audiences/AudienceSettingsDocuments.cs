using System.Text.Json;
using Omnia.Core.Audiences;
using Omnia.Core.Lifecycle;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Audiences;

/// <summary>
/// Reads and saves a workspace's audience settings (computed traits, RFM breakpoints, lifecycle rules) as
/// settings documents, with the same validation for the API, the CLI and the dashboard. Every change reloads the
/// workspace's audience model, which recomputes membership.
/// </summary>
public sealed class AudienceSettingsDocuments(IWorkspaceStore workspaces, ISegmentStore segments, IAudienceStore audiences, IProfileStore profiles, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Raised after a workspace's settings changed.</summary>
    public event Func<int, CancellationToken, ValueTask>? Changed;

    public async Task<AudienceSettings> LoadAsync(int workspaceId, CancellationToken ct = default)
    {
        var traits = await LoadComputedTraitsAsync(workspaceId, ct);
        var rfm = await workspaces.GetSettingAsync(workspaceId, AudienceSettings.RfmSetting, ct) is { } rfmJson
            ? ToBreakpoints(JsonSerializer.Deserialize<RfmDocument>(rfmJson, Json)!)
            : RfmBreakpoints.Default;
        var lifecycle = LifecycleRules.Default;
        if (await workspaces.GetSettingAsync(workspaceId, AudienceSettings.LifecycleSetting, ct) is { } lifecycleJson)
        {
            var parsed = LifecycleRules.Parse(lifecycleJson, traits);
            lifecycle = parsed.Rules ?? throw new InvalidOperationException($"Saved lifecycle rules no longer parse: {string.Join("; ", parsed.Errors)}");
        }

        var personas = await workspaces.GetSettingAsync(workspaceId, AudienceSettings.PersonasSetting, ct) is { } personasJson
            ? JsonSerializer.Deserialize<PersonaDocument>(personasJson, PersonaCatalog.Json)
            : null;
        return new AudienceSettings(traits, rfm, lifecycle) { Personas = personas?.Model, PersonasTrainedAt = personas?.TrainedAt };
    }

    public async Task<IReadOnlyList<ComputedTraitDefinition>> LoadComputedTraitsAsync(int workspaceId, CancellationToken ct = default)
    {
        if (await workspaces.GetSettingAsync(workspaceId, AudienceSettings.ComputedTraitsSetting, ct) is not { } json)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(e => ComputedTraitDefinition.Parse(e.GetRawText()).Definition ?? throw new InvalidOperationException($"A saved computed trait no longer parses: {e.GetRawText()}"))
            .ToList();
    }

    /// <summary>Creates or replaces a computed trait (its name is in the definition).</summary>
    public async Task<(ComputedTraitDefinition? Saved, IReadOnlyList<string> Errors)> SaveComputedTraitAsync(int workspaceId, string json, string? expectedName, CancellationToken ct = default)
    {
        var parsed = ComputedTraitDefinition.Parse(json);
        if (!parsed.IsValid)
        {
            return (null, parsed.Errors.Select(e => e.ToString()).ToList());
        }

        if (expectedName is not null && parsed.Definition.Name != expectedName)
        {
            return (null, [$"name: the definition is named '{parsed.Definition.Name}' but the URL names '{expectedName}'; rename by deleting and creating"]);
        }

        var traits = (await LoadComputedTraitsAsync(workspaceId, ct)).Where(t => t.Name != parsed.Definition.Name).Append(parsed.Definition).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        await SaveComputedTraitsAsync(workspaceId, traits, ct);
        return (parsed.Definition, []);
    }

    /// <summary>Deletes a computed trait unless segments or lifecycle rules use it; returns whether it existed and who uses it.</summary>
    public async Task<(bool Found, IReadOnlyList<string> UsedBy)> DeleteComputedTraitAsync(int workspaceId, string name, CancellationToken ct = default)
    {
        var traits = await LoadComputedTraitsAsync(workspaceId, ct);
        if (traits.All(t => t.Name != name))
        {
            return (false, []);
        }

        var usedBy = (await segments.ListSegmentsAsync(workspaceId, ct))
            .Where(s => s.Definition.ReferencedComputedTraits().Contains(name, StringComparer.Ordinal)).Select(s => $"segment '{s.Slug}'").ToList();
        var settings = await LoadAsync(workspaceId, ct);
        if (settings.Lifecycle.Rules.Any(r => new SegmentDefinition("rule", null, r.Condition).ReferencedComputedTraits().Contains(name, StringComparer.Ordinal)))
        {
            usedBy.Add("the lifecycle rules");
        }

        if (usedBy.Count == 0)
        {
            await SaveComputedTraitsAsync(workspaceId, traits.Where(t => t.Name != name).ToList(), ct);
        }

        return (true, usedBy);
    }

    public async Task<IReadOnlyList<string>> SaveLifecycleRulesAsync(int workspaceId, string json, CancellationToken ct = default)
    {
        var parsed = LifecycleRules.Parse(json, await LoadComputedTraitsAsync(workspaceId, ct));
        if (!parsed.IsValid)
        {
            return parsed.Errors.Select(e => e.ToString()).ToList();
        }

        await workspaces.PutSettingAsync(workspaceId, AudienceSettings.LifecycleSetting, parsed.Rules.ToJson(), ct);
        await RaiseAsync(workspaceId, ct);
        return [];
    }

    public async Task<IReadOnlyList<string>> SaveRfmAsync(int workspaceId, RfmDocument document, CancellationToken ct = default)
    {
        RfmBreakpoints breakpoints;
        try
        {
            breakpoints = ToBreakpoints(document);
        }
        catch (ArgumentException ex)
        {
            return [ex.Message];
        }

        await workspaces.PutSettingAsync(workspaceId, AudienceSettings.RfmSetting, JsonSerializer.Serialize(ToDocument(breakpoints), Json), ct);
        await RaiseAsync(workspaceId, ct);
        return [];
    }

    /// <summary>Sets the RFM breakpoints to the quintiles of the workspace's customers (profiles with an order).</summary>
    public async Task<RfmDocument> CalibrateRfmAsync(int workspaceId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var customers = new List<(double, double, double)>();
        long after = 0;
        while (true)
        {
            var ids = await audiences.ProfileIdsAsync(workspaceId, after, 5_000, ct);
            if (ids.Count == 0)
            {
                break;
            }

            foreach (var p in await profiles.GetManyAsync(ids, ct))
            {
                if (p.OrderCount > 0 && p.LastOrderAt is { } last)
                {
                    // An order dated after now (a store older than ingestion's date checks) counts as today's; refunds
                    // beyond the orders as no revenue: the quintiles need measures of 0 or more.
                    customers.Add((Math.Max(0, (now - last).TotalDays), p.OrderCount, Math.Max(0, (double)p.Revenue)));
                }
            }

            after = ids[^1];
        }

        var document = ToDocument(RfmBreakpoints.FromPopulation(customers));
        await SaveRfmAsync(workspaceId, document, ct);
        return document;
    }

    public static RfmDocument ToDocument(RfmBreakpoints b) => new([.. b.RecencyDays], [.. b.Frequency], [.. b.Monetary]);

    private static RfmBreakpoints ToBreakpoints(RfmDocument d) =>
        new(d.RecencyDays ?? throw new ArgumentException("recencyDays: give four ascending numbers of days"),
            d.Frequency ?? throw new ArgumentException("frequency: give four ascending order counts"),
            d.Monetary ?? throw new ArgumentException("monetary: give four ascending revenue amounts"));

    private async Task SaveComputedTraitsAsync(int workspaceId, IReadOnlyList<ComputedTraitDefinition> traits, CancellationToken ct)
    {
        string json = "[" + string.Join(",", traits.Select(t => t.ToJson())) + "]";
        await workspaces.PutSettingAsync(workspaceId, AudienceSettings.ComputedTraitsSetting, json, ct);
        await RaiseAsync(workspaceId, ct);
    }

    /// <summary>Tells the audience model a settings document changed outside this class (the persona model).</summary>
    public Task NotifyChangedAsync(int workspaceId, CancellationToken ct) => RaiseAsync(workspaceId, ct);

    private async Task RaiseAsync(int workspaceId, CancellationToken ct)
    {
        if (Changed is { } changed)
        {
            await changed(workspaceId, ct);
        }
    }
}

/// <summary>RFM breakpoints as JSON: four ascending thresholds per measure, each the top of a score band.</summary>
public sealed record RfmDocument(double[]? RecencyDays, double[]? Frequency, double[]? Monetary);

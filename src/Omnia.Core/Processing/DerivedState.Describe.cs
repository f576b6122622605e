using System.Globalization;
using System.Text;
using System.Text.Json;
using Omnia.Core.Profiles;

namespace Omnia.Core.Processing;

public sealed partial class DerivedState
{
    /// <summary>
    /// Everything the state holds, as canonical text (sorted, one fact per line): two states that describe the same
    /// are the same. For checking that a state recovered from snapshots equals a rebuild from the log.
    /// </summary>
    /// <param name="withTimes">Include what depends on the instant audiences were decided at (next changes, lifecycle
    /// stages, personas); leave it out to compare states decided at different instants.</param>
    public string Describe(bool withTimes = true)
    {
        var lines = new List<string>();
        Lock.EnterReadLock();
        try
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"checkpoint {Checkpoint} next-profile {NextProfileId}"));
            foreach (var partition in Partitions)
            {
                foreach (var entry in partition.Values)
                {
                    var id = entry.Id;
                    var graph = Workspaces[entry.WorkspaceId].Graph;
                    lines.Add($"{id} ids {string.Join(",", graph.IdentifiersOf(id).Select(i => i.ToString()).Order(StringComparer.Ordinal))}");
                    lines.Add($"{id} state {JsonSerializer.Serialize(entry.State, ProfileJson.Options)}");
                    lines.Add($"{id} merges {string.Join(",", entry.Merges.Select(m => $"{m.From}>{m.Into}@{m.Seq}"))}");
                    var events = new StringBuilder();
                    foreach (var e in entry.Events)
                    {
                        events.Append(CultureInfo.InvariantCulture, $"{e.Seq}:{e.Type}:{e.Name}:{e.UtcTicks}:{e.Channel}:{e.Campaign}:{e.Device}:");
                        foreach (var p in e.Properties.Items)
                            events.Append(p.Name).Append('=').Append(p.Value.ToJson()).Append(';');
                        events.Append('|');
                    }

                    lines.Add($"{id} events {events}");
                    foreach (var instance in entry.Instances.OrderBy(i => i.Id))
                        lines.Add($"{id} instance {System.Text.Json.JsonSerializer.Serialize(instance, Journeys.OutboxItem.Json)}");
                    foreach (var (journey, record) in entry.EntryLog)
                        lines.Add($"{id} entered {journey} {record}");
                    foreach (var (journey, next) in entry.DateWakes)
                        lines.Add($"{id} date {journey} {next}");
                    if (entry.Audience is { } audience)
                    {
                        lines.Add($"{id} segments {string.Join(",", audience.Segments)}");
                        if (withTimes)
                            lines.Add($"{id} audience {audience.LifecycleStage} {audience.Persona} {audience.NextChange:O}");
                    }
                }
            }

            foreach (var workspace in Workspaces.Values)
            {
                lines.Add($"workspace {workspace.Id} profiles {workspace.ProfileCount} kept {string.Join(",", workspace.KeptProperties.Order(StringComparer.Ordinal))}");
                foreach (var ((day, channel), count) in workspace.ChannelDays)
                    lines.Add($"workspace {workspace.Id} day {day:yyyy-MM-dd} {Touchpoints.ChannelIds.Name(channel)} {count}");
            }

            foreach (var (journey, counters) in JourneyCounters)
                lines.Add($"journey {journey} {System.Text.Json.JsonSerializer.Serialize(CountersDocument.Of(counters), Journeys.OutboxItem.Json)}");
            foreach (var (journey, ticks) in NextBroadcasts)
                lines.Add($"broadcast {journey} {ticks}");
            foreach (var (from, into) in MergedInto)
                lines.Add($"merged {from} {into}");
            foreach (var (segment, members) in Members)
                lines.Add($"members {segment} {string.Join(",", members.After(long.MinValue, int.MaxValue))}");
        }
        finally
        {
            Lock.ExitReadLock();
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}

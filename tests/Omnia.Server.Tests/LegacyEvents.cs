using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Events;

namespace Omnia.Server.Tests;

/// <summary>
/// Writes events straight into a node's log, past today's ingestion checks, as a store written by an older
/// Omnia may hold them: what is read back from the log must never break a page or a recomputation.
/// </summary>
public static class LegacyEvents
{
    /// <summary>Appends one event (Segment JSON with a type), dated as if received at <paramref name="receivedAt"/>; <paramref name="patch"/> edits the stored JSON.</summary>
    public static async Task AppendAsync(TestNode node, string eventJson, DateTimeOffset receivedAt, Func<string, string>? patch = null)
    {
        using var request = SegmentRequest.Parse(Encoding.UTF8.GetBytes("{\"batch\":[" + eventJson + "]}"));
        var result = request.Extract(null, workspaceId: 1, sourceId: 1, receivedAt);
        var accepted = Assert.Single(result.Accepted);
        var stored = accepted with { Json = patch is null ? accepted.Json : Encoding.UTF8.GetBytes(patch(accepted.JsonText)) };
        await node.App.Services.GetRequiredService<IEventStore>().AppendAsync([stored], new long[1]);
    }
}

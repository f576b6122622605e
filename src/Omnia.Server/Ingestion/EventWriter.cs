using System.Text;
using Omnia.Core.Events;

namespace Omnia.Server.Ingestion;

/// <summary>
/// Ingests events that arrive as Segment JSON from inside the process (demo data, CSV import):
/// they are validated by the same parser as the HTTP API and written through the same group commit.
/// </summary>
public sealed class EventWriter(EventIngestor ingestor, Processing.ProcessingService processing, TimeProvider clock)
{
    /// <summary>Writes the events as one batch; returns what was stored and what was rejected.</summary>
    public async Task<(AppendOutcome Outcome, IReadOnlyList<EventRejection> Rejected)> WriteAsync(
        int workspaceId, int sourceId, IReadOnlyList<string> eventsJson, CancellationToken cancellationToken = default)
    {
        // In-process writers (demo data, imports) wait for derived state to catch up instead of being refused.
        while (processing.IsBehind)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        var body = new StringBuilder(eventsJson.Sum(e => e.Length + 1) + 16).Append("{\"batch\":[");
        for (int i = 0; i < eventsJson.Count; i++)
        {
            if (i > 0)
            {
                body.Append(',');
            }

            body.Append(eventsJson[i]);
        }

        body.Append("]}");
        using var request = SegmentRequest.Parse(Encoding.UTF8.GetBytes(body.ToString()));
        var result = request.Extract(null, workspaceId, sourceId, clock.GetUtcNow());
        var outcome = await ingestor.AppendAsync(result.Accepted, cancellationToken).ConfigureAwait(false);
        return (outcome, result.Rejected);
    }
}

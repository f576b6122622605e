using System.Text.Json;
using System.Text.Json.Nodes;
using Omnia.Core.Audit;
using Omnia.Server.Admin;

namespace Omnia.Server.Audit;

/// <summary>
/// Records admin changes in the append-only audit log: who (a user or key), from where (the client address), in
/// which workspace, what, and the state before and after as JSON. Every capability that changes configuration calls
/// <see cref="RecordAsync(string, string?, AuditChange, object?, object?, CancellationToken)"/> (or the overload that
/// reads who and where from the request). An admin API change that records nothing itself is still recorded, by
/// <see cref="AdminAccess"/>, with its request body as "after".
/// </summary>
public sealed class AuditLog(IAuditStore store, TimeProvider clock)
{
    /// <summary>Set on a request once it recorded an entry, so the generic record of admin API changes is not added too.</summary>
    internal const string RecordedItemKey = "omnia.audited";

    /// <summary>The longest before/after document kept; longer ones are cut with a note.</summary>
    public const int MaxDocumentChars = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Records one change. <paramref name="who"/> names the actor (e.g. <c>user ana@example.com</c>, <c>key ci</c>,
    /// <c>cli</c>); <paramref name="from"/> is the client address (null when local). <paramref name="before"/> and
    /// <paramref name="after"/> are serialised as JSON (a string that is JSON is kept as it is); pass null for "none".
    /// Never pass secrets or a customer's personal data (an erasure records counts and a profile id, not identifiers).
    /// </summary>
    public Task<AuditEntry> RecordAsync(string who, string? from, AuditChange what, object? before, object? after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(what);
        var record = new AuditRecord(what.WorkspaceId, who, from, what.Action, what.Target, Document(before), Document(after));
        return store.AppendAsync(record, clock.GetUtcNow(), cancellationToken).AsTask();
    }

    /// <summary>
    /// Records a change made by the caller of this request (an admin API call or a dashboard form post): who and from
    /// where come from the request, the workspace from the route unless <paramref name="workspaceId"/> is given.
    /// </summary>
    public async Task<AuditEntry> RecordAsync(HttpContext http, string action, string target, object? before, object? after, int? workspaceId = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var entry = await RecordAsync(Who(http), From(http), new AuditChange(workspaceId ?? WorkspaceOf(http), action, target), before, after, http.RequestAborted).ConfigureAwait(false);
        http.Items[RecordedItemKey] = true;
        return entry;
    }

    /// <summary>The actor of a request: the caller the admin API or dashboard authenticated, else "anonymous".</summary>
    public static string Who(HttpContext http) => (http?.Items[AdminAccess.CallerItemKey] as Caller)?.Name ?? "anonymous";

    /// <summary>The client address of a request.</summary>
    public static string? From(HttpContext http) => http?.Connection.RemoteIpAddress?.ToString();

    private static int? WorkspaceOf(HttpContext http) => (http.Items[WorkspaceContext.ItemKey] as WorkspaceContext)?.Id;

    internal static string? Document(object? value)
    {
        string? json = value switch
        {
            null => null,
            JsonElement e => e.GetRawText(),
            JsonNode n => n.ToJsonString(),
            string s => IsJson(s) ? s : JsonSerializer.Serialize(s),
            _ => JsonSerializer.Serialize(value, value.GetType(), Json),
        };
        return json is { Length: > MaxDocumentChars }
            ? JsonSerializer.Serialize(new { truncated = true, length = json.Length, start = json[..4096] })
            : json;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>What changed: in which workspace (null: the whole installation), the kind of change (<c>segment.saved</c>) and its target (<c>lapsed-vips</c>).</summary>
public sealed record AuditChange(int? WorkspaceId, string Action, string Target);

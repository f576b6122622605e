using System.Collections.Concurrent;
using System.Text.Json;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Core.Touchpoints;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Processing;

/// <summary>
/// The identity and channel rules of each workspace, read from its settings documents and cached;
/// <see cref="Invalidate"/> after a change.
/// </summary>
public sealed class WorkspaceRules(IWorkspaceStore workspaces)
{
    public const string IdentitySetting = "identity-rules";
    public const string ChannelSetting = "channel-rules";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly ConcurrentDictionary<int, ProcessingRules> _cache = new();

    public ProcessingRules For(int workspaceId) => _cache.GetOrAdd(workspaceId, Load);

    public void Invalidate(int workspaceId) => _cache.TryRemove(workspaceId, out _);

    /// <summary>Stores a validated rules document and applies it to events processed from now on; returns the stored JSON.</summary>
    public async Task<string> SaveAsync<T>(int workspaceId, string setting, T rules, CancellationToken cancellationToken)
    {
        string json = JsonSerializer.Serialize(rules, Json);
        await workspaces.PutSettingAsync(workspaceId, setting, json, cancellationToken).ConfigureAwait(false);
        Invalidate(workspaceId);
        return json;
    }

    private ProcessingRules Load(int workspaceId)
    {
        string? identity = workspaces.GetSettingAsync(workspaceId, IdentitySetting).AsTask().GetAwaiter().GetResult();
        string? channels = workspaces.GetSettingAsync(workspaceId, ChannelSetting).AsTask().GetAwaiter().GetResult();
        return new ProcessingRules(
            identity is null ? IdentityRules.Default : JsonSerializer.Deserialize<IdentityRules>(identity, Json) ?? IdentityRules.Default,
            channels is null ? ChannelRules.Default : JsonSerializer.Deserialize<ChannelRules>(channels, Json) ?? ChannelRules.Default);
    }
}

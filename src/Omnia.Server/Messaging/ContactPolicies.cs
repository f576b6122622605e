using System.Collections.Concurrent;
using Omnia.Core.Messaging;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Messaging;

/// <summary>
/// Each workspace's contact policy, read from its <c>contact-policy</c> setting (the JSON of
/// <see cref="ContactPolicy.Parse"/>) and cached; <see cref="ContactPolicy.Default"/> when there is none.
/// </summary>
public sealed class ContactPolicies(IWorkspaceStore workspaces)
{
    /// <summary>The workspace setting that holds the policy.</summary>
    public const string Setting = "contact-policy";

    private readonly ConcurrentDictionary<int, ContactPolicy> _cache = new();

    /// <summary>Awaited after a workspace's policy was saved (the journey engine's reachability follows it).</summary>
    public event Func<int, Task>? Saved;

    /// <summary>The workspace's policy.</summary>
    public async ValueTask<ContactPolicy> ForAsync(int workspaceId, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(workspaceId, out var cached))
            return cached;

        string? json = await workspaces.GetSettingAsync(workspaceId, Setting, ct).ConfigureAwait(false);
        var policy = json is null ? ContactPolicy.Default : ContactPolicy.Parse(json).Policy ?? ContactPolicy.Default;
        _cache[workspaceId] = policy;
        return policy;
    }

    /// <summary>Validates and stores a policy; returns the errors (with their paths) when it is not valid.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(int workspaceId, string json, CancellationToken ct = default)
    {
        var parsed = ContactPolicy.Parse(json);
        if (!parsed.IsValid)
            return parsed.Errors.Select(e => e.ToString()).ToList();

        await workspaces.PutSettingAsync(workspaceId, Setting, parsed.Policy.ToJson(), ct).ConfigureAwait(false);
        _cache.TryRemove(workspaceId, out _);
        if (Saved is { } saved)
        {
            foreach (var handler in saved.GetInvocationList().Cast<Func<int, Task>>())
                await handler(workspaceId).ConfigureAwait(false);
        }
        return [];
    }
}

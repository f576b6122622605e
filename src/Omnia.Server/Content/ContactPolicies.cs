using Omnia.Core.Messaging;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Content;

/// <summary>A workspace's contact policy, kept as the workspace setting <see cref="Setting"/>; the defaults until saved.</summary>
public sealed class ContactPolicies(IWorkspaceStore workspaces)
{
    /// <summary>The workspace setting that holds the policy's JSON.</summary>
    public const string Setting = "contact-policy";

    /// <summary>A policy may be at most this large.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The workspace's policy, or <see cref="ContactPolicy.Default"/>.</summary>
    public async Task<ContactPolicy> LoadAsync(int workspaceId, CancellationToken ct = default) =>
        await workspaces.GetSettingAsync(workspaceId, Setting, ct) is { } json && ContactPolicy.Parse(json) is { IsValid: true } parsed
            ? parsed.Policy
            : ContactPolicy.Default;

    /// <summary>Checks and saves a policy; nothing is saved when it has errors.</summary>
    public async Task<(ContactPolicy? Saved, IReadOnlyList<string> Errors)> SaveAsync(int workspaceId, string json, CancellationToken ct = default)
    {
        var parsed = ContactPolicy.Parse(json);
        if (!parsed.IsValid)
            return (null, parsed.Errors.Select(e => e.ToString()).ToList());
        await workspaces.PutSettingAsync(workspaceId, Setting, parsed.Policy.ToJson(), ct);
        return (parsed.Policy, []);
    }
}

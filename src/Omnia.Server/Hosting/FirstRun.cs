using Omnia.Core.Workspaces;

namespace Omnia.Server.Hosting;

/// <summary>
/// First start of an empty store: creates workspace <c>default</c>, an owner admin key and a source,
/// from <c>OMNIA_BOOTSTRAP_*</c> when set, otherwise with generated keys that are shown once.
/// </summary>
public sealed class FirstRun(IWorkspaceStore workspaces)
{
    public const string DefaultWorkspace = "default";

    public async Task<FirstRunResult?> EnsureAsync(BootstrapSettings settings, CancellationToken cancellationToken = default)
    {
        if ((await workspaces.ListWorkspacesAsync(cancellationToken)).Count > 0)
        {
            return null;
        }

        var workspace = await workspaces.CreateWorkspaceAsync(DefaultWorkspace, "Default workspace", cancellationToken);
        string adminKey = string.IsNullOrWhiteSpace(settings.AdminKey) ? SecretKeys.NewAdminKey() : settings.AdminKey;
        await workspaces.CreateApiKeyAsync(null, "bootstrap", Role.Owner, SecretKeys.Hash(adminKey), SecretKeys.Prefix(adminKey), cancellationToken);
        string writeKey = string.IsNullOrWhiteSpace(settings.WriteKey) ? SecretKeys.NewWriteKey() : settings.WriteKey;
        await workspaces.CreateSourceAsync(workspace.Id, "Default source", "server", SecretKeys.Hash(writeKey), SecretKeys.Prefix(writeKey), cancellationToken);
        return new FirstRunResult(
            workspace,
            string.IsNullOrWhiteSpace(settings.AdminKey) ? adminKey : null,
            string.IsNullOrWhiteSpace(settings.WriteKey) ? writeKey : null);
    }
}

/// <summary>What the first run created; keys are set only when they were generated (to print them once).</summary>
public sealed record FirstRunResult(Workspace Workspace, string? GeneratedAdminKey, string? GeneratedWriteKey);

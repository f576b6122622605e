using Omnia.Core.Users;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Hosting;

/// <summary>
/// First start of an empty store: creates workspace <c>default</c>, an owner admin key and a source,
/// from <c>OMNIA_BOOTSTRAP_*</c> when set, otherwise with generated keys that are shown once. A store
/// without dashboard users (also one made before the dashboard existed) gets its owner user.
/// </summary>
public sealed class FirstRun(IWorkspaceStore workspaces, IUserStore users)
{
    public const string DefaultWorkspace = "default";

    /// <summary>The owner's sign-in email when <c>OMNIA_BOOTSTRAP_OWNER_EMAIL</c> is not set.</summary>
    public const string DefaultOwnerEmail = "owner@localhost";

    public async Task<FirstRunResult?> EnsureAsync(BootstrapSettings settings, CancellationToken cancellationToken = default)
    {
        var result = await EnsureWorkspaceAsync(settings, cancellationToken);
        if (await users.CountAsync(cancellationToken) > 0)
        {
            return result;
        }

        bool generated = string.IsNullOrWhiteSpace(settings.OwnerPassword);
        string email = string.IsNullOrWhiteSpace(settings.OwnerEmail) ? DefaultOwnerEmail : settings.OwnerEmail.Trim();
        string password = generated ? PasswordHasher.Generate() : settings.OwnerPassword!;
        await users.CreateAsync(new NewUser(email, PasswordHasher.Hash(password), Role.Owner, AllWorkspaces: true, []), cancellationToken);
        result ??= new FirstRunResult((await workspaces.ListWorkspacesAsync(cancellationToken))[0], null, null);
        return result with { OwnerEmail = EmailAddresses.Normalize(email), GeneratedOwnerPassword = generated ? password : null };
    }

    private async Task<FirstRunResult?> EnsureWorkspaceAsync(BootstrapSettings settings, CancellationToken cancellationToken)
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

/// <summary>What the first run created; keys and the owner's password are set only when they were generated (to print them once).</summary>
public sealed record FirstRunResult(Workspace Workspace, string? GeneratedAdminKey, string? GeneratedWriteKey)
{
    /// <summary>The dashboard owner's sign-in email, when the owner user was created now.</summary>
    public string? OwnerEmail { get; init; }

    /// <summary>The dashboard owner's generated password (not set when it came from <c>OMNIA_BOOTSTRAP_OWNER_PASSWORD</c>).</summary>
    public string? GeneratedOwnerPassword { get; init; }
}

using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;
using Omnia.Server.Dashboard.Accounts;

namespace Omnia.Server.Tests.Security;

/// <summary>
/// Who calls in the security tests: an admin key and a dashboard user per role, limited to workspace <c>default</c>
/// (the owner sees every workspace), an owner of another workspace only, and nobody.
/// </summary>
public sealed record TestCaller(string Name, Role? Role, bool SeesAll, bool WrongWorkspace, string? Key, string? Email)
{
    public bool Anonymous => Role is null;

    public override string ToString() => Name;
}

public static class Callers
{
    public const string Password = "Route role check 7";

    /// <summary>Creates workspace <c>other</c>, a key and a user per role, and returns the callers.</summary>
    public static async Task<IReadOnlyList<TestCaller>> CreateAsync(TestNode node)
    {
        var store = node.App.Services.GetRequiredService<IWorkspaceStore>();
        var accounts = node.App.Services.GetRequiredService<UserAccounts>();
        var workspace = (await store.FindWorkspaceAsync("default"))!;
        var other = await store.FindWorkspaceAsync("other") ?? await store.CreateWorkspaceAsync("other", "Other");
        var callers = new List<TestCaller> { new("owner", Role.Owner, true, false, TestNode.AdminKey, TestNode.OwnerEmail) };
        foreach (var role in new[] { Role.Marketer, Role.Analyst, Role.Viewer })
        {
            string name = role.ToString().ToLowerInvariant();
            string key = await KeyAsync(store, workspace.Id, role, name);
            var (user, errors) = await accounts.AddAsync($"{name}@example.com", Password, role, false, [workspace], CancellationToken.None);
            Assert.True(user is not null, string.Join(" ", errors));
            callers.Add(new TestCaller(name, role, false, false, key, user!.Email));
        }

        string wrongKey = await KeyAsync(store, other.Id, Role.Owner, "other-owner");
        var (wrong, wrongErrors) = await accounts.AddAsync("other-owner@example.com", Password, Role.Owner, false, [other], CancellationToken.None);
        Assert.True(wrong is not null, string.Join(" ", wrongErrors));
        callers.Add(new TestCaller("owner of another workspace", Role.Owner, false, true, wrongKey, wrong!.Email));
        callers.Add(new TestCaller("no credentials", null, false, false, null, null));
        return callers;
    }

    public static async Task<string> KeyAsync(IWorkspaceStore store, int? workspaceId, Role role, string name)
    {
        string key = SecretKeys.NewAdminKey();
        await store.CreateApiKeyAsync(workspaceId, name, role, SecretKeys.Hash(key), SecretKeys.Prefix(key));
        return key;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? key, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }
}

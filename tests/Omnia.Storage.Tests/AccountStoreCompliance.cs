using Omnia.Core.Audit;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;

namespace Omnia.Storage.Tests;

/// <summary>What every store must do for keys, sources, sessions, invitations and the audit log (part of <see cref="StoreCompliance"/>).</summary>
public abstract partial class StoreCompliance
{
    [Fact]
    public async Task A_revoked_or_expired_key_is_still_found_but_not_active_and_its_last_use_is_kept()
    {
        var ws = await Store.Workspaces.CreateWorkspaceAsync("keys", "Keys");
        var key = await Store.Workspaces.CreateApiKeyAsync(ws.Id, "ci", Role.Analyst, SecretKeys.Hash("ak_k"), "ak_k", T0.AddDays(30));
        await Store.Workspaces.RecordApiKeyUseAsync(key.Id, T0.AddHours(1));
        var revoked = await Store.Workspaces.RevokeApiKeyAsync(key.Id);
        Store.Reopen();

        var found = await Store.Workspaces.FindApiKeyByHashAsync(SecretKeys.Hash("ak_k"));
        Assert.NotNull(revoked?.RevokedAt);
        Assert.Equal(T0.AddDays(30), found!.ExpiresAt);
        Assert.Equal(T0.AddHours(1), found.LastUsedAt);
        Assert.False(found.IsActive(T0));
        Assert.Equal(key.Id, (await Store.Workspaces.GetApiKeyAsync(ws.Id, key.Id))!.Id);
    }

    [Fact]
    public async Task A_rotated_write_key_finds_its_source_by_the_new_key_and_by_the_old_one_only_inside_the_overlap()
    {
        var ws = await Store.Workspaces.CreateWorkspaceAsync("rotate", "Rotate");
        var source = await Store.Workspaces.CreateSourceAsync(ws.Id, "Web", "website", SecretKeys.Hash("wk_old"), "wk_old");

        await Store.Workspaces.RotateWriteKeyAsync(ws.Id, source.Id, SecretKeys.Hash("wk_new"), "wk_new", DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(source.Id, (await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_new")))?.Id);
        Assert.Equal(source.Id, (await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_old")))?.Id);

        await Store.Workspaces.RotateWriteKeyAsync(ws.Id, source.Id, SecretKeys.Hash("wk_newer"), "wk_newer", DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.Null(await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_old")));
        Assert.Null(await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_new")));
        Assert.Equal("wk_newer", (await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_newer")))?.WriteKeyPrefix);
    }

    [Fact]
    public async Task A_disabled_source_is_not_found_by_its_key_and_a_deleted_one_leaves_the_list()
    {
        var ws = await Store.Workspaces.CreateWorkspaceAsync("disable", "Disable");
        var source = await Store.Workspaces.CreateSourceAsync(ws.Id, "Web", "website", SecretKeys.Hash("wk_d"), "wk_d");

        Assert.False((await Store.Workspaces.SetSourceEnabledAsync(ws.Id, source.Id, false))!.Enabled);
        Assert.Null(await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_d")));
        await Store.Workspaces.SetSourceEnabledAsync(ws.Id, source.Id, true);
        Assert.NotNull(await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_d")));
        Assert.True(await Store.Workspaces.DeleteSourceAsync(ws.Id, source.Id));
        Assert.False(await Store.Workspaces.DeleteSourceAsync(ws.Id, source.Id));
        Assert.Null(await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_d")));
        Assert.Empty(await Store.Workspaces.ListSourcesAsync(ws.Id));
    }

    [Fact]
    public async Task Sessions_survive_a_restart_and_end_with_a_role_change_deactivation_or_password_change()
    {
        var user = (await Store.Users.CreateAsync(new NewUser("ana@example.com", "hash", Role.Marketer, true, [])))!;
        var now = DateTimeOffset.UtcNow;
        foreach (var (token, change) in new[] { ("s-role", 0), ("s-active", 1), ("s-password", 2) })
        {
            await Store.Users.CreateSessionAsync(new UserSession(token, user.Id, now, now, now.AddHours(1), "test"));
            Store.Reopen();
            Assert.NotNull(await Store.Users.FindSessionAsync(token));
            switch (change)
            {
                case 0: await Store.Users.SetRoleAsync(user.Id, Role.Viewer); break;
                case 1: await Store.Users.SetActiveAsync(user.Id, false); await Store.Users.SetActiveAsync(user.Id, true); break;
                default: await Store.Users.SetPasswordAsync(user.Id, "new hash"); break;
            }

            Assert.Null(await Store.Users.FindSessionAsync(token));
        }

        await Store.Users.CreateSessionAsync(new UserSession("expired", user.Id, now, now, now.AddSeconds(-1), null));
        Assert.Null(await Store.Users.FindSessionAsync("expired"));
        Assert.Equal("new hash", (await Store.Users.GetCredentialsAsync(user.Id))!.PasswordHash);
    }

    [Fact]
    public async Task A_totp_step_is_accepted_once_and_never_an_earlier_one()
    {
        var user = (await Store.Users.CreateAsync(new NewUser("tim@example.com", "hash", Role.Viewer, true, [])))!;
        await Store.Users.SetTotpSecretAsync(user.Id, "protected");

        Assert.True(await Store.Users.UseTotpStepAsync(user.Id, 100));
        Assert.False(await Store.Users.UseTotpStepAsync(user.Id, 100));
        Assert.False(await Store.Users.UseTotpStepAsync(user.Id, 99));
        Assert.True((await Store.Users.GetAsync(user.Id))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task An_invitation_is_accepted_once_into_a_user_with_its_role_and_workspaces()
    {
        var ws = await Store.Workspaces.CreateWorkspaceAsync("invite", "Invite");
        await Store.Users.CreateInvitationAsync(new Invitation(0, "token-hash", "Lea@Example.com", Role.Analyst, false, [ws.Id], "user owner@example.com", T0, T0.AddDays(7)));

        Assert.Single(await Store.Users.ListInvitationsAsync(ws.Id));
        var user = await Store.Users.AcceptInvitationAsync("token-hash", "hash");
        var again = await Store.Users.AcceptInvitationAsync("token-hash", "hash");

        Assert.Equal("lea@example.com", user!.Email);
        Assert.Equal(Role.Analyst, user.Role);
        Assert.Equal([ws.Id], user.WorkspaceIds);
        Assert.Null(again);
        Assert.Empty(await Store.Users.ListInvitationsAsync(ws.Id));
    }

    [Fact]
    public async Task The_audit_log_appends_in_order_chains_its_entries_and_reads_by_workspace_both_ways()
    {
        for (int i = 1; i <= 5; i++)
        {
            await Store.Audit.AppendAsync(new AuditRecord(i == 3 ? null : 1, "key ci", "127.0.0.1", "segment.saved", $"s{i}", null, $$"""{"v":{{i}}}"""), T0.AddMinutes(i));
        }

        await Store.Audit.AppendAsync(new AuditRecord(2, "key ci", null, "segment.saved", "other", null, null), T0.AddMinutes(6));
        Store.Reopen();

        var forward = await Store.Audit.ListAsync(new AuditQuery(1, IncludeGlobal: true));
        var backward = await Store.Audit.ListAsync(new AuditQuery(1, IncludeGlobal: false, Before: long.MaxValue, Limit: 2));
        Assert.Equal(["s1", "s2", "s3", "s4", "s5"], forward.Select(e => e.Target));
        Assert.Equal(["s5", "s4"], backward.Select(e => e.Target));
        Assert.Equal(T0.AddMinutes(2), forward[1].At);
        Assert.True((await Store.Audit.VerifyAsync()).Intact);
        Assert.Equal(6, (await Store.Audit.VerifyAsync()).Entries);
    }
}

using Omnia.Core.Users;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;

namespace Omnia.Server.Tests;

/// <summary>Which workspaces a dashboard user or an API key may see through the admin API.</summary>
public sealed class CallerTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Workspace Eu = new(1, "eu", "EU", At);
    private static readonly Workspace Us = new(2, "us", "US", At);
    private static readonly Workspace Apac = new(3, "apac", "APAC", At);

    [Fact]
    public void A_user_limited_to_two_workspaces_sees_both_and_no_other()
    {
        var user = new User(7, "ana@example.com", Role.Marketer, AllWorkspaces: false, WorkspaceIds: [1, 2], At, null);

        var caller = AdminAccess.UserCaller(user);

        Assert.True(caller.CanAccess(Eu));
        Assert.True(caller.CanAccess(Us));
        Assert.False(caller.CanAccess(Apac));
        Assert.False(caller.SeesAllWorkspaces);
    }

    [Fact]
    public void A_user_with_all_workspaces_sees_ones_created_later()
    {
        var user = new User(8, "owner@example.com", Role.Owner, AllWorkspaces: true, WorkspaceIds: [], At, null);

        var caller = AdminAccess.UserCaller(user);

        Assert.True(caller.SeesAllWorkspaces);
        Assert.True(caller.CanAccess(Apac));
    }
}

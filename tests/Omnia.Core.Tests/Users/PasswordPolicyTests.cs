using Omnia.Core.Users;

namespace Omnia.Core.Tests.Users;

/// <summary>The password policy refuses short, breached, sequential and email-based passwords and says why.</summary>
public sealed class PasswordPolicyTests
{
    private static readonly HashSet<string> Breached = ["password123", "qwertyuiop"];

    [Theory]
    [InlineData("short", "at least")]
    [InlineData("Password123", "most common passwords")]
    [InlineData("aaaaaaaaaaaa", "repeated character")]
    [InlineData("abababababab", "repeated character")]
    [InlineData("0123456789", "sequence")]
    [InlineData("9876543210", "sequence")]
    [InlineData("ana.lopez@example.com", "email")]
    [InlineData("ana.lopez2024", "email")]
    public void A_weak_password_is_refused_with_the_reason(string password, string reason)
    {
        var problems = PasswordPolicy.Check(password, "ana.lopez@example.com", Breached.Contains);

        Assert.Contains(problems, p => p.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("Ana's garden 1987!")]
    [InlineData("owner password 1")]
    public void A_long_uncommon_password_passes(string password) =>
        Assert.Empty(PasswordPolicy.Check(password, "ana.lopez@example.com", Breached.Contains));

    [Fact]
    public void A_password_longer_than_the_maximum_is_refused() =>
        Assert.Contains(PasswordPolicy.Check(new string('x', 200) + new string('y', 100), null, Breached.Contains), p => p.Contains("at most", StringComparison.Ordinal));
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;
using Omnia.Server.Security;

namespace Omnia.Server.Dashboard.Accounts;

/// <summary>
/// The rules for accounts that the sign-in page, Settings → Users, Settings → Your account and the users API share:
/// checking passwords, the password policy, invitations, role changes and deactivation (never of the last owner),
/// and two-factor secrets (stored protected with the data-protection keys).
/// </summary>
public sealed class UserAccounts(IUserStore users, TimeProvider clock, IDataProtectionProvider protection, OmniaServerOptions options)
{
    /// <summary>The message for any failed sign-in: it does not say whether the email exists.</summary>
    public const string SignInFailed = "That email and password do not match an account. Check both and try again.";

    private readonly IDataProtector _totp = protection.CreateProtector("Omnia.Totp.v1");

    /// <summary>
    /// The user's credentials when the password is right and the account active, else null. An unknown email costs
    /// the same PBKDF2 work as a wrong password, so response times do not reveal which emails have accounts.
    /// </summary>
    public async Task<UserCredentials?> VerifyAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        var credentials = EmailAddresses.IsValid(email) ? await users.FindCredentialsAsync(email!, cancellationToken) : null;
        return Verify(credentials, password) ? credentials : null;
    }

    /// <summary>Whether <paramref name="password"/> is the password of <paramref name="credentials"/> (always doing the hashing work).</summary>
    public static bool Verify(UserCredentials? credentials, string? password)
    {
        bool matches = PasswordHasher.Verify(password ?? "", credentials?.PasswordHash ?? PasswordHasher.Decoy);
        return matches && credentials is not null && credentials.User.Active;
    }

    public Task RecordSignInAsync(User user, CancellationToken cancellationToken) => users.RecordSignInAsync(user.Id, clock.GetUtcNow(), cancellationToken).AsTask();

    /// <summary>The problems with a password <paramref name="email"/>'s owner chose (length, breached list, sequences, the email itself).</summary>
    public static IReadOnlyList<string> PasswordProblems(string? password, string? email) => PasswordPolicy.Check(password, email, BreachedPasswords.Contains);

    /// <summary>Adds a user, or says what to fix (one sentence per problem).</summary>
    public async Task<(User? User, IReadOnlyList<string> Errors)> AddAsync(
        string? email, string? password, Role role, bool allWorkspaces, IReadOnlyList<Workspace> workspaces, CancellationToken cancellationToken)
    {
        var errors = AccessProblems(email, role, allWorkspaces, workspaces);
        errors.AddRange(PasswordProblems(password, email));
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var user = await users.CreateAsync(
            new NewUser(email!, PasswordHasher.Hash(password!), role, allWorkspaces, allWorkspaces ? [] : workspaces.Select(w => w.Id).ToList()),
            cancellationToken);
        return user is null ? (null, [$"There is a user with the email {EmailAddresses.Normalize(email!)} already."]) : (user, []);
    }

    /// <summary>Invites a person: the returned token goes into the link (<c>/invite/{token}</c>) and is not stored, only its hash.</summary>
    public async Task<(Invitation? Invitation, string? Token, IReadOnlyList<string> Errors)> InviteAsync(
        string? email, Role role, bool allWorkspaces, IReadOnlyList<Workspace> workspaces, string invitedBy, CancellationToken cancellationToken)
    {
        var errors = AccessProblems(email, role, allWorkspaces, workspaces);
        if (errors.Count == 0 && await users.FindCredentialsAsync(email!, cancellationToken) is not null)
        {
            errors.Add($"There is a user with the email {EmailAddresses.Normalize(email!)} already.");
        }

        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var now = clock.GetUtcNow();
        var invitation = new Invitation(0, SecretKeys.Hash(token), EmailAddresses.Normalize(email!), role, allWorkspaces,
            allWorkspaces ? [] : workspaces.Select(w => w.Id).ToList(), invitedBy, now, now + options.Security.InvitationLifetime);
        await users.CreateInvitationAsync(invitation, cancellationToken);
        return (invitation, token, []);
    }

    /// <summary>The pending, unexpired invitation of a link's token, or null.</summary>
    public async Task<Invitation?> FindInvitationAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var invitation = await users.FindInvitationAsync(SecretKeys.Hash(token), cancellationToken);
        return invitation is not null && invitation.ExpiresAt > clock.GetUtcNow() ? invitation : null;
    }

    /// <summary>Accepts an invitation with the password the person chose; the new user, or what to fix.</summary>
    public async Task<(User? User, IReadOnlyList<string> Errors)> AcceptAsync(string token, string? password, CancellationToken cancellationToken)
    {
        var invitation = await FindInvitationAsync(token, cancellationToken);
        if (invitation is null)
        {
            return (null, ["This invitation link has expired or was used already; ask an owner for a new one."]);
        }

        var problems = PasswordProblems(password, invitation.Email);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var user = await users.AcceptInvitationAsync(invitation.TokenHash, PasswordHasher.Hash(password!), cancellationToken);
        return user is null ? (null, ["This invitation was used already, or a user with its email exists; sign in instead."]) : (user, []);
    }

    /// <summary>Changes a user's password after checking the current one; ends their other sessions (keeps <paramref name="keepSessionHash"/>).</summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(User user, string? current, string? replacement, string? keepSessionHash, CancellationToken cancellationToken)
    {
        var credentials = await users.GetCredentialsAsync(user.Id, cancellationToken);
        if (!Verify(credentials, current))
        {
            return ["Your current password is not right."];
        }

        var problems = PasswordProblems(replacement, user.Email);
        if (problems.Count > 0)
        {
            return problems;
        }

        await users.SetPasswordAsync(user.Id, PasswordHasher.Hash(replacement!), keepSessionHash, cancellationToken);
        return [];
    }

    /// <summary>
    /// Changes another user's role or active state for <paramref name="by"/>, ending the user's sessions. Refused when
    /// it would leave no active owner who sees every workspace, or when the target sees workspaces the caller does not.
    /// </summary>
    public async Task<(User? User, string? Problem, int Status)> ChangeAccessAsync(
        Admin.Caller by, int userId, Role? role, bool? active, bool? twoFactor, CancellationToken cancellationToken)
    {
        var target = await users.GetAsync(userId, cancellationToken);
        if (target is null)
        {
            return (null, $"There is no user {userId}.", StatusCodes.Status404NotFound);
        }

        if (!by.SeesAllWorkspaces && (target.AllWorkspaces || target.WorkspaceIds.Except(by.WorkspaceIds!).Any()))
        {
            return (null, "This user can see workspaces you cannot; ask an owner of every workspace.", StatusCodes.Status403Forbidden);
        }

        if (role is { } r && !Enum.IsDefined(r))
        {
            return (null, "'role' must be one of owner, marketer, analyst, viewer.", StatusCodes.Status400BadRequest);
        }

        if (twoFactor == true)
        {
            return (null, "Two-factor sign-in is turned on by the user themselves (Settings → Your account); owners can only turn it off.", StatusCodes.Status400BadRequest);
        }

        bool removesOwner = target.Active && target.AllWorkspaces && target.Role == Role.Owner && ((role is { } nr && nr != Role.Owner) || active == false);
        if (removesOwner && await users.CountActiveOwnersAsync(cancellationToken) <= 1)
        {
            return (null, $"{target.Email} is the last active owner of every workspace; make someone else an owner first.", StatusCodes.Status409Conflict);
        }

        var updated = target;
        if (role is { } newRole && newRole != target.Role)
        {
            updated = await users.SetRoleAsync(userId, newRole, cancellationToken) ?? updated;
        }

        if (active is { } newActive && newActive != target.Active)
        {
            updated = await users.SetActiveAsync(userId, newActive, cancellationToken) ?? updated;
        }

        if (twoFactor == false && target.TwoFactorEnabled)
        {
            await users.SetTotpSecretAsync(userId, null, cancellationToken);
            await users.EndSessionsAsync(userId, cancellationToken: cancellationToken);
            updated = await users.GetAsync(userId, cancellationToken) ?? updated;
        }

        return (updated, null, StatusCodes.Status200OK);
    }

    /// <summary>Protects a TOTP secret for storage (or for a hidden form field during set-up).</summary>
    public string ProtectTotp(byte[] secret) => _totp.Protect(Convert.ToBase64String(secret));

    /// <summary>The TOTP secret from its protected form, or null when it cannot be read.</summary>
    public byte[]? UnprotectTotp(string? protectedSecret)
    {
        if (string.IsNullOrEmpty(protectedSecret))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(_totp.Unprotect(protectedSecret));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Checks a TOTP code for the user and uses up its time step (a code works once); false when wrong or replayed.</summary>
    public async Task<bool> VerifyTotpAsync(UserCredentials credentials, string? code, CancellationToken cancellationToken)
    {
        var secret = UnprotectTotp(credentials.TotpSecret);
        return secret is not null && Totp.Match(secret, code, clock.GetUtcNow()) is { } step && step > credentials.TotpLastStep
            && await users.UseTotpStepAsync(credentials.User.Id, step, cancellationToken);
    }

    /// <summary>Turns two-factor sign-in on once the person typed a right code for the new secret.</summary>
    public async Task<bool> EnableTotpAsync(User user, byte[] secret, string? code, CancellationToken cancellationToken)
    {
        if (Totp.Match(secret, code, clock.GetUtcNow()) is not { } step)
        {
            return false;
        }

        await users.SetTotpSecretAsync(user.Id, ProtectTotp(secret), cancellationToken);
        await users.UseTotpStepAsync(user.Id, step, cancellationToken);
        return true;
    }

    private static List<string> AccessProblems(string? email, Role role, bool allWorkspaces, IReadOnlyList<Workspace> workspaces)
    {
        var errors = new List<string>();
        if (!EmailAddresses.IsValid(email))
        {
            errors.Add("Enter the person's email address, like name@example.com.");
        }

        if (!Enum.IsDefined(role))
        {
            errors.Add("Choose a role: owner, marketer, analyst or viewer.");
        }

        if (!allWorkspaces && workspaces.Count == 0)
        {
            errors.Add("Choose at least one workspace the person can see, or all workspaces.");
        }

        return errors;
    }
}

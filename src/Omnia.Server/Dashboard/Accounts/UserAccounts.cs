using Omnia.Core.Users;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Dashboard.Accounts;

/// <summary>Checks sign-ins and adds users: the rules the sign-in page and Settings → Users share.</summary>
public sealed class UserAccounts(IUserStore users, TimeProvider clock)
{
    /// <summary>The message for any failed sign-in: it does not say whether the email exists.</summary>
    public const string SignInFailed = "That email and password do not match an account. Check both and try again.";

    /// <summary>
    /// The user when the password is right, else null. An unknown email costs the same PBKDF2 work as a
    /// wrong password, so response times do not reveal which emails have accounts.
    /// </summary>
    public async Task<UserCredentials?> VerifyAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        var credentials = EmailAddresses.IsValid(email) ? await users.FindCredentialsAsync(email!, cancellationToken) : null;
        bool matches = PasswordHasher.Verify(password ?? "", credentials?.PasswordHash ?? PasswordHasher.Decoy);
        if (!matches || credentials is null)
        {
            return null;
        }

        await users.RecordSignInAsync(credentials.User.Id, clock.GetUtcNow(), cancellationToken);
        return credentials;
    }

    /// <summary>Adds a user, or says what to fix (one sentence per problem).</summary>
    public async Task<(User? User, IReadOnlyList<string> Errors)> AddAsync(
        string? email, string? password, Role role, bool allWorkspaces, IReadOnlyList<Workspace> workspaces, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (!EmailAddresses.IsValid(email))
        {
            errors.Add("Enter the person's email address, like name@example.com.");
        }

        if (PasswordHasher.Check(password) is { } passwordProblem)
        {
            errors.Add(passwordProblem);
        }

        if (!Enum.IsDefined(role))
        {
            errors.Add("Choose a role: owner, marketer, analyst or viewer.");
        }

        if (!allWorkspaces && workspaces.Count == 0)
        {
            errors.Add("Choose at least one workspace the person can see, or all workspaces.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var user = await users.CreateAsync(
            new NewUser(email!, PasswordHasher.Hash(password!), role, allWorkspaces, allWorkspaces ? [] : workspaces.Select(w => w.Id).ToList()),
            cancellationToken);
        return user is null ? (null, [$"There is a user with the email {EmailAddresses.Normalize(email!)} already."]) : (user, []);
    }
}

namespace Omnia.Core.Users;

/// <summary>Sign-in emails: compared trimmed and lower-case, so "Maya@Example.com " and "maya@example.com" are one user.</summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// Whether the text looks like one email address: a local part, one @, a domain, no spaces. Like a browser's
    /// <c>input[type=email]</c>, a domain without a dot is allowed (the first owner is <c>owner@localhost</c>).
    /// </summary>
    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        string e = email.Trim();
        int at = e.IndexOf('@', StringComparison.Ordinal);
        return e.Length <= MaxLength
            && at > 0
            && at == e.LastIndexOf('@')
            && at < e.Length - 1
            && !e.EndsWith('.')
            && !e.Any(char.IsWhiteSpace);
    }
}

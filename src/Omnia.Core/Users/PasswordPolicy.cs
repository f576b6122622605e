namespace Omnia.Core.Users;

/// <summary>
/// What a password a person chooses must meet (NIST SP 800-63B): at least <see cref="PasswordHasher.MinimumLength"/>
/// characters, at most <see cref="MaximumLength"/>, not one of the most common passwords of breach corpora, not a run
/// of one character or a keyboard sequence, and not the person's email or its name part.
/// </summary>
public static class PasswordPolicy
{
    public const int MaximumLength = 256;

    private static readonly string[] Sequences = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv"];

    /// <summary>The problems with <paramref name="password"/>, one sentence each; empty when it is acceptable.</summary>
    /// <param name="isBreached">Whether a (lower-cased) password is on the breached-password list.</param>
    public static IReadOnlyList<string> Check(string? password, string? email, Func<string, bool> isBreached)
    {
        ArgumentNullException.ThrowIfNull(isBreached);
        if (PasswordHasher.Check(password) is { } tooShort)
        {
            return [tooShort];
        }

        string lower = password!.ToLowerInvariant();
        var problems = new List<string>();
        if (password.Length > MaximumLength)
        {
            problems.Add($"Use a password of at most {MaximumLength} characters.");
        }

        if (isBreached(lower))
        {
            problems.Add("That password is one of the most common passwords in published breaches; choose another.");
        }
        else if (lower.Distinct().Count() <= 2 || IsSequence(lower))
        {
            problems.Add("That password is a repeated character or a keyboard sequence; choose another.");
        }

        if (email is not null && EmailAddresses.IsValid(email))
        {
            string normalized = EmailAddresses.Normalize(email);
            string local = normalized[..normalized.IndexOf('@', StringComparison.Ordinal)];
            if (lower == normalized || (local.Length >= 4 && lower.Contains(local, StringComparison.Ordinal) && lower.Length - local.Length < 6))
            {
                problems.Add("The password must not be your email address or be made from it.");
            }
        }

        return problems;
    }

    /// <summary>Whether the text is a run along one of the common sequences, forwards or backwards (e.g. "1234567890", "qwertyuiop").</summary>
    private static bool IsSequence(string text)
    {
        string reversed = new(text.Reverse().ToArray());
        foreach (var sequence in Sequences)
        {
            string doubled = sequence + sequence;
            if (doubled.Contains(text, StringComparison.Ordinal) || doubled.Contains(reversed, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

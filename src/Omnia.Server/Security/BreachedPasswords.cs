using System.Collections.Frozen;

namespace Omnia.Server.Security;

/// <summary>The breached-password list shipped in the assembly (Security/Data/README.md says where it comes from).</summary>
public static class BreachedPasswords
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    /// <summary>Whether the password (compared lower-case) is on the list.</summary>
    public static bool Contains(string password) => List.Value.Contains(password.ToLowerInvariant());

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(BreachedPasswords).Assembly.GetManifestResourceStream("Omnia.Server.breached-passwords.txt")
            ?? throw new InvalidOperationException("The breached-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}

using Omnia.Server.Hosting;

namespace Omnia.Cli.Commands;

/// <summary>Prints what the first start of a new store generated: keys and the owner's password, shown this once.</summary>
internal static class FirstRunReport
{
    public static void Write(FirstRunResult? firstRun)
    {
        if (firstRun?.GeneratedAdminKey is { } adminKey)
        {
            Console.WriteLine($"  Admin API key (shown once, keep it): {adminKey}");
        }

        if (firstRun?.GeneratedWriteKey is { } writeKey)
        {
            Console.WriteLine($"  Write key of source 'Default source' (shown once): {writeKey}");
        }

        if (firstRun?.OwnerEmail is { } ownerEmail)
        {
            Console.WriteLine(firstRun.GeneratedOwnerPassword is { } ownerPassword
                ? $"  Sign in as {ownerEmail} with password (shown once, keep it): {ownerPassword}"
                : $"  Sign in as {ownerEmail} with the password in OMNIA_BOOTSTRAP_OWNER_PASSWORD");
        }
    }
}

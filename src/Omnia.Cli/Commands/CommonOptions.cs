using System.CommandLine;

namespace Omnia.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>The default data directory of <c>serve</c>, <c>demo</c> and the commands that open a store.</summary>
    public const string DefaultDataDirectory = "omnia-data";

    /// <summary>The environment variable that holds the admin key for <c>--url</c>.</summary>
    public const string AdminKeyVariable = "OMNIA_ADMIN_KEY";

    /// <summary>The environment variable that holds the write key for <c>import --url</c>.</summary>
    public const string WriteKeyVariable = "OMNIA_WRITE_KEY";

    /// <summary><c>--data</c> for commands that create the store when it does not exist (serve, demo).</summary>
    public static Option<string> Data() => new("--data")
    {
        Description = "Data directory of the embedded store (created when missing)",
        DefaultValueFactory = _ => DefaultDataDirectory,
    };

    /// <summary><c>--data</c> for commands that work on an existing store (or a server, with <c>--url</c>).</summary>
    public static Option<string?> StoreData() => new("--data")
    {
        Description = $"Data directory of an existing embedded store (default: ./{DefaultDataDirectory})",
    };

    public static Option<string> Workspace() => new("--workspace")
    {
        Description = "Workspace slug",
        DefaultValueFactory = _ => "default",
    };

    public static Option<string?> Url() => new("--url")
    {
        Description = "Work with the running Omnia server at this URL (e.g. http://127.0.0.1:5000) instead of a data directory",
    };

    public static Option<string?> AdminKey() => new("--admin-key")
    {
        Description = $"Admin API key for --url (default: the {AdminKeyVariable} environment variable)",
    };

    /// <summary>The value of <paramref name="option"/>, else of the environment variable <paramref name="variable"/>; null when neither is set.</summary>
    public static string? ValueOrEnvironment(this ParseResult parse, Option<string?> option, string variable) =>
        parse.GetValue(option) is { Length: > 0 } value ? value
            : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim()
            : null;
}

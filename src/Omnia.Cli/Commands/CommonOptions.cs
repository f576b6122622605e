using System.CommandLine;

namespace Omnia.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string> Data() => new("--data")
    {
        Description = "Data directory of the embedded store",
        DefaultValueFactory = _ => "omnia-data",
    };

    public static Option<string> Workspace() => new("--workspace")
    {
        Description = "Workspace slug",
        DefaultValueFactory = _ => "default",
    };
}

using System.CommandLine;
using Omnia.Cli.Commands;

var root = new RootCommand("Omnia: the open-source omnichannel marketing platform.")
{
    ServeCommand.Create(),
    DemoCommand.Create(),
    ImportCommand.Create(),
    ProfileCommand.Create(),
    SegmentsCommand.Create(),
    PersonasCommand.Create(),
    PrivacyCommand.Create(),
    AttributionCommand.Create(),
};
return await CommandRunner.InvokeAsync(root, args);

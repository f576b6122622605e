using System.CommandLine;
using Omnia.Cli.Commands;

var root = new RootCommand("Omnia: the open-source omnichannel marketing platform.")
{
    ServeCommand.Create(),
    DemoCommand.Create(),
    ImportCommand.Create(),
    ProfileCommand.Create(),
    SegmentsCommand.Create(),
    JourneysCommand.Create(),
    PersonasCommand.Create(),
    PrivacyCommand.Create(),
    AttributionCommand.Create(),
    ReportCommand.Create(),
    CostsCommand.Create(),
    PathsCommand.Create(),
    FunnelCommand.Create(),
    KpisCommand.Create(),
    ParetoCommand.Create(),
    ModelsCommand.Create(),
};
return await CommandRunner.InvokeAsync(root, args);

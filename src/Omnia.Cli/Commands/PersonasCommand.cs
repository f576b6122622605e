using System.CommandLine;
using System.Globalization;
using Omnia.Server.Audiences;
using Spectre.Console;

namespace Omnia.Cli.Commands;

/// <summary>
/// <c>omnia personas list|train|rename</c>: the workspace's data-driven personas, as the API and dashboard show
/// them, on a local data directory or a running server (<c>--url</c>).
/// </summary>
internal static class PersonasCommand
{
    public static Command Create()
    {
        var command = new Command("personas", "Train, list and name data-driven buyer personas");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Train());
        command.Subcommands.Add(Rename());
        return command;
    }

    private static Command List()
    {
        var store = new StoreOptions();
        var command = store.AddTo(new Command("list", "The personas with their sizes and what distinguishes them"));
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await store.OpenAsync(parse, ct);
            return Render(await session.ListPersonasAsync(ct));
        });
        return command;
    }

    private static Command Train()
    {
        var k = new Option<int?>("--k") { Description = "Number of personas (default: chosen by silhouette between 3 and 6)" };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same personas)", DefaultValueFactory = _ => 1 };
        var store = new StoreOptions();
        var command = store.AddTo(new Command("train", "Cluster the profiles into personas and assign every profile") { k, seed });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await store.OpenAsync(parse, ct);
            return Render(await session.TrainPersonasAsync(parse.GetValue(k), parse.GetValue(seed), ct));
        });
        return command;
    }

    private static Command Rename()
    {
        var key = new Argument<string>("key") { Description = "The persona's key (p1, p2, …)" };
        var name = new Argument<string>("name") { Description = "Its new name" };
        var store = new StoreOptions();
        var command = store.AddTo(new Command("rename", "Give a persona a name") { key, name });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await store.OpenAsync(parse, ct);
            if (!await session.RenamePersonaAsync(parse.GetValue(key)!, parse.GetValue(name)!, ct))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]There is no persona '{parse.GetValue(key)}'.[/] omnia personas list shows them.");
                return CommandFailure.NotFound;
            }

            AnsiConsole.MarkupLineInterpolated($"Persona {parse.GetValue(key)} is now called {parse.GetValue(name)}.");
            return 0;
        });
        return command;
    }

    private static int Render(IReadOnlyList<PersonaView> personas)
    {
        if (personas.Count == 0)
        {
            AnsiConsole.MarkupLine("No personas yet: run [bold]omnia personas train[/].");
            return 0;
        }

        var table = new Table().AddColumns("Key", "Name", "Profiles", "Revenue share", "Stands out by", "Channels", "Typical journey");
        foreach (var p in personas)
        {
            table.AddRow(
                p.Key, Markup.Escape(p.Name), p.Profiles.ToString("N0", CultureInfo.InvariantCulture), p.RevenueShare.ToString("P0", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", p.DistinguishingFeatures.Take(3).Select(f => $"{f.Feature} {(f.ZDifference >= 0 ? "+" : "")}{f.ZDifference:0.0}σ"))),
                Markup.Escape(string.Join(", ", p.TypicalChannels.Select(c => $"{c.Channel} {c.Share:P0}"))),
                Markup.Escape(p.TypicalJourney is { } j ? $"{string.Join(" → ", j.Channels)} ({j.Share:P0})" : ""));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}

using System.CommandLine;
using Spectre.Console;

namespace Omnia.Cli.Commands;

/// <summary><c>omnia privacy export|erase &lt;identifier&gt;</c>: a person's right of access and right to erasure.</summary>
internal static class PrivacyCommand
{
    public static Command Create()
    {
        var command = new Command("privacy", "Export everything held about a person, or erase them for good");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Erase());
        return command;
    }

    private static Command Export()
    {
        var identifier = new Argument<string>("identifier") { Description = "An email, phone, user id, anonymous id or profile id (prf_…)" };
        var type = new Option<string?>("--type") { Description = "Identifier type; guessed when omitted" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the JSON here (default: standard output)" };
        var store = new StoreOptions();
        var command = store.AddTo(new Command("export", "Everything held about a person, as JSON (GDPR articles 15 and 20)") { identifier, type, output });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await store.OpenAsync(parse, ct);
            string value = parse.GetValue(identifier)!;
            if (await session.FindProfileAsync(value, parse.GetValue(type), ct) is not { } view || await session.ExportPersonAsync(view.Id, ct) is not { } json)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No profile has the identifier '{value}'.[/]");
                return CommandFailure.NotFound;
            }

            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, json, ct);
                AnsiConsole.MarkupLineInterpolated($"Wrote everything held about {view.Id} to {file.FullName}.");
            }
            else
            {
                Console.WriteLine(json);
            }

            return 0;
        });
        return command;
    }

    private static Command Erase()
    {
        var identifier = new Argument<string>("identifier") { Description = "An email, phone, user id, anonymous id or profile id (prf_…)" };
        var type = new Option<string?>("--type") { Description = "Identifier type; guessed when omitted" };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation" };
        var store = new StoreOptions();
        var command = store.AddTo(new Command("erase", "Erase a person for good: events, identifiers, traits, memberships, messages (GDPR article 17)") { identifier, type, yes });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await store.OpenAsync(parse, ct);
            string value = parse.GetValue(identifier)!;
            if (await session.FindProfileAsync(value, parse.GetValue(type), ct) is not { } view)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No profile has the identifier '{value}'.[/]");
                return CommandFailure.NotFound;
            }

            if (!parse.GetValue(yes) && !AnsiConsole.Confirm($"Erase {view.Id} and everything held about them? This cannot be undone.", false))
            {
                return 1;
            }

            var record = await session.ErasePersonAsync(view.Id, ct);
            if (record is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{view.Id} no longer exists.[/]");
                return CommandFailure.NotFound;
            }

            AnsiConsole.MarkupLineInterpolated(
                $"Erased {record.Profiles} profile(s) and {record.Events:N0} event(s); {record.IdentifiersSuppressed} identifier(s) kept only as hashes so new data does not subscribe them again.");
            return 0;
        });
        return command;
    }
}

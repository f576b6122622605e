using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Omnia.Cli.Commands;

/// <summary><c>omnia profile &lt;identifier&gt;</c>: shows one person's single customer view and recent timeline.</summary>
internal static class ProfileCommand
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var identifier = new Argument<string>("identifier") { Description = "An email, phone, user id, anonymous id or profile id (prf_…)" };
        var type = new Option<string?>("--type") { Description = "Identifier type (userId, anonymousId, email, phone, deviceId, …); guessed when omitted" };
        var json = new Option<bool>("--json") { Description = "Print the profile as JSON (as the API returns it)" };
        var store = new StoreOptions();
        var command = store.AddTo(new Command("profile", "Show a profile and its cross-channel timeline") { identifier, type, json });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await store.OpenAsync(parse, ct);
            string value = parse.GetValue(identifier)!;
            var view = await session.FindProfileAsync(value, parse.GetValue(type), ct);
            if (view is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No profile has the identifier '{value}'.[/]");
                return CommandFailure.NotFound;
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(view, Indented));
                return 0;
            }

            ProfileRenderer.Render(view, await session.TimelineAsync(view.Id, 20, ct));
            return 0;
        });
        return command;
    }

    /// <summary>The identifier types (API names) to try, in order, for a value given without a type.</summary>
    public static IReadOnlyList<string> GuessTypes(string value) =>
        value.Contains('@', StringComparison.Ordinal) ? ["email"] : ["userId", "anonymousId", "phone", "deviceId"];
}

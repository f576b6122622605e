using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Processing;
using Omnia.Server.Profiles;
using Spectre.Console;

namespace Omnia.Cli.Commands;

/// <summary><c>omnia profile &lt;identifier&gt;</c>: shows one person's single customer view and recent timeline.</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var identifier = new Argument<string>("identifier") { Description = "An email, phone, user id, anonymous id or profile id (prf_…)" };
        var type = new Option<string?>("--type") { Description = "Identifier type (userId, anonymousId, email, phone, deviceId, …); guessed when omitted" };
        var data = CommonOptions.Data();
        var workspace = CommonOptions.Workspace();
        var json = new Option<bool>("--json") { Description = "Print the profile as JSON (as the API returns it)" };
        var command = new Command("profile", "Show a profile and its cross-channel timeline") { identifier, type, data, workspace, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var node = await LocalNode.StartAsync(parse.GetValue(data)!, ct);
            var workspaces = node.Services.GetRequiredService<IWorkspaceStore>();
            var profiles = node.Services.GetRequiredService<IProfileStore>();
            var rules = node.Services.GetRequiredService<WorkspaceRules>();
            await node.Services.GetRequiredService<Omnia.Server.Processing.ProcessingService>().AudiencesCaughtUpAsync(ct);

            string slug = parse.GetValue(workspace)!;
            var ws = await workspaces.FindWorkspaceAsync(slug, ct);
            if (ws is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]There is no workspace '{slug}'.[/]");
                return 2;
            }

            string value = parse.GetValue(identifier)!;
            long? profileId = await FindAsync(profiles, ws.Id, value, parse.GetValue(type), rules.For(ws.Id).Identity.DefaultPhoneRegion, ct);
            var context = new WorkspaceContext(ws, new Caller("cli", Role.Owner, null));
            var view = profileId is null ? null : await node.Services.GetRequiredService<ProfileViews>().ViewAsync(context, profileId.Value, ct);
            if (view is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No profile has the identifier '{value}'.[/]");
                return 1;
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(view, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
                return 0;
            }

            var timeline = await profiles.TimelineAsync(profileId!.Value, 20, null, ct);
            ProfileRenderer.Render(view, timeline.Select(e => TimelineEntry.From(e, rules.For(ws.Id).Channels)).ToList());
            return 0;
        });
        return command;
    }

    private static async Task<long?> FindAsync(IProfileStore profiles, int workspaceId, string value, string? type, string region, CancellationToken ct)
    {
        if (type is null && ProfileIds.TryParse(value, out long id) && value.StartsWith("prf_", StringComparison.Ordinal))
        {
            return id;
        }

        string[] types = type is not null
            ? [IdentifierTypeNames.FromApi(type)]
            : value.Contains('@', StringComparison.Ordinal)
                ? [IdentifierTypes.Email]
                : [IdentifierTypes.UserId, IdentifierTypes.AnonymousId, IdentifierTypes.Phone, IdentifierTypes.DeviceId];
        foreach (string t in types)
        {
            if (IdentifierNormalizer.Normalize(t, value, region) is { } normalized
                && await profiles.FindAsync(workspaceId, new Identifier(t, normalized), ct) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}

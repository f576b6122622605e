using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Workspaces;
using Omnia.Server.Audiences;
using Omnia.Server.Processing;
using Spectre.Console;

namespace Omnia.Cli.Commands;

/// <summary>
/// <c>omnia segments list|show|apply|estimate|delete</c>: the same segment operations and validation
/// messages as the API and the dashboard, on a local data directory.
/// </summary>
internal static class SegmentsCommand
{
    public static Command Create()
    {
        var command = new Command("segments", "List, save, estimate and delete segments (definitions: docs/segments.md)");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Apply());
        command.Subcommands.Add(Estimate());
        command.Subcommands.Add(Delete());
        return command;
    }

    private static Command List()
    {
        var (data, workspace) = (CommonOptions.Data(), CommonOptions.Workspace());
        var command = new Command("list", "Saved segments with their current sizes") { data, workspace };
        command.SetAction((parse, ct) => WithCatalogAsync(parse.GetValue(data)!, parse.GetValue(workspace)!, ct, async (node, ws) =>
        {
            var segments = await node.Catalog.ListAsync(ws.Id, ct);
            if (segments.Count == 0)
            {
                AnsiConsole.MarkupLine("No segments yet. Save one with [bold]omnia segments apply FILE[/] (format: docs/segments.md).");
                return 0;
            }

            var table = new Table().AddColumns("Slug", "Name", "Members", "Version", "Updated");
            foreach (var s in segments)
            {
                table.AddRow(Markup.Escape(s.Slug), Markup.Escape(s.Name), s.Size.ToString("N0", CultureInfo.InvariantCulture), s.Version.ToString(CultureInfo.InvariantCulture), s.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var slug = new Argument<string>("slug") { Description = "The segment's slug" };
        var (data, workspace) = (CommonOptions.Data(), CommonOptions.Workspace());
        var command = new Command("show", "A segment's definition, size and first members") { slug, data, workspace };
        command.SetAction((parse, ct) => WithCatalogAsync(parse.GetValue(data)!, parse.GetValue(workspace)!, ct, async (node, ws) =>
        {
            var segment = await node.Catalog.GetAsync(ws.Id, parse.GetValue(slug)!, ct);
            if (segment is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]There is no segment '{parse.GetValue(slug)}'.[/] omnia segments list shows them.");
                return 1;
            }

            AnsiConsole.MarkupLineInterpolated($"[bold]{segment.Name}[/] ({segment.Slug}, version {segment.Version}): {segment.Size:N0} members");
            if (segment.Description is { } description)
            {
                AnsiConsole.MarkupLineInterpolated($"{description}");
            }

            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(segment.Definition, Indented));
            var (members, _) = await node.Catalog.MembersAsync(segment.Id, 0, 10, ct);
            foreach (var member in members)
            {
                AnsiConsole.MarkupLineInterpolated($"  {member.Id}  {member.Name ?? member.Email ?? ""}");
            }

            return 0;
        }));
        return command;
    }

    private static Command Apply()
    {
        var file = new Argument<FileInfo>("file") { Description = "A segment definition JSON file" };
        var slug = new Option<string?>("--slug") { Description = "The slug to save it under (default: from its name)" };
        var (data, workspace) = (CommonOptions.Data(), CommonOptions.Workspace());
        var command = new Command("apply", "Create a segment, or replace its definition") { file, slug, data, workspace };
        command.SetAction((parse, ct) => WithDefinitionAsync(parse.GetValue(file)!, parse.GetValue(data)!, parse.GetValue(workspace)!, ct, async (node, ws, json) =>
        {
            var outcome = await node.Catalog.SaveAsync(ws.Id, parse.GetValue(slug), json, createOnly: false, ct);
            if (outcome.Segment is not { } saved)
            {
                return Errors(outcome.Errors);
            }

            await node.Audiences.AudiencesCaughtUpAsync(ct);
            var current = await node.Catalog.GetAsync(ws.Id, saved.Slug, ct) ?? saved;
            AnsiConsole.MarkupLineInterpolated($"[green]{(outcome.Created ? "Created" : "Saved")}[/] segment [bold]{current.Slug}[/] (version {current.Version}): {current.Size:N0} members.");
            return 0;
        }));
        return command;
    }

    private static Command Estimate()
    {
        var file = new Argument<FileInfo>("file") { Description = "A draft segment definition JSON file" };
        var exact = new Option<bool>("--exact") { Description = "Evaluate every profile instead of a sample" };
        var sample = new Option<int>("--sample") { Description = "Profiles to sample", DefaultValueFactory = _ => SegmentCatalog.DefaultSample };
        var (data, workspace) = (CommonOptions.Data(), CommonOptions.Workspace());
        var command = new Command("estimate", "Estimate a draft's size and preview members, without saving it") { file, exact, sample, data, workspace };
        command.SetAction((parse, ct) => WithDefinitionAsync(parse.GetValue(file)!, parse.GetValue(data)!, parse.GetValue(workspace)!, ct, async (node, ws, json) =>
        {
            var outcome = await node.Catalog.EstimateAsync(ws.Id, json, parse.GetValue(sample), parse.GetValue(exact), ct);
            if (outcome.Estimate is not { } e)
            {
                return Errors(outcome.Errors);
            }

            AnsiConsole.MarkupLine(e.IsExact
                ? $"Exactly [bold]{e.Estimate:N0}[/] of {e.Population:N0} profiles."
                : $"About [bold]{e.Estimate:N0}[/] of {e.Population:N0} profiles (95%: {e.Low:N0}–{e.High:N0}; {e.Matched:N0} of {e.Sampled:N0} sampled matched).");
            foreach (var member in outcome.Examples)
            {
                AnsiConsole.MarkupLineInterpolated($"  {member.Id}  {member.Name ?? member.Email ?? ""}");
            }

            return 0;
        }));
        return command;
    }

    private static Command Delete()
    {
        var slug = new Argument<string>("slug") { Description = "The segment's slug" };
        var (data, workspace) = (CommonOptions.Data(), CommonOptions.Workspace());
        var command = new Command("delete", "Delete a segment (refused while other segments use it)") { slug, data, workspace };
        command.SetAction((parse, ct) => WithCatalogAsync(parse.GetValue(data)!, parse.GetValue(workspace)!, ct, async (node, ws) =>
        {
            var outcome = await node.Catalog.DeleteAsync(ws.Id, parse.GetValue(slug)!, ct);
            if (!outcome.Found)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]There is no segment '{parse.GetValue(slug)}'.[/]");
                return 1;
            }

            if (outcome.UsedBy.Count > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Segment '{parse.GetValue(slug)}' is used by {string.Join(", ", outcome.UsedBy)}; change those first.[/]");
                return 2;
            }

            AnsiConsole.MarkupLineInterpolated($"Deleted segment {parse.GetValue(slug)}.");
            return 0;
        }));
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static int Errors(IReadOnlyList<string> errors)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]The definition has {errors.Count} problem(s); nothing was saved:[/]");
        foreach (string error in errors)
        {
            AnsiConsole.MarkupLineInterpolated($"  {error}");
        }

        return 2;
    }

    private static async Task<int> WithDefinitionAsync(FileInfo file, string data, string workspace, CancellationToken ct, Func<Session, Workspace, string, Task<int>> action)
    {
        if (!file.Exists)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]There is no file {file.FullName}.[/]");
            return 2;
        }

        string json = await File.ReadAllTextAsync(file.FullName, ct);
        return await WithCatalogAsync(data, workspace, ct, (session, ws) => action(session, ws, json));
    }

    private static Task<int> WithCatalogAsync(string data, string workspace, CancellationToken ct, Func<Session, Workspace, Task<int>> action) =>
        LocalNode.RunInWorkspaceAsync(data, workspace, ct, (services, ws) => action(
            new Session(services.GetRequiredService<SegmentCatalog>(), services.GetRequiredService<ProcessingService>()), ws));

    /// <summary>What a subcommand works with: the catalog, and the audience processor to wait for.</summary>
    private sealed record Session(SegmentCatalog Catalog, ProcessingService Audiences);
}

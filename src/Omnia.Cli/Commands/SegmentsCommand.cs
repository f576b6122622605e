using System.CommandLine;
using System.Globalization;
using Omnia.Server.Audiences;
using Omnia.Server.Profiles;
using Spectre.Console;

namespace Omnia.Cli.Commands;

/// <summary>
/// <c>omnia segments list|show|apply|estimate|delete</c>: the same segment operations and validation
/// messages as the API and the dashboard, on a local data directory or a running server (<c>--url</c>).
/// </summary>
internal static class SegmentsCommand
{
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

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
        var store = new StoreOptions();
        var command = store.AddTo(new Command("list", "Saved segments with their current sizes"));
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await store.OpenAsync(parse, ct);
            var segments = await session.ListSegmentsAsync(ct);
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
        });
        return command;
    }

    private static Command Show()
    {
        var slug = new Argument<string>("slug") { Description = "The segment's slug" };
        var store = new StoreOptions();
        var command = store.AddTo(new Command("show", "A segment's definition, size and first members") { slug });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await store.OpenAsync(parse, ct);
            var segment = await session.GetSegmentAsync(parse.GetValue(slug)!, ct);
            if (segment is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]There is no segment '{parse.GetValue(slug)}'.[/] omnia segments list shows them.");
                return CommandFailure.NotFound;
            }

            AnsiConsole.MarkupLineInterpolated($"[bold]{segment.Name}[/] ({segment.Slug}, version {segment.Version}): {segment.Size:N0} members{Recomputing(segment)}");
            if (segment.Description is { } description)
            {
                AnsiConsole.MarkupLineInterpolated($"{description}");
            }

            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(segment.Definition, Indented));
            WriteMembers(await session.MembersAsync(segment.Slug, 10, ct));
            return 0;
        });
        return command;
    }

    private static Command Apply()
    {
        var file = new Argument<FileInfo>("file") { Description = "A segment definition JSON file" };
        var slug = new Option<string?>("--slug") { Description = "The slug to save it under (default: from its name)" };
        var store = new StoreOptions();
        var command = store.AddTo(new Command("apply", "Create a segment, or replace its definition") { file, slug });
        command.SetAction(async (parse, ct) =>
        {
            string json = await ReadDefinitionAsync(parse.GetValue(file)!, ct);
            await using var session = await store.OpenAsync(parse, ct);
            var (segment, created) = await session.ApplySegmentAsync(parse.GetValue(slug), json, ct);
            AnsiConsole.MarkupLineInterpolated($"[green]{(created ? "Created" : "Saved")}[/] segment [bold]{segment.Slug}[/] (version {segment.Version}): {segment.Size:N0} members{Recomputing(segment)}.");
            return 0;
        });
        return command;
    }

    private static Command Estimate()
    {
        var file = new Argument<FileInfo>("file") { Description = "A draft segment definition JSON file" };
        var exact = new Option<bool>("--exact") { Description = "Evaluate every profile instead of a sample" };
        var sample = new Option<int>("--sample") { Description = "Profiles to sample", DefaultValueFactory = _ => SegmentCatalog.DefaultSample };
        var store = new StoreOptions();
        var command = store.AddTo(new Command("estimate", "Estimate a draft's size and preview members, without saving it") { file, exact, sample });
        command.SetAction(async (parse, ct) =>
        {
            string json = await ReadDefinitionAsync(parse.GetValue(file)!, ct);
            await using var session = await store.OpenAsync(parse, ct);
            var e = await session.EstimateAsync(json, parse.GetValue(sample), parse.GetValue(exact), ct);
            AnsiConsole.MarkupLine(e.Exact
                ? $"Exactly [bold]{e.Estimate:N0}[/] of {e.Population:N0} profiles."
                : $"About [bold]{e.Estimate:N0}[/] of {e.Population:N0} profiles (95%: {e.Low:N0}–{e.High:N0}; {e.Matched:N0} of {e.Sampled:N0} sampled matched).");
            WriteMembers(e.Examples);
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var slug = new Argument<string>("slug") { Description = "The segment's slug" };
        var store = new StoreOptions();
        var command = store.AddTo(new Command("delete", "Delete a segment (refused while other segments use it)") { slug });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await store.OpenAsync(parse, ct);
            if (!await session.DeleteSegmentAsync(parse.GetValue(slug)!, ct))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]There is no segment '{parse.GetValue(slug)}'.[/]");
                return CommandFailure.NotFound;
            }

            AnsiConsole.MarkupLineInterpolated($"Deleted segment {parse.GetValue(slug)}.");
            return 0;
        });
        return command;
    }

    private static string Recomputing(SegmentView segment) =>
        segment.Status == "recomputing" ? " (membership is still being recomputed: the size is moving)" : "";

    private static void WriteMembers(IEnumerable<ProfileSummary> members)
    {
        foreach (var member in members)
        {
            AnsiConsole.MarkupLineInterpolated($"  {member.Id}  {member.Name ?? member.Email ?? ""}");
        }
    }

    private static async Task<string> ReadDefinitionAsync(FileInfo file, CancellationToken ct) =>
        file.Exists
            ? await File.ReadAllTextAsync(file.FullName, ct)
            : throw new CommandFailure($"There is no file {file.FullName}.");
}

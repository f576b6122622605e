using System.CommandLine;
using System.Globalization;
using System.Text;
using Omnia.Core.Import;
using Omnia.Core.Workspaces;
using Omnia.Server.Ingestion;
using Omnia.Server.Processing;
using Spectre.Console;

namespace Omnia.Cli.Commands;

/// <summary>
/// <c>omnia import FILE</c>: CSV customers or events through the normal ingestion pipeline, into a local
/// data directory or, with <c>--url</c> and a write key (<c>--write-key</c> or <c>OMNIA_WRITE_KEY</c>), to a
/// running server over the Segment API.
/// </summary>
internal static class ImportCommand
{
    private const int BatchSize = 500;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file (header row first)" };
        var kind = new Option<CsvImportKind>("--kind") { Description = "customers (one identify per row) or events (one track per row)", Required = true };
        var eventName = new Option<string?>("--event") { Description = "Event name when the file has no 'event' column, e.g. \"Order Completed\"" };
        var channel = new Option<string?>("--channel") { Description = "Channel of every row, e.g. store, support, phone" };
        var map = new Option<string[]>("--map") { Description = "Rename a column: --map \"Customer No=user_id\" (repeatable; '=' alone drops it)", AllowMultipleArgumentsPerToken = true };
        var data = new Option<string?>("--data") { Description = $"Data directory of the embedded store (default: ./{CommonOptions.DefaultDataDirectory}; created when missing)" };
        var workspace = CommonOptions.Workspace();
        var url = CommonOptions.Url();
        var writeKey = new Option<string?>("--write-key")
        {
            Description = $"With --url: write key of the source to import into, which also names the workspace (default: the {CommonOptions.WriteKeyVariable} environment variable)",
        };
        var command = new Command("import", "Import customers or historical events from a CSV file") { file, kind, eventName, channel, map, data, workspace, url, writeKey };
        command.SetAction(async (parse, ct) =>
        {
            var input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]There is no file {input.FullName}.[/]");
                return 2;
            }

            Dictionary<string, string>? columnMap = null;
            foreach (string entry in parse.GetValue(map) ?? [])
            {
                int eq = entry.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]--map '{entry}' must look like \"Column Name=field\".[/]");
                    return 2;
                }

                (columnMap ??= new(StringComparer.OrdinalIgnoreCase))[entry[..eq].Trim()] = entry[(eq + 1)..].Trim();
            }

            var options = new CsvImportOptions
            {
                Kind = parse.GetValue(kind),
                SourceName = input.Name,
                Now = DateTimeOffset.UtcNow,
                EventName = parse.GetValue(eventName),
                Channel = parse.GetValue(channel),
                ColumnMap = columnMap,
            };

            await using ISink sink = await OpenSinkAsync(parse, data, workspace, url, writeKey, ct);
            return await RunAsync(input, options, sink, ct);
        });
        return command;
    }

    private static async Task<ISink> OpenSinkAsync(
        ParseResult parse, Option<string?> data, Option<string> workspace, Option<string?> url, Option<string?> writeKey, CancellationToken ct)
    {
        if (parse.GetValue(url) is not { } target)
        {
            return await LocalSink.StartAsync(parse.GetValue(data) ?? CommonOptions.DefaultDataDirectory, parse.GetValue(workspace)!, ct);
        }

        if (parse.GetValue(data) is not null)
        {
            throw new CommandFailure("Give either --data (a local store) or --url (a running server), not both.");
        }

        string key = parse.ValueOrEnvironment(writeKey, CommonOptions.WriteKeyVariable)
            ?? throw new CommandFailure(
                $"--url needs the write key of a source to import into: pass --write-key KEY or set {CommonOptions.WriteKeyVariable} " +
                "(the first start printed one; the dashboard's Sources page creates more).");
        return new HttpSink(OmniaHttp.WithWriteKey(target, key));
    }

    private static async Task<int> RunAsync(FileInfo input, CsvImportOptions options, ISink sink, CancellationToken ct)
    {
        var errors = new List<CsvRowError>();
        long rows = 0, imported = 0, duplicates = 0;
        await using var stream = input.OpenRead();
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        try
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Importing {input.Name}", maxValue: Math.Max(1, stream.Length));
                    var batch = new List<(int Line, string Json)>(BatchSize);
                    foreach (var row in CsvImporter.Read(reader, options))
                    {
                        rows++;
                        if (row.Succeeded)
                        {
                            batch.Add((row.Line, row.EventJson));
                        }
                        else
                        {
                            errors.Add(row.Error);
                        }

                        if (batch.Count == BatchSize)
                        {
                            await FlushAsync();
                            task.Value = stream.Position;
                        }
                    }

                    await FlushAsync();
                    task.Value = task.MaxValue;

                    async Task FlushAsync()
                    {
                        if (batch.Count == 0)
                        {
                            return;
                        }

                        var result = await sink.SendAsync(batch.Select(b => b.Json).ToList(), ct);
                        imported += result.Accepted;
                        duplicates += result.Duplicates;
                        errors.AddRange(result.Rejected.Select(r => new CsvRowError(batch[r.Index].Line, null, $"line {batch[r.Index].Line}: {string.Join("; ", r.Errors)}")));
                        batch.Clear();
                    }
                });
        }
        catch (CsvImportException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 2;
        }

        AnsiConsole.MarkupLineInterpolated($"[green]{imported:N0} imported[/], {duplicates:N0} already there (same message id), [{(errors.Count > 0 ? "red" : "green")}]{errors.Count:N0} rejected[/] of {rows:N0} rows.");
        if (errors.Count > 0)
        {
            foreach (var error in errors.OrderBy(e => e.Line).Take(10))
            {
                AnsiConsole.MarkupLineInterpolated($"  [red]{error.Message}[/]");
            }

            string report = input.FullName + ".errors.csv";
            await File.WriteAllLinesAsync(report, ["line,column,message", .. errors.OrderBy(e => e.Line).Select(e =>
                string.Create(CultureInfo.InvariantCulture, $"{e.Line},{Csv(e.Column)},{Csv(e.Message)}"))], ct);
            AnsiConsole.MarkupLineInterpolated($"Every rejected row is listed in {report}");
        }

        return errors.Count > 0 ? 1 : 0;
    }

    private static string Csv(string? value) => value is null ? "" : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record SendResult(long Accepted, long Duplicates, IReadOnlyList<RejectedEvent> Rejected);

    /// <summary>Where imported events go: this machine's store, or a server over HTTP.</summary>
    private interface ISink : IAsyncDisposable
    {
        Task<SendResult> SendAsync(IReadOnlyList<string> events, CancellationToken ct);
    }

    private sealed class LocalSink(LocalNode node, EventWriter writer, int workspaceId, int sourceId) : ISink
    {
        public static async Task<LocalSink> StartAsync(string data, string workspaceSlug, CancellationToken ct)
        {
            var node = await LocalNode.StartAsync(data, ct);
            var workspaces = node.Services.GetRequiredService<IWorkspaceStore>();
            try
            {
                var workspace = await workspaces.FindWorkspaceAsync(workspaceSlug, ct)
                    ?? throw new CommandFailure($"There is no workspace '{workspaceSlug}' in {Path.GetFullPath(data)}.");
                var source = (await workspaces.ListSourcesAsync(workspace.Id, ct)).FirstOrDefault(s => s.Kind == "import")
                    ?? await workspaces.CreateSourceAsync(workspace.Id, "CSV import", "import", SecretKeys.Hash(SecretKeys.NewWriteKey()), "import", ct);
                return new LocalSink(node, node.Services.GetRequiredService<EventWriter>(), workspace.Id, source.Id);
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }

        public async Task<SendResult> SendAsync(IReadOnlyList<string> events, CancellationToken ct)
        {
            var (outcome, rejected) = await writer.WriteAsync(workspaceId, sourceId, events, ct);
            return new SendResult(outcome.Appended, outcome.Duplicates, rejected.Select(r => new RejectedEvent(r.Index, r.MessageId, r.Errors)).ToList());
        }

        public async ValueTask DisposeAsync()
        {
            await node.Services.GetRequiredService<ProcessingService>().CatchUpAsync();
            await node.DisposeAsync();
        }
    }

    /// <summary>A running server's Segment batch API, with a source's write key.</summary>
    private sealed class HttpSink(OmniaHttp http) : ISink
    {
        public async Task<SendResult> SendAsync(IReadOnlyList<string> events, CancellationToken ct)
        {
            using var content = new StringContent("{\"batch\":[" + string.Join(",", events) + "]}", Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(HttpMethod.Post, "v1/batch", content, ct);
            if (response.StatusCode == System.Net.HttpStatusCode.BadRequest)
            {
                // No event of the batch was valid: the problem lists each one's errors as "batch[i]: …".
                var problem = await http.FailureAsync(response, ct);
                return new SendResult(0, 0, events.Select((_, i) => new RejectedEvent(
                    i, null, problem.Details.Where(e => e.StartsWith($"batch[{i}]", StringComparison.Ordinal)).DefaultIfEmpty(problem.Message).ToList())).ToList());
            }

            var result = await http.ReadAsync<IngestionResponse>(response, ct);
            return new SendResult(result.Accepted, result.Duplicates, result.Rejected ?? []);
        }

        public ValueTask DisposeAsync()
        {
            http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

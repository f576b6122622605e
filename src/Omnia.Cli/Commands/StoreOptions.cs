using System.CommandLine;
using Omnia.Storage.Sqlite;

namespace Omnia.Cli.Commands;

/// <summary>
/// Where a command finds its store: <c>--data DIR</c> (an existing data directory; ./omnia-data by default) or
/// <c>--url URL</c> with an admin key (<c>--admin-key</c> or <c>OMNIA_ADMIN_KEY</c>), and <c>--workspace</c>.
/// </summary>
internal sealed class StoreOptions
{
    public Option<string?> Data { get; } = CommonOptions.StoreData();

    public Option<string?> Url { get; } = CommonOptions.Url();

    public Option<string?> AdminKey { get; } = CommonOptions.AdminKey();

    public Option<string> Workspace { get; } = CommonOptions.Workspace();

    /// <summary>Adds the options to <paramref name="command"/> and returns it.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Url);
        command.Options.Add(AdminKey);
        command.Options.Add(Workspace);
        return command;
    }

    /// <summary>Opens the workspace on the server (<c>--url</c>) or in the data directory, which must hold a store.</summary>
    public async Task<IWorkspaceSession> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        string workspace = parse.GetValue(Workspace)!;
        if (parse.GetValue(Url) is { } url)
        {
            if (parse.GetValue(Data) is not null)
            {
                throw new CommandFailure("Give either --data (a local store) or --url (a running server), not both.");
            }

            string adminKey = parse.ValueOrEnvironment(AdminKey, CommonOptions.AdminKeyVariable)
                ?? throw new CommandFailure($"--url needs an admin key: pass --admin-key KEY or set {CommonOptions.AdminKeyVariable}.");
            return await RemoteSession.OpenAsync(url, adminKey, workspace, ct);
        }

        return await LocalSession.OpenAsync(ExistingStore(parse.GetValue(Data)), workspace, ct);
    }

    /// <summary>The data directory when it holds a store; otherwise a refusal that says where it looked (nothing is created).</summary>
    public static string ExistingStore(string? data)
    {
        string directory = data ?? CommonOptions.DefaultDataDirectory;
        if (File.Exists(Path.Combine(directory, SqliteDatabase.FileName)))
        {
            return directory;
        }

        string where = Path.GetFullPath(directory);
        throw new CommandFailure(
            (Directory.Exists(where) ? $"There is no Omnia store in {where} (no {SqliteDatabase.FileName}). " : $"There is no Omnia store at {where} (no such directory). ") +
            $"Point at a data directory with --data DIR, or at a running server with --url URL and an admin key (--admin-key or {CommonOptions.AdminKeyVariable}).");
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Omnia.Server.Tests.Security;

/// <summary>A fresh data directory holds personal data and password hashes: it is 0700 and every file in it 0600.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryModeTests
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task A_fresh_data_directory_and_every_file_in_it_are_readable_by_the_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string parent = Directory.CreateTempSubdirectory("omnia-modes-").FullName;
        string data = Path.Combine(parent, "data");
        try
        {
            await using (var node = await TestNode.StartAsync(directory: data))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, (await node.SendAsync("/v1/identify", """{"userId":"m-1","traits":{"email":"m@example.com"}}""")).StatusCode);
                await node.CatchUpAsync();
                Assert.NotNull(await node.App.Services.GetRequiredService<Omnia.Server.Processing.ProcessingService>().SnapshotNowAsync());
                using var _ = await DashboardHttp.SignInAsync(node); // writes the data-protection key

                var expected = new[] { "omnia.db", "omnia.db-wal", "omnia.db-shm", "derived.db", "derived.db-wal", "derived.db-shm", "omnia.lock", "omnia.lock.pid" };
                var files = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).ToList();
                Assert.All(expected, name => Assert.Contains(Path.Combine(data, name), files));
                Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}snapshots{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
                Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
                var open = files.Concat(Directory.EnumerateDirectories(data, "*", SearchOption.AllDirectories)).Append(data)
                    .Where(path => (File.GetUnixFileMode(path) & GroupOrOther) != 0)
                    .Select(path => $"{path}: {File.GetUnixFileMode(path)}").ToList();
                Assert.True(open.Count == 0, "Readable by others:\n" + string.Join("\n", open));
            }
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task A_data_directory_of_an_earlier_version_is_narrowed_when_opened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string data = Directory.CreateTempSubdirectory("omnia-modes-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)Convert.ToInt32("755", 8));
        await File.WriteAllBytesAsync(Path.Combine(data, "omnia.db"), []);
        File.SetUnixFileMode(Path.Combine(data, "omnia.db"), (UnixFileMode)Convert.ToInt32("644", 8));

        await using var node = await TestNode.StartAsync(directory: data);

        Assert.Equal((UnixFileMode)Convert.ToInt32("700", 8), File.GetUnixFileMode(data));
        Assert.Equal((UnixFileMode)Convert.ToInt32("600", 8), File.GetUnixFileMode(Path.Combine(data, "omnia.db")));
    }
}

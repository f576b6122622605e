using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Omnia.Core.Workspaces;
using Omnia.Server;
using Omnia.Server.Schema;

namespace Omnia.Bench.Schema;

/// <summary>
/// <c>schema</c>: loads the demo dataset into a temporary store in process, then times the schema catalog
/// (<c>GET …/schema</c>): the first call reads the newest 50,000 events page by page, later calls within a minute
/// reuse that sample and only merge the saved definitions. Reports wall time and bytes allocated per call.
/// </summary>
public static class SchemaCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        int customers = args.Int("customers", 3_000), warm = args.Int("warm", 20);
        string directory = Directory.CreateTempSubdirectory("omnia-schema-bench-").FullName;
        Console.WriteLine($"# schema: demo dataset with {customers:N0} customers");
        Console.WriteLine(Machine.Describe());
        try
        {
            var options = new OmniaServerOptions { DataDirectory = directory, Urls = ["http://127.0.0.1:0"], Demo = true, DemoCustomers = customers };
            await using var app = OmniaServer.Build(options, b => b.Logging.SetMinimumLevel(LogLevel.Warning));
            var load = Stopwatch.StartNew();
            await OmniaServer.StartAsync(app);
            Console.WriteLine($"demo loaded in {load.Elapsed.TotalSeconds:N0} s");
            var workspace = await app.Services.GetRequiredService<IWorkspaceStore>().FindWorkspaceAsync("default") ?? throw new InvalidOperationException("No workspace 'default'.");
            var catalog = app.Services.GetRequiredService<SchemaCatalog>();

            var (coldMs, coldBytes, schema) = await TimeAsync(() => catalog.GetAsync(workspace.Id));
            Console.WriteLine($"cold: {coldMs:N0} ms, {coldBytes / 1048576.0:N0} MB allocated; read {schema.Sample.Events:N0} events "
                + $"(complete: {schema.Sample.Complete}), {schema.Events.Count} event names, {schema.Traits.Count} traits");
            var times = new List<double>();
            long warmBytes = 0;
            for (int i = 0; i < warm; i++)
            {
                var (ms, bytes, _) = await TimeAsync(() => catalog.GetAsync(workspace.Id));
                times.Add(ms);
                warmBytes += bytes;
            }

            times.Sort();
            Console.WriteLine($"warm (cached sample, definitions merged): median {times[times.Count / 2]:N1} ms, max {times[^1]:N1} ms, {warmBytes / warm / 1024.0:N0} KB allocated per call");
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    private static async Task<(double Ms, long Bytes, WorkspaceSchema Schema)> TimeAsync(Func<Task<WorkspaceSchema>> call)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var schema = await call();
        double ms = watch.Elapsed.TotalMilliseconds;
        return (ms, GC.GetTotalAllocatedBytes(precise: true) - before, schema);
    }
}

using System.CommandLine;
using Omnia.Server;
using Omnia.Server.Hosting;

namespace Omnia.Cli.Commands;

/// <summary><c>omnia serve</c>: runs the server on the embedded store; <c>--demo</c> loads demo data into an empty store first.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (semicolon-separated)", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var data = CommonOptions.Data();
        var demo = new Option<bool>("--demo") { Description = "Load the demo dataset into an empty store before reporting healthy" };
        var customers = new Option<int>("--demo-customers") { Description = "Customers in the demo dataset", DefaultValueFactory = _ => 3000 };
        var command = new Command("serve", "Run the Omnia server") { urls, data, demo, customers };
        command.SetAction(async (parse, ct) =>
        {
            var options = new OmniaServerOptions
            {
                DataDirectory = parse.GetValue(data)!,
                Urls = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Demo = parse.GetValue(demo),
                DemoCustomers = parse.GetValue(customers),
            };
            // A failed start is reported once, by CommandRunner (one line when the user can fix it), not also logged.
            var app = OmniaServer.Build(options, builder => builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical));
            if (options.Demo && await app.Services.GetRequiredService<DemoLoader>().WillLoadAsync(ct))
            {
                Console.WriteLine("Loading the demo dataset (first start only)…");
            }

            var firstRun = await OmniaServer.StartAsync(app, ct);
            string url = OmniaServer.Addresses(app).FirstOrDefault() ?? options.Urls[0];
            Console.WriteLine();
            Console.WriteLine($"Omnia is running at {url}  (data: {Path.GetFullPath(options.DataDirectory)})");
            Console.WriteLine($"  Dashboard: {url}/");
            FirstRunReport.Write(firstRun);
            Console.WriteLine($"  Segment HTTP API: {url}/v1/batch   OpenAPI: {url}/openapi/v1.json   Health: {url}/health");
            Console.WriteLine("Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}

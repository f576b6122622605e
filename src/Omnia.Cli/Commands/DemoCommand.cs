using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Server.Hosting;
using Spectre.Console;

namespace Omnia.Cli.Commands;

/// <summary><c>omnia demo</c>: loads the synthetic multi-channel demo dataset into an empty store.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var customers = new Option<int>("--customers") { Description = "Customers to generate", DefaultValueFactory = _ => 3000 };
        var command = new Command("demo", "Load the demo dataset into an empty store") { data, customers };
        command.SetAction(async (parse, ct) =>
        {
            await using var node = await LocalNode.StartAsync(parse.GetValue(data)!, ct);
            var loader = node.Services.GetRequiredService<DemoLoader>();
            long stored = 0;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Loading demo events", maxValue: double.NaN);
                task.IsIndeterminate = true;
                stored = await loader.LoadIfEmptyAsync(parse.GetValue(customers), new Progress<long>(n => task.Increment(n)), ct);
                task.StopTask();
            });
            AnsiConsole.MarkupLine(stored == 0
                ? "[yellow]The store already has events; nothing was loaded.[/]"
                : $"[green]Loaded {stored:N0} events.[/] Try: omnia profile maya.jensen@example.com --data {Markup.Escape(parse.GetValue(data)!)}");
            return 0;
        });
        return command;
    }
}

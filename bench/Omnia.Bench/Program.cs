using BenchmarkDotNet.Running;
using Omnia.Bench;
using Omnia.Bench.Ingest;
using Omnia.Bench.Memory;
using Omnia.Bench.Micro;
using Omnia.Bench.Recompute;
using Omnia.Bench.Stages;

// dotnet run -c Release --project bench/Omnia.Bench -- ingest|memory|stages|rebuild|audience-latency|recompute|personas|attribution|measure|schema|journeys|dispatch|emails|micro [options]   (see docs/benchmarks.md)
return args.FirstOrDefault() switch
{
    "ingest" => await IngestCommand.RunAsync(new BenchArgs(args[1..])),
    "memory" => await MemoryCommand.RunAsync(new BenchArgs(args[1..])),
    "stages" => await StagesCommand.RunAsync(new BenchArgs(args[1..])),
    "rebuild" => await Omnia.Bench.Rebuild.RebuildCommand.RunAsync(new BenchArgs(args[1..])),
    "audience-latency" => await Omnia.Bench.Audience.AudienceLatencyCommand.RunAsync(new BenchArgs(args[1..])),
    "recompute" => await RecomputeCommand.RunAsync(args[1..]),
    "personas" => PersonaBench.Run(new BenchArgs(args[1..])),
    "attribution" => Omnia.Bench.Attribution.AttributionBench.Run(new BenchArgs(args[1..])),
    "measure" => Omnia.Bench.Measurement.MeasureCommand.Run(new BenchArgs(args[1..])),
    "schema" => await Omnia.Bench.Schema.SchemaCommand.RunAsync(new BenchArgs(args[1..])),
    "journeys" => await Omnia.Bench.Journeys.JourneysCommand.RunAsync(new BenchArgs(args[1..])),
    "dispatch" => await Omnia.Bench.Email.DispatchCommand.RunAsync(new BenchArgs(args[1..])),
    "emails" => await Omnia.Bench.Email.EmailCommand.RunAsync(new BenchArgs(args[1..])),
    "micro" => BenchmarkSwitcher.FromAssembly(typeof(MicroConfig).Assembly).Run(args.Length > 1 ? args[1..] : ["--filter", "*"], new MicroConfig()).Any() ? 0 : 1,
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Omnia.Bench ingest [--events 1000000] [--batch 500] [--concurrency 8] [--people 100000] [--warmup 40] [--baseline true]
               Omnia.Bench memory [--events 10000000] [--people 1000000] [--batch 500] [--concurrency 8] | --model-people N
               Omnia.Bench stages [--events 1000000] [--batch 500] [--concurrency 8] [--people 100000]
               Omnia.Bench rebuild [--events 1000000] [--people 100000] [--keep false] [--split true]
               Omnia.Bench audience-latency [--segments 100] [--seconds 30] [--concurrency 8] [--batch 500] [--rate 0 (full speed)] [--people 100000]
               Omnia.Bench personas [--rows 1000000] [--planted 6] [--seed 7] [--min-k 2] [--max-k 8]
               Omnia.Bench attribution [--paths 1000000] [--channels 12] [--seed 7] [--unique true] [--runs 5] [--channel-attribution DRIVER] [--ca-threads 1] [--ca-sims 100000] [--dir DIR]
               Omnia.Bench measure [--profiles 1000000] [--events 50000000] [--runs 5] [--seed 1] [--duckdb false] [--duckdb-threads N]
               Omnia.Bench schema [--customers 3000] [--warm 20]
               Omnia.Bench recompute [--profiles 1000000] [--events 50000000] [--runs 5] [--seed 1] [--shared-buffers 4GB] [--postgres true]
               Omnia.Bench journeys [--people 1000000]
               Omnia.Bench dispatch [--people 20000]
               Omnia.Bench emails [--emails 20000] [--connections 8] [--concurrency 16]
               Omnia.Bench micro  [BenchmarkDotNet options; default --filter *, e.g. --filter *Identity*]
        ingest and memory also take --time-limit S, --catch-up-limit S and --server-env NAME=VALUE (repeatable).
        """);
    return 2;
}

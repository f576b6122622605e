using BenchmarkDotNet.Attributes;
using Omnia.Bench.Attribution;
using Omnia.Core.Attribution;

namespace Omnia.Bench.Micro;

/// <summary>The attribution engine's phases on 100,000 distinct paths over 12 channels (the bench's generator, seed 7).</summary>
[MemoryDiagnoser]
public class AttributionBenchmarks
{
    private byte[] _file = [];
    private PathSet _paths = null!;

    [GlobalSetup]
    public void Setup()
    {
        string file = Path.Combine(Path.GetTempPath(), $"omnia-attribution-micro-{Environment.ProcessId}.csv");
        PathsFileGenerator.Write(file, 100_000, 12, 7, unique: true);
        _file = File.ReadAllBytes(file);
        File.Delete(file);
        _paths = PathsCsvReader.Read(new MemoryStream(_file));
    }

    [Benchmark(Description = "PathsCsvReader.Read (100k paths)")]
    public int Read() => PathsCsvReader.Read(new MemoryStream(_file)).Count;

    [Benchmark(Description = "first, last, linear touch")]
    public int Heuristics() => AttributionEngine.Run(_paths, [AttributionModel.FirstTouch, AttributionModel.LastTouch, AttributionModel.Linear]).Models.Count;

    [Benchmark(Description = "Markov order 1")]
    public double Markov1() => AttributionEngine.Run(_paths, [AttributionModel.Markov(1)]).Models[0].Conversions[0];

    [Benchmark(Description = "Markov order 3")]
    public double Markov3() => AttributionEngine.Run(_paths, [AttributionModel.Markov(3)]).Models[0].Conversions[0];

    [Benchmark(Description = "Shapley (exact, 12 channels)")]
    public double Shapley() => AttributionEngine.Run(_paths, [AttributionModel.Shapley]).Models[0].Conversions[0];
}

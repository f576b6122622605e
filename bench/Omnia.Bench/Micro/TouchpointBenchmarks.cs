using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Omnia.Core.Touchpoints;

namespace Omnia.Bench.Micro;

/// <summary>Channel classification, per event, over the load generator's mix (referrers, UTM tags, direct).</summary>
public class TouchpointBenchmarks
{
    private const int Events = 500;
    private JsonDocument[] _documents = [];
    private TouchpointInput[] _inputs = [];

    [GlobalSetup]
    public void Setup()
    {
        _documents = SampleEvents.Logged(Events).Select(e => JsonDocument.Parse(e.Json)).ToArray();
        _inputs = _documents.Select(d => TouchpointInput.FromEvent(d.RootElement)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }
    }

    [Benchmark(Description = "TouchpointInput.FromEvent", OperationsPerInvoke = Events)]
    public int FromEvent()
    {
        int n = 0;
        foreach (var document in _documents)
        {
            n += TouchpointInput.FromEvent(document.RootElement).IsAppEvent ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Description = "TouchpointClassifier.Classify", OperationsPerInvoke = Events)]
    public int Classify()
    {
        int n = 0;
        var rules = ChannelRules.Default;
        for (int i = 0; i < _inputs.Length; i++)
        {
            n += TouchpointClassifier.Classify(in _inputs[i], rules).Channel.Length;
        }

        return n;
    }
}

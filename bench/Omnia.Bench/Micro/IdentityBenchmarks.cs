using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Omnia.Core.Events;
using Omnia.Core.Identity;

namespace Omnia.Bench.Micro;

/// <summary>Identity resolution against a graph of 200,000 known people (user id, email, one browser each).</summary>
public class IdentityBenchmarks
{
    private const int People = 200_000;
    private const int Lookups = 1024;
    private readonly IdentityRules _rules = IdentityRules.Default;
    private IdentityGraph _graph = new();
    private Identifier[][] _returning = [];
    private long _nextProfile = 1;
    private long _fresh;
    private LogEvent[] _identifies = [];
    private JsonDocument[] _identifyDocuments = [];

    [GlobalSetup]
    public void Setup()
    {
        _graph = new IdentityGraph(People * 3);
        for (int p = 0; p < People; p++)
        {
            _graph.Resolve(Person(p), _rules, () => _nextProfile++);
        }

        _returning = Enumerable.Range(0, Lookups).Select(i => new[] { User(i * 197 % People), Browser(i * 197 % People) }).ToArray();
        _identifies = SampleEvents.Logged(500).Where(e => e.Type == EventType.Identify).ToArray();
        _identifyDocuments = _identifies.Select(e => JsonDocument.Parse(e.Json)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var document in _identifyDocuments)
        {
            document.Dispose();
        }
    }

    [Benchmark(Description = "IdentifierExtractor.Extract (identify call)")]
    public int ExtractIdentify()
    {
        int i = (int)(_fresh++ % _identifies.Length);
        var root = _identifyDocuments[i].RootElement;
        return IdentifierExtractor.Extract(_identifies[i].UserId, _identifies[i].AnonymousId, root.GetProperty("traits"), root.GetProperty("context"), _rules).Count;
    }

    [Benchmark(Description = "IdentityGraph.Resolve: returning visitor (user id + browser, already linked)", OperationsPerInvoke = Lookups)]
    public long ResolveReturning()
    {
        long sum = 0;
        foreach (var ids in _returning)
        {
            sum += _graph.Resolve(ids, _rules, () => _nextProfile++).ProfileId ?? 0;
        }

        return sum;
    }

    [Benchmark(Description = "IdentityGraph.Resolve: new anonymous visitor (creates a profile)")]
    public long ResolveNewAnonymous() =>
        _graph.Resolve([new Identifier(IdentifierTypes.AnonymousId, $"fresh-{_fresh++}")], _rules, () => _nextProfile++).ProfileId ?? 0;

    [Benchmark(Description = "IdentityGraph.Resolve x2: new browser, then sign-in merges it into the person")]
    public int ResolveSignInMerge()
    {
        long n = _fresh++;
        var browser = new Identifier(IdentifierTypes.AnonymousId, $"fresh-{n}");
        _graph.Resolve([browser], _rules, () => _nextProfile++);
        return _graph.Resolve([User((int)(n % People)), browser], _rules, () => _nextProfile++).Merges.Count;
    }

    private static Identifier[] Person(int p) => [User(p), new(IdentifierTypes.Email, $"person{p}@example.org"), Browser(p)];

    private static Identifier User(int p) => new(IdentifierTypes.UserId, $"user-{p:D7}");

    private static Identifier Browser(int p) => new(IdentifierTypes.AnonymousId, $"anon-{p:D7}-0");
}

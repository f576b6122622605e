using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Core.Touchpoints;

namespace Omnia.Bench.Micro;

/// <summary>
/// The profile processor's CPU work without SQLite: applying events to a profile, the JSON a profile is
/// stored as, and the whole per-event pipeline (parse the stored JSON, extract identifiers, resolve,
/// classify, apply) over a 500-event batch of the load generator.
/// </summary>
public class ProfileBenchmarks
{
    private const int Events = 500;
    private LogEvent[] _events = [];
    private JsonDocument[] _documents = [];
    private Touchpoint[] _touchpoints = [];
    private readonly ProfileState _profile = new() { Id = 1, WorkspaceId = 1 };
    private ProfileState _typical = new();
    private string _typicalJson = "";
    private readonly IdentityGraph _graph = new();
    private readonly Dictionary<long, ProfileState> _profiles = [];
    private long _nextProfile = 1;

    [GlobalSetup]
    public void Setup()
    {
        _events = [.. SampleEvents.Logged(Events)];
        _documents = _events.Select(e => JsonDocument.Parse(e.Json)).ToArray();
        _touchpoints = _documents.Select(d =>
        {
            var input = TouchpointInput.FromEvent(d.RootElement);
            return TouchpointClassifier.Classify(in input, ChannelRules.Default);
        }).ToArray();

        // A profile as it looks after a dozen events: a few traits, channels, consent, acquisition.
        _typical = new ProfileState { Id = 42, WorkspaceId = 1 };
        for (int i = 0; i < _events.Length && _typical.EventCount < 12; i++)
        {
            if (_events[i].Type == EventType.Identify || _typical.EventCount < 8)
            {
                ProfileProjector.Apply(_typical, _events[i], _documents[i].RootElement, _touchpoints[i]);
            }
        }

        _typicalJson = JsonSerializer.Serialize(_typical, ProfileJson.Options);
        PipelineBatch(); // the graph knows the batch's people from now on, as in a warm processor
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }
    }

    [Benchmark(Description = "ProfileProjector.Apply", OperationsPerInvoke = Events)]
    public long Apply()
    {
        for (int i = 0; i < _events.Length; i++)
        {
            ProfileProjector.Apply(_profile, _events[i], _documents[i].RootElement, _touchpoints[i]);
        }

        return _profile.EventCount;
    }

    [Benchmark(Description = "profile state to JSON (stored per dirty profile per batch)")]
    public int SerializeProfile() => JsonSerializer.Serialize(_typical, ProfileJson.Options).Length;

    [Benchmark(Description = "profile state from JSON (each cache miss)")]
    public long DeserializeProfile() => JsonSerializer.Deserialize<ProfileState>(_typicalJson, ProfileJson.Options)!.EventCount;

    [Benchmark(Description = "per event: parse stored JSON + identifiers + resolve + classify + apply", OperationsPerInvoke = Events)]
    public long PerEventPipeline() => PipelineBatch();

    private long PipelineBatch()
    {
        var identity = IdentityRules.Default;
        var channels = ChannelRules.Default;
        long sum = 0;
        foreach (var e in _events)
        {
            using var document = JsonDocument.Parse(e.Json);
            var root = document.RootElement;
            JsonElement? traits = e.Type == EventType.Identify && root.TryGetProperty("traits", out var t) ? t : null;
            JsonElement? context = root.TryGetProperty("context", out var c) ? c : null;
            var ids = IdentifierExtractor.Extract(e.UserId, e.AnonymousId, traits, context, identity);
            if (_graph.Resolve(ids, identity, () => _nextProfile++).ProfileId is not { } id)
            {
                continue;
            }

            if (!_profiles.TryGetValue(id, out var profile))
            {
                _profiles[id] = profile = new ProfileState { Id = id, WorkspaceId = 1 };
            }

            var input = TouchpointInput.FromEvent(root);
            ProfileProjector.Apply(profile, e, root, TouchpointClassifier.Classify(in input, channels));
            sum += id;
        }

        return sum;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Omnia.Core.Segments;

namespace Omnia.Bench.Recompute;

/// <summary>
/// Omnia's side: a segment compiled once, then every profile evaluated with <see cref="CompiledSegment.Evaluate"/>
/// on all cores (ranges of profiles per task), counting members and summing their ids. The data is already in
/// memory, as PostgreSQL's is in its buffers for a warm query.
/// </summary>
public static class RecomputeOmnia
{
    /// <summary>One full recompute: members, the sum of their ids, and the wall time.</summary>
    public static RecomputeAnswer Recompute(CompiledSegment segment, ProfileFacts[] profiles, DateTimeOffset now)
    {
        long members = 0, idSum = 0;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(
            Partitioner.Create(0, profiles.Length, 16_384),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            range =>
            {
                long count = 0, sum = 0;
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    var facts = profiles[i];
                    if (segment.Evaluate(facts, now).IsMember)
                    {
                        count++;
                        sum += facts.Profile.Id;
                    }
                }

                Interlocked.Add(ref members, count);
                Interlocked.Add(ref idSum, sum);
            });
        return new RecomputeAnswer(members, idSum, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// The floor under any evaluator that reads every event: the same parallel loop reading each event's timestamp
    /// once (as <see cref="CompiledSegment.Evaluate"/> does to check their order), with no segment logic.
    /// </summary>
    public static double ScanMilliseconds(ProfileFacts[] profiles)
    {
        long unordered = 0;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(
            Partitioner.Create(0, profiles.Length, 16_384),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            range =>
            {
                long count = 0;
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    var events = profiles[i].Events;
                    for (int j = 1; j < events.Count; j++)
                    {
                        if (events[j].Timestamp < events[j - 1].Timestamp)
                        {
                            count++;
                        }
                    }
                }

                Interlocked.Add(ref unordered, count);
            });
        double milliseconds = clock.Elapsed.TotalMilliseconds;
        return unordered == 0 ? milliseconds : throw new InvalidOperationException($"{unordered} events out of order.");
    }
}

/// <summary>A recompute's result: members, the sum of their ids (to check both sides chose the same profiles), and its time.</summary>
public readonly record struct RecomputeAnswer(long Members, long IdSum, double Milliseconds);

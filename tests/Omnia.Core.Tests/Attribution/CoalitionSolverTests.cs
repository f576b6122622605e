using Omnia.Core.Attribution;
using static Omnia.Core.Tests.Attribution.Journeys;

namespace Omnia.Core.Tests.Attribution;

/// <summary>The coalition values behind Shapley against independent dense solves, below and above the size where
/// the solver stops keeping every coalition size's inverse.</summary>
public sealed class CoalitionSolverTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(30)]
    public void Every_coalition_grown_one_channel_at_a_time_is_worth_what_a_dense_solve_says(int channelCount)
    {
        string[] channels = [.. Enumerable.Range(1, channelCount).Select(i => $"c{i}")];
        var rows = Random(channelCount, 2_000, channels, maxLength: 5);
        var paths = Of([.. rows]);
        var (touchKeys, keys) = paths.KeysFor(AttributionLevel.Channel);
        var chain = MarkovChain.Build(paths, touchKeys, keys.Length, 1);
        var solver = CoalitionSolver.FromChain(chain);
        var dense = new DenseMarkov(rows, 1);
        var order = Enumerable.Range(0, chain.States).OrderBy(s => (s * 7919) % chain.States).ToArray();

        var joined = new List<string>();
        foreach (int state in order)
        {
            var (conversion, value) = solver.Push(state);
            joined.Add(keys[(int)chain.Codes[state] - 1].Channel);
            var expected = dense.Solve([.. channels.Except(joined)]);
            Assert.Equal(expected.Conversion, conversion, 1e-12);
            Assert.Equal(expected.Value, value, 1e-9 * Math.Max(1, expected.Value));
        }
    }
}

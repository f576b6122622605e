using System.Runtime.CompilerServices;

namespace Omnia.Core.Attribution;

/// <summary>
/// Exact absorption values of a <see cref="MarkovChain"/>: for every state s, x(s) = r(s) + Σ_t Q(s, t) x(t), where r is
/// the conversion (or value) reward, with the states of a removed key fixed at 0 (a journey reaching them is lost).
/// <para>
/// Gauss–Seidel from below until a whole sweep changes no component. Q and r are non-negative, so every iterate is at
/// least the previous one, also in floating point (rounding is monotone); the iterates are bounded, so the sweeps end,
/// and they end at the floating-point fixed point: the residual is at the level of rounding, as with a direct solve.
/// There is no step cap and no tolerance to choose; the same input gives the same bits.
/// </para>
/// With a key removed only the states that can reach its states change: the others keep the full chain's values
/// (their part of the chain is untouched), and the sweeps run over the changed states alone, started from 0. That start
/// is below the solution, so the argument above still holds.
/// </summary>
internal static class ChainSolver
{
    /// <summary>P(conversion) and the expected converted value from (start); <paramref name="conversion"/> and
    /// <paramref name="value"/> receive every state's values.</summary>
    public static (double Conversion, double Value) Solve(MarkovChain chain, double[] conversion, double[] value)
    {
        Array.Clear(conversion);
        Array.Clear(value);
        var all = new int[chain.States];
        for (int s = 0; s < all.Length; s++)
        {
            all[s] = s;
        }

        Sweep(chain, all, conversion, value);
        return FromStart(chain, conversion, value);
    }

    /// <summary>P(conversion) and the expected converted value from (start) with the states <paramref name="removed"/>
    /// taken away, given the full chain's values.</summary>
    public static (double Conversion, double Value) SolveWithout(
        MarkovChain chain, int[] removed, double[] fullConversion, double[] fullValue, Workspace work)
    {
        var mark = work.Mark;
        var changed = work.Changed;
        Array.Clear(mark);
        changed.Clear();
        foreach (int r in removed)
        {
            mark[r] = 1;
        }

        // Every state that can reach a removed state, by breadth-first search backwards.
        var queue = work.Queue;
        queue.Clear();
        queue.AddRange(removed);
        for (int head = 0; head < queue.Count; head++)
        {
            int t = queue[head];
            for (int e = chain.PredecessorStart[t]; e < chain.PredecessorStart[t + 1]; e++)
            {
                int p = chain.Predecessors[e];
                if (mark[p] == 0)
                {
                    mark[p] = 2;
                    changed.Add(p);
                    queue.Add(p);
                }
            }
        }

        changed.Sort();
        fullConversion.CopyTo(work.Conversion, 0);
        fullValue.CopyTo(work.Value, 0);
        foreach (int r in removed)
        {
            work.Conversion[r] = 0;
            work.Value[r] = 0;
        }

        foreach (int s in changed)
        {
            work.Conversion[s] = 0;
            work.Value[s] = 0;
        }

        Sweep(chain, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(changed), work.Conversion, work.Value);
        return FromStart(chain, work.Conversion, work.Value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sweep(MarkovChain chain, ReadOnlySpan<int> states, double[] conversion, double[] value)
    {
        int[] rowStart = chain.RowStart, columns = chain.Columns;
        double[] probabilities = chain.Probabilities, rc = chain.ConversionReward, rv = chain.ValueReward;
        bool changed;
        do
        {
            changed = false;
            foreach (int s in states)
            {
                double c = rc[s], v = rv[s];
                for (int e = rowStart[s]; e < rowStart[s + 1]; e++)
                {
                    double p = probabilities[e];
                    int t = columns[e];
                    c += p * conversion[t];
                    v += p * value[t];
                }

                if (c != conversion[s] || v != value[s])
                {
                    conversion[s] = c;
                    value[s] = v;
                    changed = true;
                }
            }
        }
        while (changed);
    }

    private static (double Conversion, double Value) FromStart(MarkovChain chain, double[] conversion, double[] value)
    {
        double startConversion = 0, startValue = 0;
        for (int i = 0; i < chain.StartStates.Length; i++)
        {
            startConversion += chain.StartProbabilities[i] * conversion[chain.StartStates[i]];
            startValue += chain.StartProbabilities[i] * value[chain.StartStates[i]];
        }

        return (startConversion, startValue);
    }

    /// <summary>Buffers for <see cref="SolveWithout"/>, one per thread.</summary>
    public sealed class Workspace(int states)
    {
        public byte[] Mark { get; } = new byte[states];

        public List<int> Changed { get; } = [];

        public List<int> Queue { get; } = [];

        public double[] Conversion { get; } = new double[states];

        public double[] Value { get; } = new double[states];
    }
}

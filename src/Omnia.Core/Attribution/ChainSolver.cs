using System.Runtime.CompilerServices;

namespace Omnia.Core.Attribution;

/// <summary>
/// Exact absorption values of a <see cref="MarkovChain"/>: for every state s, x(s) = r(s) + Σ_t Q(s, t) x(t), where r is
/// the conversion (or value) reward, with the states of removed keys fixed at 0 (a journey reaching them is lost).
/// <para>
/// Gauss–Seidel from x = 0 until a whole sweep changes no component. Q and r are non-negative, so every iterate is at
/// least the previous one, also in floating point (rounding is monotone); the iterates are bounded, so the sweeps end,
/// and they end at the floating-point fixed point: the residual is at the level of rounding, as with a direct solve.
/// There is no step cap and no tolerance to choose; the same input gives the same bits.
/// </para>
/// </summary>
internal static class ChainSolver
{
    /// <summary>P(conversion) and the expected converted value from (start), with the states in <paramref name="removed"/> taken away.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Conversion, double Value) Solve(MarkovChain chain, bool[]? removed, double[] conversion, double[] value)
    {
        Array.Clear(conversion);
        Array.Clear(value);
        int[] rowStart = chain.RowStart, columns = chain.Columns;
        double[] probabilities = chain.Probabilities, rc = chain.ConversionReward, rv = chain.ValueReward;
        int states = chain.States;
        bool changed;
        do
        {
            changed = false;
            for (int s = 0; s < states; s++)
            {
                if (removed is not null && removed[s])
                {
                    continue;
                }

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

        double startConversion = 0, startValue = 0;
        for (int i = 0; i < chain.StartStates.Length; i++)
        {
            startConversion += chain.StartProbabilities[i] * conversion[chain.StartStates[i]];
            startValue += chain.StartProbabilities[i] * value[chain.StartStates[i]];
        }

        return (startConversion, startValue);
    }
}

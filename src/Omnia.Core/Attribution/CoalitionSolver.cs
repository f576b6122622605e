using System.Runtime.CompilerServices;

namespace Omnia.Core.Attribution;

/// <summary>
/// The value of a coalition of states in a small absorbing chain: P(conversion) and the expected converted value
/// from (start) when only the coalition's states are kept (a journey reaching any other state is lost). States join
/// one at a time (<see cref="Push"/>) and leave in reverse (<see cref="Pop"/>); each join updates the inverse of
/// (I − Q) over the coalition by bordering, a direct solve costing O(size²) per join. Up to
/// <see cref="StackedLimit"/> states every size's inverse is kept so that <see cref="Pop"/> is free; beyond, two
/// buffers alternate and coalitions are only grown from empty (<see cref="Reset"/>).
/// </summary>
internal sealed class CoalitionSolver
{
    public const int StackedLimit = 24;

    private readonly int _n;
    private readonly bool _stacked;
    private readonly double[] _q;
    private readonly double[] _start;
    private readonly double[] _rc;
    private readonly double[] _rv;
    private readonly int[] _members;
    private readonly double[][] _inverse;
    private readonly double[][] _xc;
    private readonly double[][] _xv;
    private readonly double[] _au;
    private readonly double[] _wa;
    private int _depth;

    /// <summary>A dense chain over <paramref name="n"/> states: Q row-major, start probabilities and the two rewards.</summary>
    public CoalitionSolver(int n, double[] q, double[] start, double[] conversionReward, double[] valueReward)
    {
        _n = n;
        _q = q;
        _start = start;
        _rc = conversionReward;
        _rv = valueReward;
        _members = new int[n];
        _stacked = n <= StackedLimit;
        int levels = _stacked ? n + 1 : 2;
        _inverse = new double[levels][];
        _xc = new double[levels][];
        _xv = new double[levels][];
        for (int d = 0; d < levels; d++)
        {
            int size = _stacked ? d : n;
            _inverse[d] = new double[size * size];
            _xc[d] = new double[size];
            _xv[d] = new double[size];
        }

        _au = new double[n];
        _wa = new double[n];
    }

    /// <summary>Builds the solver for the players of a first-order chain (one state per key).</summary>
    public static CoalitionSolver FromChain(MarkovChain chain)
    {
        int n = chain.States;
        var q = new double[n * n];
        for (int s = 0; s < n; s++)
        {
            for (int e = chain.RowStart[s]; e < chain.RowStart[s + 1]; e++)
            {
                q[s * n + chain.Columns[e]] += chain.Probabilities[e];
            }
        }

        var start = new double[n];
        for (int i = 0; i < chain.StartStates.Length; i++)
        {
            start[chain.StartStates[i]] += chain.StartProbabilities[i];
        }

        return new CoalitionSolver(n, q, start, chain.ConversionReward, chain.ValueReward);
    }

    /// <summary>Coalition size.</summary>
    public int Depth => _depth;

    /// <summary>Empties the coalition.</summary>
    public void Reset() => _depth = 0;

    /// <summary>Adds state t and returns the coalition's (P(conversion), expected value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double Conversion, double Value) Push(int t)
    {
        int d = _depth, n = _n, level = _stacked ? d : d & 1, nextLevel = _stacked ? d + 1 : (d + 1) & 1;
        double[] inv = _inverse[level], next = _inverse[nextLevel], xc = _xc[level], xv = _xv[level], nc = _xc[nextLevel], nv = _xv[nextLevel];

        // A = I − Q over the members; the new state borders it with column u = −Q[members, t], row w = −Q[t, members].
        double schur = 1 - _q[t * n + t], wxc = 0, wxv = 0;
        for (int i = 0; i < d; i++)
        {
            double au = 0, wa = 0;
            for (int j = 0; j < d; j++)
            {
                au -= inv[i * d + j] * _q[_members[j] * n + t];
                wa -= _q[t * n + _members[j]] * inv[j * d + i];
            }

            _au[i] = au;
            _wa[i] = wa;
        }

        for (int i = 0; i < d; i++)
        {
            double w = -_q[t * n + _members[i]];
            schur -= w * _au[i];
            wxc += w * xc[i];
            wxv += w * xv[i];
        }

        int size = d + 1;
        for (int i = 0; i < d; i++)
        {
            double scaled = _au[i] / schur;
            for (int j = 0; j < d; j++)
            {
                next[i * size + j] = inv[i * d + j] + scaled * _wa[j];
            }

            next[i * size + d] = -scaled;
            next[d * size + i] = -_wa[i] / schur;
        }

        next[d * size + d] = 1 / schur;
        double tc = (_rc[t] - wxc) / schur, tv = (_rv[t] - wxv) / schur;
        double conversion = _start[t] * tc, value = _start[t] * tv;
        for (int i = 0; i < d; i++)
        {
            nc[i] = xc[i] - _au[i] * tc;
            nv[i] = xv[i] - _au[i] * tv;
            conversion += _start[_members[i]] * nc[i];
            value += _start[_members[i]] * nv[i];
        }

        nc[d] = tc;
        nv[d] = tv;
        _members[d] = t;
        _depth = size;
        return (conversion, value);
    }

    /// <summary>Removes the state added last (only for chains of at most <see cref="StackedLimit"/> states).</summary>
    public void Pop() => _depth = _stacked ? _depth - 1 : throw new InvalidOperationException("Only small coalition solvers keep every size's inverse.");
}

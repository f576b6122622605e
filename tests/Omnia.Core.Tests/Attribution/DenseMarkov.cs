using MathNet.Numerics.LinearAlgebra;
using static Omnia.Core.Tests.Attribution.Journeys;

namespace Omnia.Core.Tests.Attribution;

/// <summary>
/// An independent Markov attribution for checking: states are window strings built straight from the path text,
/// the absorbing chain is a dense matrix and every removal is a dense LU solve (MathNet).
/// </summary>
internal sealed class DenseMarkov
{
    private readonly Dictionary<string, int> _states = new(StringComparer.Ordinal);
    private readonly List<string[]> _windows = [];
    private readonly Matrix<double> _q;
    private readonly Vector<double> _start;
    private readonly Vector<double> _conversion;
    private readonly Vector<double> _value;

    public DenseMarkov(IEnumerable<Row> rows, int order)
    {
        var counts = new Dictionary<(string From, string To), double>();
        var valueSums = new Dictionary<string, double>();
        void Count(string from, string to, double w) => counts[(from, to)] = counts.GetValueOrDefault((from, to)) + w;
        foreach (var row in rows)
        {
            double weight = row.Conversions + row.Nulls;
            if (weight <= 0)
            {
                continue;
            }

            var touches = Touches(row.Path).Select(t => t.Channel).ToArray();
            var windows = touches.Length <= order
                ? [touches]
                : Enumerable.Range(0, touches.Length - order + 1).Select(i => touches[i..(i + order)]).ToList();
            string previous = "(start)";
            foreach (var window in windows)
            {
                string state = string.Join(" > ", window);
                if (state == previous)
                {
                    continue;
                }

                if (!_states.ContainsKey(state))
                {
                    _states[state] = _states.Count;
                    _windows.Add(window);
                }

                Count(previous, state, weight);
                previous = state;
            }

            if (row.Conversions > 0)
            {
                Count(previous, "(conversion)", row.Conversions);
                valueSums[previous] = valueSums.GetValueOrDefault(previous) + row.Value;
            }

            if (row.Nulls > 0)
            {
                Count(previous, "(null)", row.Nulls);
            }
        }

        int n = _states.Count;
        var totals = counts.GroupBy(c => c.Key.From).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        _q = Matrix<double>.Build.Dense(n, n);
        _start = Vector<double>.Build.Dense(n);
        _conversion = Vector<double>.Build.Dense(n);
        _value = Vector<double>.Build.Dense(n);
        foreach (var ((from, to), count) in counts)
        {
            double p = count / totals[from];
            if (from == "(start)")
            {
                _start[_states[to]] += p;
            }
            else if (to == "(conversion)")
            {
                _conversion[_states[from]] = p;
                _value[_states[from]] = valueSums[from] / totals[from];
            }
            else if (to != "(null)")
            {
                _q[_states[from], _states[to]] += p;
            }
        }
    }

    /// <summary>(P(conversion), expected value) from the start with the states containing any of <paramref name="removed"/> lost.</summary>
    public (double Conversion, double Value) Solve(params string[] removed)
    {
        var keep = Enumerable.Range(0, _windows.Count).Where(i => !_windows[i].Intersect(removed).Any()).ToArray();
        if (keep.Length == 0)
        {
            return (0, 0);
        }

        var a = Matrix<double>.Build.DenseIdentity(keep.Length) - Matrix<double>.Build.Dense(keep.Length, keep.Length, (i, j) => _q[keep[i], keep[j]]);
        var lu = a.LU();
        var x = lu.Solve(Vector<double>.Build.Dense(keep.Length, i => _conversion[keep[i]]));
        var y = lu.Solve(Vector<double>.Build.Dense(keep.Length, i => _value[keep[i]]));
        var start = Vector<double>.Build.Dense(keep.Length, i => _start[keep[i]]);
        return (start * x, start * y);
    }
}

using System.Runtime.CompilerServices;

namespace Omnia.Core.Attribution;

/// <summary>
/// The absorbing Markov chain of order k that ChannelAttribution builds from paths, ready to solve.
/// <para>
/// States are windows of k consecutive touches of a path (a path shorter than k is one state, the whole path);
/// consecutive equal windows collapse into one (at order 1: repeated channels). Every path walks
/// (start) → window 1 → … → window n → (conversion) and/or (null): the steps between states weigh the path's
/// conversions plus nulls, the step into (conversion) its conversions and the step into (null) its nulls.
/// A row's probabilities are its counts over its total. The value reward of a state is the probability of converting
/// from it times the mean value per conversion of the paths whose last state it is.
/// </para>
/// Transient states are numbered in depth-first post-order from (start), so that a Gauss–Seidel sweep mostly meets
/// a state after the states it leads to.
/// </summary>
internal sealed class MarkovChain
{
    private MarkovChain(
        int order, int keyCount, long[] codes, int[] rowStart, int[] columns, double[] probabilities,
        double[] conversionReward, double[] valueReward, double[] nullProbability, int[] startStates, double[] startProbabilities, int[][] keyRows)
    {
        Order = order;
        KeyCount = keyCount;
        Codes = codes;
        RowStart = rowStart;
        Columns = columns;
        Probabilities = probabilities;
        ConversionReward = conversionReward;
        ValueReward = valueReward;
        NullProbability = nullProbability;
        StartStates = startStates;
        StartProbabilities = startProbabilities;
        KeyRows = keyRows;
        (PredecessorStart, Predecessors) = Transpose(rowStart, columns, codes.Length);
    }

    public int Order { get; }

    public int KeyCount { get; }

    /// <summary>Transient states.</summary>
    public int States => Codes.Length;

    /// <summary>Each state's window: digits (key + 1) in base <c>KeyCount + 1</c>, first touch in the lowest digit.</summary>
    public long[] Codes { get; }

    /// <summary>CSR: state s moves to Columns[e] with Probabilities[e] for e in [RowStart[s], RowStart[s + 1]).</summary>
    public int[] RowStart { get; }

    public int[] Columns { get; }

    public double[] Probabilities { get; }

    /// <summary>P(state → conversion).</summary>
    public double[] ConversionReward { get; }

    /// <summary>P(state → conversion) × mean value per conversion of the paths ending in the state.</summary>
    public double[] ValueReward { get; }

    /// <summary>P(state → null).</summary>
    public double[] NullProbability { get; }

    public int[] StartStates { get; }

    public double[] StartProbabilities { get; }

    /// <summary>For each key, the states whose window contains it (the states its removal takes away).</summary>
    public int[][] KeyRows { get; }

    /// <summary>Reverse CSR: the states that move to state t are Predecessors[e] for e in [PredecessorStart[t], PredecessorStart[t + 1]).</summary>
    public int[] PredecessorStart { get; }

    public int[] Predecessors { get; }

    /// <summary>Counts the transitions of every path with conversions or nulls and compiles the chain.</summary>
    /// <param name="denseLimit">Largest count table kept as an array (codes × symbols); larger ones use a dictionary.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static MarkovChain Build(PathSet paths, int[] touchKeys, int keyCount, int order, long denseLimit = TransitionCounts.DefaultDenseLimit)
    {
        long radix = keyCount + 1;
        int width = keyCount + 3, conversion = keyCount, nul = keyCount + 1, value = keyCount + 2;
        long codeLimit = 1;
        for (int i = 0; i < order; i++)
        {
            codeLimit = codeLimit <= long.MaxValue / radix / width / 2
                ? codeLimit * radix
                : throw new ArgumentException($"{keyCount} channels are too many for a Markov chain of order {order}.");
        }

        long top = codeLimit / radix;
        var counts = new TransitionCounts(codeLimit, width, denseLimit);
        var start = paths.PathStart;
        for (int p = 0; p < paths.Count; p++)
        {
            double c = paths.Conversions[p], n = paths.Nulls[p], w = c + n;
            if (!(w > 0))
            {
                continue;
            }

            int from = start[p], length = start[p + 1] - from, first = Math.Min(order, length);
            long code = 0, digit = 1;
            for (int i = 0; i < first; i++, digit *= radix)
            {
                code += (touchKeys[from + i] + 1) * digit;
            }

            counts.AddStart(code, w);
            for (int i = order; i < length; i++)
            {
                int x = touchKeys[from + i];
                long next = code / radix + (x + 1) * top;
                if (next != code)
                {
                    counts.Add(code, x, w);
                    code = next;
                }
            }

            if (c > 0)
            {
                counts.Add(code, conversion, c);
                counts.Add(code, value, paths.Values[p]);
            }

            if (n > 0)
            {
                counts.Add(code, nul, n);
            }
        }

        return Compile(counts, keyCount, order, radix, top);
    }

    private static MarkovChain Compile(TransitionCounts counts, int keyCount, int order, long radix, long top)
    {
        var rows = counts.Rows();
        var index = new Dictionary<long, int>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            index.Add(rows[i].Code, i);
        }

        // Successors of each state as (state index, count), and its conversions, nulls, converted value and total.
        var successors = new List<(int To, double Count)>[rows.Count];
        var totals = new double[rows.Count];
        var conversions = new double[rows.Count];
        var nulls = new double[rows.Count];
        var values = new double[rows.Count];
        for (int s = 0; s < rows.Count; s++)
        {
            var (code, symbols) = rows[s];
            var list = successors[s] = new(symbols.Length);
            foreach (var (symbol, count) in symbols)
            {
                if (symbol < keyCount)
                {
                    list.Add((index[code / radix + (symbol + 1) * top], count));
                    totals[s] += count;
                }
                else if (symbol == keyCount)
                {
                    conversions[s] = count;
                    totals[s] += count;
                }
                else if (symbol == keyCount + 1)
                {
                    nulls[s] = count;
                    totals[s] += count;
                }
                else
                {
                    values[s] = count;
                }
            }
        }

        var startList = counts.StartTransitions();
        var solveOrder = PostOrder(startList.Select(e => index[e.Code]), successors);
        var position = new int[rows.Count];
        for (int i = 0; i < solveOrder.Count; i++)
        {
            position[solveOrder[i]] = i;
        }

        int states = solveOrder.Count, edges = successors.Sum(l => l.Count);
        var rowStart = new int[states + 1];
        var columns = new int[edges];
        var probabilities = new double[edges];
        var conversionReward = new double[states];
        var valueReward = new double[states];
        var nullProbability = new double[states];
        var stateCodes = new long[states];
        int e = 0;
        for (int row = 0; row < states; row++)
        {
            int s = solveOrder[row];
            stateCodes[row] = rows[s].Code;
            rowStart[row] = e;
            foreach (var (to, count) in successors[s])
            {
                columns[e] = position[to];
                probabilities[e++] = count / totals[s];
            }

            conversionReward[row] = conversions[s] / totals[s];
            valueReward[row] = values[s] / totals[s];
            nullProbability[row] = nulls[s] / totals[s];
        }

        rowStart[states] = e;
        double startTotal = startList.Sum(x => x.Weight);
        return new MarkovChain(
            order, keyCount, stateCodes, rowStart, columns, probabilities, conversionReward, valueReward, nullProbability,
            [.. startList.Select(x => position[index[x.Code]])], [.. startList.Select(x => x.Weight / startTotal)],
            RowsByKey(stateCodes, keyCount, radix));
    }

    private static (int[] Start, int[] From) Transpose(int[] rowStart, int[] columns, int states)
    {
        var start = new int[states + 1];
        foreach (int to in columns)
        {
            start[to + 1]++;
        }

        for (int t = 0; t < states; t++)
        {
            start[t + 1] += start[t];
        }

        var from = new int[columns.Length];
        var fill = start[..states];
        for (int s = 0; s < states; s++)
        {
            for (int e = rowStart[s]; e < rowStart[s + 1]; e++)
            {
                from[fill[columns[e]]++] = s;
            }
        }

        return (start, from);
    }

    /// <summary>Depth-first post-order of the states reachable from the start's successors (every state is).</summary>
    private static List<int> PostOrder(IEnumerable<int> roots, List<(int To, double Count)>[] successors)
    {
        var result = new List<int>(successors.Length);
        var seen = new bool[successors.Length];
        var stack = new Stack<(int State, int Next)>();
        foreach (int root in roots)
        {
            if (seen[root])
            {
                continue;
            }

            seen[root] = true;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (state, next) = stack.Pop();
                if (next < successors[state].Count)
                {
                    stack.Push((state, next + 1));
                    int to = successors[state][next].To;
                    if (!seen[to])
                    {
                        seen[to] = true;
                        stack.Push((to, 0));
                    }
                }
                else
                {
                    result.Add(state);
                }
            }
        }

        return result;
    }

    private static int[][] RowsByKey(long[] codes, int keyCount, long radix)
    {
        var lists = new List<int>[keyCount];
        for (int row = 0; row < codes.Length; row++)
        {
            for (long rest = codes[row]; rest > 0; rest /= radix)
            {
                // A window may repeat a key; list the state once per key.
                var list = lists[rest % radix - 1] ??= [];
                if (list.Count == 0 || list[^1] != row)
                {
                    list.Add(row);
                }
            }
        }

        return [.. lists.Select(l => l is null ? Array.Empty<int>() : l.ToArray())];
    }

    /// <summary>The key sequence of a state's window, first touch first.</summary>
    public int[] Window(int state)
    {
        var keys = new List<int>(Order);
        long radix = KeyCount + 1;
        for (long rest = Codes[state]; rest > 0; rest /= radix)
        {
            keys.Add((int)(rest % radix) - 1);
        }

        return [.. keys];
    }
}

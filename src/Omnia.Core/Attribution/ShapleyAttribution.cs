using System.Numerics;

namespace Omnia.Core.Attribution;

/// <summary>
/// Shapley values of the keys in the coalition game of the first-order Markov chain: a coalition S is worth
/// v(S) = P(conversion) with every key outside S removed (journeys reaching them are lost), so v(∅) = 0 and v(all)
/// is the chain's P(conversion); the Markov removal effect is a key's marginal contribution to the coalition of all
/// others, and the Shapley value averages its marginal contributions over all orders in which keys could join.
/// Credits are total × φ / v(all), so they sum to the total. Value uses the expected converted value the same way.
/// <para>
/// Up to <see cref="AttributionOptions.ShapleyExactLimit"/> players every coalition is evaluated (2^n direct
/// solves). Beyond, orders are sampled with a fixed seed: each sampled order and all its rotations, so every key is
/// seen at every position equally often; the estimate is unbiased, its standard error is reported, and its credits
/// still sum to the total exactly (every order's marginal contributions add up to v(all)).
/// </para>
/// </summary>
internal static class ShapleyAttribution
{
    public const int MaxExactPlayers = 20;

    /// <summary>Beyond this many players the dense chain and its inverse no longer fit comfortably (and sampling takes minutes).</summary>
    public const int MaxPlayers = 400;

    public static ModelCredits Run(AttributionModel model, MarkovChain chain, PathSet paths, int keyCount, AttributionOptions options)
    {
        if (options.ShapleyExactLimit is < 0 or > MaxExactPlayers)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ShapleyExactLimit, $"Exact Shapley values are computed for at most {MaxExactPlayers} channels.");
        }

        // At order 1 every state is one key: state s is player s.
        int n = chain.States;
        if (n > MaxPlayers)
        {
            throw new ArgumentException($"Shapley values are computed for at most {MaxPlayers} channels or campaigns; these paths have {n}. Leave Shapley out or attribute at channel level.");
        }

        var playerKey = new int[n];
        for (int s = 0; s < n; s++)
        {
            playerKey[s] = (int)chain.Codes[s] - 1;
        }

        var solver = CoalitionSolver.FromChain(chain);
        var game = n <= options.ShapleyExactLimit ? Exact(solver, n) : Sampled(solver, n, options);

        // Scale from probabilities to conversions and value.
        double scaleC = game.AllConversion > 0 ? paths.TotalConversions / game.AllConversion : 0;
        double scaleV = game.AllValue > 0 ? paths.TotalValue / game.AllValue : 0;
        var conversions = new double[keyCount];
        var values = new double[keyCount];
        var seC = new double[keyCount];
        var seV = new double[keyCount];
        var marginalC = new IReadOnlyList<double>[keyCount];
        var marginalV = new IReadOnlyList<double>[keyCount];
        for (int k = 0; k < keyCount; k++)
        {
            marginalC[k] = new double[n];
            marginalV[k] = new double[n];
        }

        for (int p = 0; p < n; p++)
        {
            int k = playerKey[p];
            conversions[k] = game.PhiC[p] * scaleC;
            values[k] = game.PhiV[p] * scaleV;
            seC[k] = game.SeC[p] * scaleC;
            seV[k] = game.SeV[p] * scaleV;
            marginalC[k] = [.. game.MarginalC[p].Select(x => x * scaleC)];
            marginalV[k] = [.. game.MarginalV[p].Select(x => x * scaleV)];
        }

        var details = new ShapleyDetails(game.Permutations == 0, n, game.Permutations, marginalC, marginalV, seC, seV);
        return new ModelCredits(model, conversions, values, null, details);
    }

    private sealed record Game(
        double AllConversion, double AllValue, double[] PhiC, double[] PhiV, double[][] MarginalC, double[][] MarginalV,
        double[] SeC, double[] SeV, int Permutations);

    private static Game Exact(CoalitionSolver solver, int n)
    {
        var vc = new double[1 << n];
        var vv = new double[1 << n];
        Visit(solver, 0, 0, n, vc, vv);

        var sumC = New(n, n);
        var sumV = New(n, n);
        for (int mask = 0; mask < vc.Length; mask++)
        {
            int size = BitOperations.PopCount((uint)mask);
            for (int k = 0; k < n; k++)
            {
                if ((mask & (1 << k)) == 0)
                {
                    sumC[k][size] += vc[mask | (1 << k)] - vc[mask];
                    sumV[k][size] += vv[mask | (1 << k)] - vv[mask];
                }
            }
        }

        var phiC = new double[n];
        var phiV = new double[n];
        for (int k = 0; k < n; k++)
        {
            for (int s = 0; s < n; s++)
            {
                double coalitions = Binomial(n - 1, s);
                sumC[k][s] /= coalitions;
                sumV[k][s] /= coalitions;
                phiC[k] += sumC[k][s] / n;
                phiV[k] += sumV[k][s] / n;
            }
        }

        return new Game(vc[^1], vv[^1], phiC, phiV, sumC, sumV, new double[n], new double[n], 0);
    }

    /// <summary>Evaluates every coalition containing <paramref name="mask"/> plus states from <paramref name="next"/> on.</summary>
    private static void Visit(CoalitionSolver solver, int mask, int next, int n, double[] vc, double[] vv)
    {
        for (int b = next; b < n; b++)
        {
            int with = mask | (1 << b);
            (vc[with], vv[with]) = solver.Push(b);
            Visit(solver, with, b + 1, n, vc, vv);
            solver.Pop();
        }
    }

    private static Game Sampled(CoalitionSolver solver, int n, AttributionOptions options)
    {
        int blocks = Math.Max(2, (Math.Max(options.ShapleyPermutations, 1) + n - 1) / n);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, n).ToArray();
        var sumC = New(n, n);
        var sumV = New(n, n);
        var blockC = new double[n];
        var blockV = new double[n];
        var meanC = new double[n];
        var meanV = new double[n];
        var squaresC = new double[n];
        var squaresV = new double[n];
        double allC = 0, allV = 0;
        for (int b = 0; b < blocks; b++)
        {
            random.Shuffle(order);
            Array.Clear(blockC);
            Array.Clear(blockV);
            for (int r = 0; r < n; r++)
            {
                solver.Reset();
                double previousC = 0, previousV = 0;
                for (int s = 0; s < n; s++)
                {
                    int k = order[(r + s) % n];
                    var (c, v) = solver.Push(k);
                    sumC[k][s] += c - previousC;
                    sumV[k][s] += v - previousV;
                    blockC[k] += c - previousC;
                    blockV[k] += v - previousV;
                    (previousC, previousV) = (c, v);
                }

                (allC, allV) = (previousC, previousV);
            }

            for (int k = 0; k < n; k++)
            {
                double c = blockC[k] / n, v = blockV[k] / n;
                meanC[k] += c;
                meanV[k] += v;
                squaresC[k] += c * c;
                squaresV[k] += v * v;
            }
        }

        var seC = new double[n];
        var seV = new double[n];
        for (int k = 0; k < n; k++)
        {
            meanC[k] /= blocks;
            meanV[k] /= blocks;
            seC[k] = StandardError(squaresC[k], meanC[k], blocks);
            seV[k] = StandardError(squaresV[k], meanV[k], blocks);
            for (int s = 0; s < n; s++)
            {
                sumC[k][s] /= blocks;
                sumV[k][s] /= blocks;
            }
        }

        return new Game(allC, allV, meanC, meanV, sumC, sumV, seC, seV, blocks * n);
    }

    private static double StandardError(double sumOfSquares, double mean, int samples) =>
        Math.Sqrt(Math.Max(0, (sumOfSquares - samples * mean * mean) / (samples - 1)) / samples);

    private static double[][] New(int rows, int columns) => [.. Enumerable.Range(0, rows).Select(_ => new double[columns])];

    private static double Binomial(int n, int k)
    {
        double result = 1;
        for (int i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}

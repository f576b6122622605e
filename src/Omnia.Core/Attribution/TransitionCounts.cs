using System.Runtime.CompilerServices;

namespace Omnia.Core.Attribution;

/// <summary>
/// Weighted counts of what follows each Markov state, by state code and symbol (the next key, conversion, null,
/// and the converting paths' value). Dense arrays when the code space is small (the usual case: 12 channels at
/// order 3 is 2,197 codes), a dictionary otherwise.
/// </summary>
internal sealed class TransitionCounts
{
    public const long DefaultDenseLimit = 1 << 22;

    private readonly int _width;
    private readonly double[]? _dense;
    private readonly double[]? _denseStart;
    private readonly long _codeLimit;
    private readonly Dictionary<long, double>? _sparse;
    private readonly Dictionary<long, double>? _sparseStart;

    public TransitionCounts(long codeLimit, int width, long denseLimit = DefaultDenseLimit)
    {
        _width = width;
        _codeLimit = codeLimit;
        if (codeLimit * width <= denseLimit)
        {
            _dense = new double[codeLimit * width];
            _denseStart = new double[codeLimit];
        }
        else
        {
            _sparse = [];
            _sparseStart = [];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long code, int symbol, double weight)
    {
        if (_dense is not null)
        {
            _dense[code * _width + symbol] += weight;
        }
        else
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_sparse!, code * _width + symbol, out _) += weight;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddStart(long code, double weight)
    {
        if (_denseStart is not null)
        {
            _denseStart[code] += weight;
        }
        else
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_sparseStart!, code, out _) += weight;
        }
    }

    /// <summary>Codes the start state leads to, with their weights, in ascending code order.</summary>
    public List<(long Code, double Weight)> StartTransitions()
    {
        var result = new List<(long, double)>();
        if (_denseStart is not null)
        {
            for (long code = 0; code < _codeLimit; code++)
            {
                if (_denseStart[code] > 0)
                {
                    result.Add((code, _denseStart[code]));
                }
            }
        }
        else
        {
            result.AddRange(_sparseStart!.Where(e => e.Value > 0).Select(e => (e.Key, e.Value)).OrderBy(e => e.Key));
        }

        return result;
    }

    /// <summary>Every state that has any count, in ascending code order, with its non-zero symbols in ascending order.</summary>
    public List<(long Code, (int Symbol, double Count)[] Symbols)> Rows()
    {
        var rows = new List<(long, (int, double)[])>();
        var symbols = new List<(int, double)>(_width);
        if (_dense is not null)
        {
            for (long code = 0; code < _codeLimit; code++)
            {
                var counts = _dense.AsSpan((int)(code * _width), _width);
                if (!counts.ContainsAnyExcept(0.0))
                {
                    continue;
                }

                symbols.Clear();
                for (int x = 0; x < _width; x++)
                {
                    if (counts[x] != 0)
                    {
                        symbols.Add((x, counts[x]));
                    }
                }

                rows.Add((code, [.. symbols]));
            }

            return rows;
        }

        var entries = _sparse!.Where(e => e.Value != 0).Select(e => (e.Key, e.Value)).ToArray();
        Array.Sort(entries, (a, b) => a.Key.CompareTo(b.Key));
        for (int i = 0; i < entries.Length;)
        {
            long code = entries[i].Key / _width;
            symbols.Clear();
            for (; i < entries.Length && entries[i].Key / _width == code; i++)
            {
                symbols.Add(((int)(entries[i].Key % _width), entries[i].Value));
            }

            rows.Add((code, [.. symbols]));
        }

        return rows;
    }
}

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

    public double Get(long code, int symbol) =>
        _dense is not null ? _dense[code * _width + symbol] : _sparse!.GetValueOrDefault(code * _width + symbol);

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

    /// <summary>Codes of the states that have any count, in ascending code order.</summary>
    public List<long> StateCodes()
    {
        var codes = new List<long>();
        if (_dense is not null)
        {
            for (long code = 0; code < _codeLimit; code++)
            {
                if (_dense.AsSpan((int)(code * _width), _width).ContainsAnyExcept(0.0))
                {
                    codes.Add(code);
                }
            }
        }
        else
        {
            codes.AddRange(_sparse!.Where(e => e.Value != 0).Select(e => e.Key / _width).Distinct().Order());
        }

        return codes;
    }
}

using System.Globalization;

namespace Omnia.Core.Attribution;

/// <summary>
/// One attribution model: a <see cref="AttributionModelKind"/> and, for Markov, its order. <see cref="Name"/> is the
/// stable name the CLI, CSV columns and APIs use (<c>first_touch</c>, <c>linear_touch</c>, <c>markov_o2</c>, …).
/// </summary>
public readonly record struct AttributionModel
{
    /// <summary>The highest Markov order accepted (the number of states grows with channels to this power).</summary>
    public const int MaxMarkovOrder = 6;

    private AttributionModel(AttributionModelKind kind, int order)
    {
        Kind = kind;
        Order = order;
    }

    /// <summary>The model family.</summary>
    public AttributionModelKind Kind { get; }

    /// <summary>The Markov order (1 or more) for <see cref="AttributionModelKind.Markov"/>; 0 otherwise.</summary>
    public int Order { get; }

    public static AttributionModel FirstTouch { get; } = new(AttributionModelKind.FirstTouch, 0);

    public static AttributionModel LastTouch { get; } = new(AttributionModelKind.LastTouch, 0);

    public static AttributionModel LastNonDirect { get; } = new(AttributionModelKind.LastNonDirect, 0);

    public static AttributionModel Linear { get; } = new(AttributionModelKind.Linear, 0);

    public static AttributionModel TimeDecay { get; } = new(AttributionModelKind.TimeDecay, 0);

    public static AttributionModel PositionBased { get; } = new(AttributionModelKind.PositionBased, 0);

    public static AttributionModel WShaped { get; } = new(AttributionModelKind.WShaped, 0);

    public static AttributionModel Shapley { get; } = new(AttributionModelKind.Shapley, 0);

    /// <summary>The Markov chain model of the given order (1 to <see cref="MaxMarkovOrder"/>).</summary>
    public static AttributionModel Markov(int order) =>
        order is >= 1 and <= MaxMarkovOrder
            ? new(AttributionModelKind.Markov, order)
            : throw new ArgumentOutOfRangeException(nameof(order), order, $"A Markov order is between 1 and {MaxMarkovOrder}.");

    /// <summary>The models of <c>omnia attribution</c>'s default output, in column order (ChannelAttribution's set).</summary>
    public static IReadOnlyList<AttributionModel> ChannelAttributionSet { get; } =
        [FirstTouch, LastTouch, Linear, Markov(1), Markov(2), Markov(3)];

    /// <summary>Every model, with Markov orders 1 to 3, in the order reports list them.</summary>
    public static IReadOnlyList<AttributionModel> All { get; } =
        [FirstTouch, LastTouch, LastNonDirect, Linear, TimeDecay, PositionBased, WShaped, Markov(1), Markov(2), Markov(3), Shapley];

    /// <summary>The stable name: <c>first_touch</c>, <c>last_touch</c>, <c>last_non_direct</c>, <c>linear_touch</c>,
    /// <c>time_decay</c>, <c>position_based</c>, <c>w_shaped</c>, <c>markov_oK</c> or <c>shapley</c>.</summary>
    public string Name => Kind switch
    {
        AttributionModelKind.FirstTouch => "first_touch",
        AttributionModelKind.LastTouch => "last_touch",
        AttributionModelKind.LastNonDirect => "last_non_direct",
        AttributionModelKind.Linear => "linear_touch",
        AttributionModelKind.TimeDecay => "time_decay",
        AttributionModelKind.PositionBased => "position_based",
        AttributionModelKind.WShaped => "w_shaped",
        AttributionModelKind.Markov => "markov_o" + Order.ToString(CultureInfo.InvariantCulture),
        _ => "shapley",
    };

    /// <summary>Reads a <see cref="Name"/> (case-insensitive); <c>linear</c> is accepted for <c>linear_touch</c>.</summary>
    public static bool TryParse(string? name, out AttributionModel model)
    {
        string n = (name ?? "").Trim().ToLowerInvariant();
        if (n.StartsWith("markov_o", StringComparison.Ordinal)
            && int.TryParse(n.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out int order)
            && order is >= 1 and <= MaxMarkovOrder)
        {
            model = Markov(order);
            return true;
        }

        foreach (var candidate in All)
        {
            if (candidate.Name == n || (n == "linear" && candidate.Kind == AttributionModelKind.Linear))
            {
                model = candidate;
                return true;
            }
        }

        model = default;
        return false;
    }

    public override string ToString() => Name;
}

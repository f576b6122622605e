namespace Omnia.Core.Segments;

/// <summary>
/// The RFM segment names (<c>rfmSegment</c>) and the map from scores to them: the widely used recency × frequency
/// grid (monetary does not pick the segment; it refines within it), with "lost" split out of hibernating for
/// the lowest corner.
/// <code>
///          F=1             F=2                 F=3                 F=4           F=5
/// R=5  newCustomers   potentialLoyalists  potentialLoyalists  champions     champions
/// R=4  promising      potentialLoyalists  potentialLoyalists  loyal         loyal
/// R=3  aboutToSleep   aboutToSleep        needAttention       loyal         loyal
/// R=2  hibernating    hibernating         atRisk              atRisk        cantLoseThem
/// R=1  lost           hibernating         atRisk              atRisk        cantLoseThem
/// </code>
/// </summary>
public static class RfmSegments
{
    /// <summary>Bought recently and often.</summary>
    public const string Champions = "champions";

    /// <summary>Buy often, fairly recently.</summary>
    public const string Loyal = "loyal";

    /// <summary>Recent, with a few orders.</summary>
    public const string PotentialLoyalists = "potentialLoyalists";

    /// <summary>Bought very recently, once.</summary>
    public const string NewCustomers = "newCustomers";

    /// <summary>Bought recently, once.</summary>
    public const string Promising = "promising";

    /// <summary>Middling recency and frequency.</summary>
    public const string NeedAttention = "needAttention";

    /// <summary>Few orders, and going quiet.</summary>
    public const string AboutToSleep = "aboutToSleep";

    /// <summary>Used to buy often; not for a while.</summary>
    public const string AtRisk = "atRisk";

    /// <summary>The most frequent buyers, gone quiet.</summary>
    public const string CantLoseThem = "cantLoseThem";

    /// <summary>Few orders, long ago.</summary>
    public const string Hibernating = "hibernating";

    /// <summary>One order, longest ago.</summary>
    public const string Lost = "lost";

    /// <summary>Every segment name, best first.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        Champions, Loyal, PotentialLoyalists, NewCustomers, Promising, NeedAttention, AboutToSleep, AtRisk,
        CantLoseThem, Hibernating, Lost,
    ];

    /// <summary>The segment of a recency and frequency score, each 1–5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A score is not 1–5.</exception>
    public static string Of(int recency, int frequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recency, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequency, 5);
        return recency switch
        {
            5 => frequency switch { 1 => NewCustomers, <= 3 => PotentialLoyalists, _ => Champions },
            4 => frequency switch { 1 => Promising, <= 3 => PotentialLoyalists, _ => Loyal },
            3 => frequency switch { <= 2 => AboutToSleep, 3 => NeedAttention, _ => Loyal },
            _ => frequency switch
            {
                1 => recency == 1 ? Lost : Hibernating,
                2 => Hibernating,
                <= 4 => AtRisk,
                _ => CantLoseThem,
            },
        };
    }
}

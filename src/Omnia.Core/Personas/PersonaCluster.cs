namespace Omnia.Core.Personas;

/// <summary>
/// One persona: who is in it, what sets them apart and how they arrive. <see cref="Name"/> is only a
/// suggestion from the distinguishing features; <see cref="Key"/> is what to store.
/// </summary>
/// <param name="Index">Position in <see cref="PersonaModel.Clusters"/> and in <see cref="PersonaModel.Centroids"/>; what <see cref="PersonaModel.Assign(double[])"/> returns.</param>
/// <param name="Key">"p1", "p2", … by size, largest first; stable for a given model.</param>
/// <param name="Name">A suggested name ("Store regulars", "Lapsed high spenders").</param>
/// <param name="Size">Members among the training rows.</param>
/// <param name="Share">Size as a fraction of all rows.</param>
/// <param name="RevenueShare">The members' share of all revenue (0 when trained from raw feature rows).</param>
/// <param name="AverageRevenue">Revenue per member (0 when trained from raw feature rows).</param>
/// <param name="DistinguishingFeatures">The features furthest from average, largest difference first.</param>
/// <param name="TypicalChannels">The channels with most of the members' events, largest share first (empty when trained from raw rows).</param>
/// <param name="TypicalJourney">The most common start of the members' channel paths (null when no member has one).</param>
public sealed record PersonaCluster(
    int Index,
    string Key,
    string Name,
    long Size,
    double Share,
    double RevenueShare,
    double AverageRevenue,
    IReadOnlyList<PersonaFeatureDifference> DistinguishingFeatures,
    IReadOnlyList<PersonaChannelShare> TypicalChannels,
    PersonaJourney? TypicalJourney);

/// <summary>How far a persona sits from average on one feature.</summary>
/// <param name="Feature">The feature name, e.g. "Store share".</param>
/// <param name="ClusterMean">The members' mean, in the feature's own units.</param>
/// <param name="OverallMean">Everyone's mean, in the feature's own units.</param>
/// <param name="ZDifference">(cluster mean − overall mean) / overall standard deviation: 3.1 reads "3.1σ above average".</param>
public sealed record PersonaFeatureDifference(string Feature, double ClusterMean, double OverallMean, double ZDifference);

/// <summary>A channel and its share of a persona's events.</summary>
/// <param name="Channel">A channel code (<see cref="Touchpoints.Channels"/>).</param>
/// <param name="Share">Fraction of the members' events on that channel.</param>
public sealed record PersonaChannelShare(string Channel, double Share);

/// <summary>The most common first steps of a persona's channel paths.</summary>
/// <param name="Channels">Up to four channel codes, in order.</param>
/// <param name="Share">Fraction of the persona's members whose path starts exactly so (their first up to four steps are these).</param>
public sealed record PersonaJourney(IReadOnlyList<string> Channels, double Share);

/// <summary>The mean silhouette for one number of personas tried: near 1 well separated, near 0 overlapping.</summary>
public sealed record PersonaSilhouette(int K, double Silhouette);

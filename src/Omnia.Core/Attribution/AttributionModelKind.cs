namespace Omnia.Core.Attribution;

/// <summary>The families of attribution models; docs/attribution.md defines each.</summary>
public enum AttributionModelKind
{
    /// <summary>All credit to the first touch.</summary>
    FirstTouch,

    /// <summary>All credit to the last touch.</summary>
    LastTouch,

    /// <summary>All credit to the last touch that is not the direct channel (the last touch if all are direct).</summary>
    LastNonDirect,

    /// <summary>Equal credit to every touch (a channel touched twice gets two shares).</summary>
    Linear,

    /// <summary>Credit halves for every half-life a touch lies before the last touch.</summary>
    TimeDecay,

    /// <summary>40 % first touch, 40 % last touch, 20 % shared by the touches between.</summary>
    PositionBased,

    /// <summary>30 % each to the first touch, the lead-creation touch and the opportunity (or last) touch, 10 % to the rest.</summary>
    WShaped,

    /// <summary>Removal effects in a Markov chain of a given order, solved exactly.</summary>
    Markov,

    /// <summary>Shapley value of the channels in the first-order Markov chain's coalition game.</summary>
    Shapley,
}

namespace Omnia.Core.Demo;

/// <summary>The behaviour mixes demo customers are drawn from (the generator's ground truth, never sent as a trait).</summary>
internal enum Persona
{
    /// <summary>Arrives from paid social and sale emails, buys at a discount.</summary>
    BargainHunter,

    /// <summary>Buys in a store every few weeks, rarely online.</summary>
    LoyalStoreShopper,

    /// <summary>Opens the app several times a week and buys there.</summary>
    AppRegular,

    /// <summary>Reads and compares via organic search and forums, buys seldom.</summary>
    Researcher,

    /// <summary>Bought a lot until about 60 days ago, then stopped.</summary>
    LapsedVip,

    /// <summary>Adds to cart and usually leaves.</summary>
    CartAbandoner,

    /// <summary>Visits a few times and never identifies.</summary>
    AnonymousVisitor,
}

namespace Omnia.Core.Demo;

/// <summary>
/// The rates a persona behaves by: visits per day on each channel, funnel conversion, email
/// engagement and where its web visits come from.
/// </summary>
internal sealed record PersonaBehaviour(
    double WebVisitsPerDay,
    double AppVisitsPerDay,
    double StoreVisitsPerDay,
    double AddToCart,
    double CheckoutGivenCart,
    double PurchaseGivenCheckout,
    double EmailOpen,
    double EmailClickGivenOpen,
    double SaleShopper,
    double MobileShare,
    IReadOnlyList<(Arrival Item, double Weight)> Arrivals)
{
    public static PersonaBehaviour For(Persona persona) => persona switch
    {
        Persona.BargainHunter => new(0.05, 0.01, 0.004, 0.35, 0.6, 0.8, 0.45, 0.35, 0.9, 0.7,
            [(Arrival.PaidSocial, 45), (Arrival.OrganicSocial, 15), (Arrival.Direct, 15), (Arrival.Affiliate, 10), (Arrival.PaidSearch, 10), (Arrival.Display, 5)]),
        Persona.LoyalStoreShopper => new(0.02, 0.0, 0.05, 0.3, 0.6, 0.8, 0.3, 0.2, 0.2, 0.4,
            [(Arrival.Direct, 50), (Arrival.OrganicSearch, 30), (Arrival.PaidSearch, 20)]),
        Persona.AppRegular => new(0.01, 0.09, 0.006, 0.25, 0.6, 0.85, 0.2, 0.2, 0.3, 0.8,
            [(Arrival.Direct, 60), (Arrival.OrganicSearch, 20), (Arrival.PaidSocial, 20)]),
        Persona.Researcher => new(0.05, 0.0, 0.004, 0.15, 0.45, 0.6, 0.25, 0.3, 0.1, 0.3,
            [(Arrival.OrganicSearch, 50), (Arrival.Referral, 25), (Arrival.Direct, 15), (Arrival.PaidSearch, 10)]),
        Persona.LapsedVip => new(0.07, 0.05, 0.02, 0.45, 0.8, 0.9, 0.12, 0.2, 0.2, 0.4,
            [(Arrival.Direct, 50), (Arrival.OrganicSearch, 20), (Arrival.PaidSearch, 15), (Arrival.Display, 15)]),
        Persona.CartAbandoner => new(0.05, 0.0, 0.002, 0.7, 0.35, 0.35, 0.35, 0.3, 0.5, 0.6,
            [(Arrival.PaidSocial, 30), (Arrival.Display, 20), (Arrival.PaidSearch, 20), (Arrival.Affiliate, 15), (Arrival.Direct, 15)]),
        _ => new(0.25, 0.0, 0.0, 0.1, 0.0, 0.0, 0.0, 0.0, 0.3, 0.6,
            [(Arrival.OrganicSearch, 30), (Arrival.PaidSocial, 25), (Arrival.PaidSearch, 15), (Arrival.Display, 10), (Arrival.Direct, 10), (Arrival.Referral, 10)]),
    };

    /// <summary>How often each persona occurs among the customers.</summary>
    public static readonly IReadOnlyList<(Persona Item, double Weight)> Mix =
    [
        (Persona.BargainHunter, 17),
        (Persona.LoyalStoreShopper, 13),
        (Persona.AppRegular, 14),
        (Persona.Researcher, 14),
        (Persona.LapsedVip, 9),
        (Persona.CartAbandoner, 13),
        (Persona.AnonymousVisitor, 20),
    ];
}

namespace Omnia.Core.Demo;

/// <summary>
/// A demo customer as the generator knows them: who they are, their devices, persona and when they
/// are active. Only part of this ever reaches the events, the way a real brand only sees part of a person.
/// </summary>
internal sealed class Customer
{
    public required int Ordinal { get; init; }

    public required Persona Persona { get; init; }

    public required string UserId { get; init; }

    public required string FirstName { get; init; }

    public required string LastName { get; init; }

    public required string Email { get; init; }

    public PhoneNumber? Phone { get; init; }

    public required City City { get; init; }

    public required DateOnly Birthday { get; init; }

    /// <summary>When the account was created, for customers who had one before the window; others sign up in it.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Tier at the start of the window; more orders raise it.</summary>
    public required string LoyaltyTier { get; init; }

    public required IReadOnlyList<Device> Devices { get; init; }

    /// <summary>Per device, the visit (1-based) on which the customer signs in there; never for anonymous visitors.</summary>
    public required IReadOnlyList<int> IdentifyAtVisit { get; init; }

    public required IReadOnlyList<ProductCategory> Favourites { get; init; }

    /// <summary>Visits happen on days [ActiveFrom, ActiveUntil); messages may still arrive after.</summary>
    public required int ActiveFrom { get; init; }

    public required int ActiveUntil { get; init; }

    /// <summary>Another customer's browser this one signs in on once (a shared family laptop).</summary>
    public Device? BorrowedDevice { get; init; }

    public int BorrowDay { get; init; }

    public bool NeverIdentifies => Persona == Persona.AnonymousVisitor;
}

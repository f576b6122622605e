namespace Omnia.Core.Identity;

/// <summary>
/// How the identity graph treats one identifier type. <paramref name="Priority"/>: lower numbers win
/// (they decide which profile survives a merge and which identifiers are dropped last).
/// <paramref name="Limit"/>: the most identifiers of this type one profile may hold; a merge or attach
/// that would exceed it is not made, which keeps a shared device from joining two people.
/// </summary>
public sealed record IdentifierRule(string Type, int Priority, int Limit);

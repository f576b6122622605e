namespace Omnia.Core.Demo;

/// <summary>
/// How much demo data <see cref="DemoDataset.Generate"/> produces and for which period.
/// </summary>
/// <param name="Now">The end of the generated period; no event is later. Passed in so the dataset never reads the clock.</param>
/// <param name="Customers">How many people visit the brand, about a fifth of them never identify.
/// The showcase person comes on top.</param>
/// <param name="Days">Length of the generated period, ending at <paramref name="Now"/>.</param>
/// <param name="Seed">Same seed, same options: the same events, byte for byte.</param>
public sealed record DemoOptions(DateTimeOffset Now, int Customers = 3000, int Days = 90, int Seed = 42);

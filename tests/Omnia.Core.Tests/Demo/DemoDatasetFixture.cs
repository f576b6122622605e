using System.Text.Json;
using Omnia.Core.Demo;

namespace Omnia.Core.Tests.Demo;

/// <summary>One mid-sized dataset, generated and parsed once for the tests that read it.</summary>
public sealed class DemoDatasetFixture
{
    public static readonly DateTimeOffset Now = new(2025, 9, 30, 14, 30, 0, TimeSpan.Zero);

    public DemoDatasetFixture()
    {
        Options = new DemoOptions(Now, Customers: 400, Days: 90, Seed: 42);
        Events = DemoDataset.Generate(Options).Select(json => JsonDocument.Parse(json).RootElement.Clone()).ToArray();
    }

    public DemoOptions Options { get; }

    public IReadOnlyList<JsonElement> Events { get; }
}

namespace Omnia.Server.Tests.Measurement;

/// <summary>One node with the demo dataset (300 customers), shared by the measurement API tests of a class.</summary>
public sealed class DemoNode : IAsyncLifetime
{
    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await TestNode.StartAsync(demo: true, demoCustomers: 300);

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

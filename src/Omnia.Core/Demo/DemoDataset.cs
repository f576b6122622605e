namespace Omnia.Core.Demo;

/// <summary>
/// A realistic, deterministic demo dataset for Northwind Outfitters, an outdoor apparel brand selling
/// online, in an app and in stores: Segment HTTP API events from web, app, email, SMS, push, store POS
/// and the support desk, for thousands of customers with different behaviours, plus one scripted
/// showcase person (<see cref="Showcase"/>) whose touchpoints span every channel.
/// </summary>
public static partial class DemoDataset
{
    /// <summary>
    /// Generates the events as compact JSON strings, one Segment event each (under 32 KB), in timestamp
    /// order within [now - days, now]. Lazy: events are produced as they are enumerated. The same
    /// options give the same output, including <c>messageId</c>s.
    /// </summary>
    public static IEnumerable<string> Generate(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Customers);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Days, 1);
        return GenerateCore(options);
    }

    private static IEnumerable<string> GenerateCore(DemoOptions options)
    {
        var world = new DemoWorld(options);
        // Each person's script yields in timestamp order; a heap keyed by each script's next event merges them.
        var scripts = new PriorityQueue<IEnumerator<DemoEvent>, (long Ticks, int Script)>();
        Start(scripts, ShowcasePerson.Events(world.Window), -1);
        foreach (var customer in CustomerDirectory.Create(world, options.Customers))
        {
            Start(scripts, CustomerScript.Run(customer, world), customer.Ordinal);
        }

        var writer = new EventJsonWriter();
        var counter = 0L;
        while (scripts.TryDequeue(out var script, out var key))
        {
            yield return writer.Write(script.Current, $"demo-{options.Seed}-{++counter:D7}");
            Advance(scripts, script, key.Script);
        }
    }

    private static void Start(PriorityQueue<IEnumerator<DemoEvent>, (long, int)> scripts, IEnumerable<DemoEvent> events, int script) =>
        Advance(scripts, events.GetEnumerator(), script);

    private static void Advance(PriorityQueue<IEnumerator<DemoEvent>, (long, int)> scripts, IEnumerator<DemoEvent> script, int id)
    {
        if (script.MoveNext())
        {
            scripts.Enqueue(script, (script.Current.Timestamp.UtcTicks, id));
        }
        else
        {
            script.Dispose();
        }
    }
}

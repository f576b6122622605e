using System.Globalization;
using System.Text.Json;
using Omnia.Server.Profiles;
using Spectre.Console;

namespace Omnia.Cli.Commands;

/// <summary>Draws a profile in the terminal: identities, traits, computed traits, consent and timeline.</summary>
internal static class ProfileRenderer
{
    public static void Render(ProfileView view, IReadOnlyList<TimelineEntry> timeline)
    {
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(view.Id)}[/]").LeftJustified());

        var identities = new Table().Title("Identities").AddColumns("Type", "Value");
        foreach (var id in view.Identifiers)
        {
            identities.AddRow(Markup.Escape(id.Type), Markup.Escape(id.Value));
        }

        var traits = new Table().Title("Traits").AddColumns("Trait", "Value");
        foreach (var (name, value) in view.Traits)
        {
            traits.AddRow(Markup.Escape(name), Markup.Escape(value.ToString()));
        }

        var c = view.ComputedTraits;
        var computed = new Table().Title("Computed").AddColumns("Trait", "Value")
            .AddRow("First seen", $"{c.FirstSeen:u}")
            .AddRow("Last seen", $"{c.LastSeen:u}")
            .AddRow("Events", $"{c.EventCount:N0}")
            .AddRow("Orders", $"{c.OrderCount:N0}")
            .AddRow("Revenue", $"{c.Revenue:N2}")
            .AddRow("Acquired via", Markup.Escape($"{c.AcquisitionChannel} {c.AcquisitionCampaign}".Trim()))
            .AddRow("Channels", Markup.Escape(string.Join(", ", c.ChannelCounts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"))));
        foreach (var (channel, consent) in view.Consent)
        {
            computed.AddRow($"Consent {Markup.Escape(channel)}", Markup.Escape($"{(consent.Subscribed ? "subscribed" : "unsubscribed")} ({consent.Reason}, {consent.At:u})"));
        }

        computed.AddRow("Lifecycle stage", Markup.Escape(view.LifecycleStage ?? "none"))
            .AddRow("Persona", Markup.Escape(view.Persona is { } persona ? $"{persona.Name} ({persona.Key})" : "none"))
            .AddRow("Segments", Markup.Escape(view.Segments.Count == 0 ? "none" : string.Join(", ", view.Segments)));
        foreach (var (name, value) in c.More ?? new Dictionary<string, object?>())
        {
            computed.AddRow(Markup.Escape(name), Markup.Escape(Format(value)));
        }

        AnsiConsole.Write(new Columns(identities, computed));
        AnsiConsole.Write(traits);
        if (view.MergedFrom.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"Merged from: {string.Join(", ", view.MergedFrom)}");
        }

        var events = new Table().Title($"Latest {timeline.Count} events").AddColumns("When", "Channel", "Event", "Detail");
        foreach (var e in timeline)
        {
            events.AddRow($"{e.Timestamp:u}", Markup.Escape(e.ChannelName), Markup.Escape(e.Event ?? e.Type), Markup.Escape(e.Url ?? e.Campaign ?? ""));
        }

        AnsiConsole.Write(events);
    }

    /// <summary>
    /// A further computed trait: a .NET value when the profile comes from a local store, a JSON value when it comes
    /// from a server; both print the same.
    /// </summary>
    private static string Format(object? value) => value switch
    {
        null => "none",
        DateTimeOffset at => at.ToString("u", CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.Null } => "none",
        JsonElement { ValueKind: JsonValueKind.String } text when text.GetString() is { } s && s.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) => Format(at),
        JsonElement { ValueKind: JsonValueKind.String } text => text.GetString() ?? "",
        JsonElement { ValueKind: JsonValueKind.True } => bool.TrueString,
        JsonElement { ValueKind: JsonValueKind.False } => bool.FalseString,
        JsonElement json => json.GetRawText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

using Omnia.Core.Segments;

namespace Omnia.Core.Content;

/// <summary>
/// One message as a marketer writes it: a name, the campaign it belongs to, what every variant must keep
/// (<see cref="Consistency"/>), and a variant per channel, each with Liquid templates. At least one variant is present.
/// Read it with <see cref="Parse(string)"/>, write it with <see cref="ToJson"/>, turn it into renderable templates
/// with <see cref="CompiledContent.Compile"/>.
/// </summary>
/// <param name="Campaign">The campaign name stamped on every message sent from it (touchpoints and reports group by it); null for none.</param>
public sealed record ContentItem(
    string Name,
    string? Description,
    string? Campaign,
    ConsistencyRules Consistency,
    EmailVariant? Email,
    SmsVariant? Sms,
    PushVariant? Push,
    InAppVariant? InApp,
    WebSlotVariant? Web)
{
    /// <summary>The body a journey's webhook step sends when the step names this content; null for none.</summary>
    public WebhookVariant? Webhook { get; init; }

    /// <summary>The only format version: 1.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Reads the JSON format, collecting every problem (JSON path and what to do), Liquid syntax errors included.</summary>
    public static ContentParseResult Parse(string json) => ContentJsonReader.Read(json);

    /// <summary>The canonical JSON (fixed key order, absent variants left out), which <see cref="Parse(string)"/> reads back equal.</summary>
    public string ToJson() => ContentJsonWriter.Write(this);

    /// <summary>The channels this content has a variant for, in the order <see cref="ContentChannels.All"/> lists them.</summary>
    public IReadOnlyList<string> Channels =>
        [.. ContentChannels.All.Where(channel => Variant(channel) is not null)];

    /// <summary>The variant for a channel code (<c>email</c>, <c>sms</c>, <c>push</c>, <c>in_app</c>, <c>web</c>, <c>webhook</c>), or null.</summary>
    public ContentVariant? Variant(string channel) => channel switch
    {
        ContentChannels.Email => Email,
        ContentChannels.Sms => Sms,
        ContentChannels.Push => Push,
        ContentChannels.InApp => InApp,
        ContentChannels.Web => Web,
        ContentChannels.Webhook => Webhook,
        _ => null,
    };
}

/// <summary>
/// What every variant of a campaign must carry, for <see cref="ConsistencyCheck"/>: the offer (discount codes,
/// percentages), the call to action's destination, and key phrases. Empty lists and a null URL declare nothing; the
/// check then infers the offer from the variants themselves.
/// </summary>
public sealed record ConsistencyRules(IReadOnlyList<string> Offer, string? CtaUrl, IReadOnlyList<string> KeyPhrases)
{
    public static ConsistencyRules None { get; } = new([], null, []);

    public bool Equals(ConsistencyRules? other) =>
        other is not null && CtaUrl == other.CtaUrl && Offer.SequenceEqual(other.Offer) && KeyPhrases.SequenceEqual(other.KeyPhrases);

    public override int GetHashCode() => HashCode.Combine(CtaUrl, ValueLists.Hash(Offer), ValueLists.Hash(KeyPhrases));
}

using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// Send content <see cref="Content"/> on <see cref="Channel"/> (<c>{"type":"send","content":"cart-reminder","channel":"email","next":"…"}</c>),
/// or on the channel the last choose-channel step picked (<c>"channel":"choose"</c>). Consent, caps and quiet hours
/// are the contact policy's to apply when the effect is carried out.
/// </summary>
public sealed record SendStep(string Id, string Content, string Channel, string Next) : JourneyStep(Id)
{
    /// <summary>The channel value that means "the channel a choose-channel step picked".</summary>
    public const string Chosen = "choose";

    public override string Type => "send";

    public override IEnumerable<StepEdge> Edges => [new("next", Next)];
}

/// <summary>
/// Pick the channel to reach the profile on (<c>{"type":"chooseChannel","channels":["email","push","sms"],"next":"…","none":"…"}</c>):
/// the profile's preferred channel (the computed trait <c>preferredChannel</c>) when it is in the list and reachable,
/// else the first reachable channel in the list's order. With none reachable the instance goes to <see cref="None"/>,
/// or leaves with <see cref="ExitReason.Unreachable"/> when that is left out.
/// </summary>
public sealed record ChooseChannelStep(string Id, IReadOnlyList<string> Channels, string Next, string? None = null) : JourneyStep(Id)
{
    public override string Type => "chooseChannel";

    public override IEnumerable<StepEdge> Edges => None is null ? [new("next", Next)] : [new("next", Next), new("none", None)];

    public bool Equals(ChooseChannelStep? other) =>
        other is not null && Id == other.Id && Next == other.Next && None == other.None && Channels.SequenceEqual(other.Channels);

    public override int GetHashCode() => HashCode.Combine(Id, Next, None, ValueLists.Hash(Channels));
}

/// <summary>
/// Set traits on the profile (<c>{"type":"updateProfile","traits":{"winback_offer":"SPRING10","vip":true},"next":"…"}</c>);
/// a null value removes the trait.
/// </summary>
public sealed record UpdateProfileStep(string Id, IReadOnlyList<TraitUpdate> Traits, string Next) : JourneyStep(Id)
{
    public override string Type => "updateProfile";

    public override IEnumerable<StepEdge> Edges => [new("next", Next)];

    public bool Equals(UpdateProfileStep? other) =>
        other is not null && Id == other.Id && Next == other.Next && Traits.SequenceEqual(other.Traits);

    public override int GetHashCode() => HashCode.Combine(Id, Next, ValueLists.Hash(Traits));
}

/// <summary>One trait to set: a string, number or boolean <see cref="Value"/>, or null to remove it.</summary>
public sealed record TraitUpdate(string Name, Literal? Value);

/// <summary>
/// Call a webhook (<c>{"type":"webhook","url":"https://…","method":"POST","body":"crm-payload","next":"…"}</c>):
/// <see cref="Body"/> names the content template the body is rendered from; null sends none.
/// </summary>
/// <param name="Method">GET, POST, PUT, PATCH or DELETE.</param>
public sealed record WebhookStep(string Id, string Url, string Method, string? Body, string Next) : JourneyStep(Id)
{
    public override string Type => "webhook";

    public override IEnumerable<StepEdge> Edges => [new("next", Next)];
}

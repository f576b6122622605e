namespace Omnia.Core.Journeys;

/// <summary>
/// What a journey would have done for one profile: every effect in order (messages, webhooks, profile updates,
/// steps entered, exits, conversions), the instances as they stood at the end of the period, and the entries the
/// rules refused (a second add to the same cart), with their reasons.
/// </summary>
public sealed record ProfileDryRun(long ProfileId, IReadOnlyList<JourneyEffect> Effects, IReadOnlyList<JourneyInstance> Instances, IReadOnlyList<EntryDecision> Refused)
{
    /// <summary>The messages it would have sent, in order.</summary>
    public IReadOnlyList<SendMessage> Messages => Effects.OfType<SendMessage>().ToList();
}

/// <summary>A dry run over many profiles, with the totals the dashboard shows.</summary>
public sealed record DryRunReport(IReadOnlyList<ProfileDryRun> Profiles)
{
    /// <summary>How many instances would have started.</summary>
    public int Entries => Profiles.Sum(p => p.Instances.Count);

    /// <summary>Every message it would have sent, to whom (<see cref="JourneyEffect.ProfileId"/>) and when, in time order.</summary>
    public IReadOnlyList<SendMessage> Messages =>
        Profiles.SelectMany(p => p.Messages).OrderBy(m => m.At).ThenBy(m => m.ProfileId).ToList();

    /// <summary>Messages per content and channel.</summary>
    public IReadOnlyDictionary<(string Content, string Channel), int> MessagesByContent =>
        Profiles.SelectMany(p => p.Messages).GroupBy(m => (m.Content, m.Channel)).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Instances that left the steps, per reason.</summary>
    public IReadOnlyDictionary<ExitReason, int> Exits =>
        Profiles.SelectMany(p => p.Effects.OfType<ExitJourney>()).GroupBy(e => e.Reason).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Instances still going through the steps at the end of the period.</summary>
    public int InProgress => Profiles.Sum(p => p.Instances.Count(i => i.InProgress));

    /// <summary>Refused entries per reason.</summary>
    public IReadOnlyDictionary<EntryOutcome, int> Refusals =>
        Profiles.SelectMany(p => p.Refused).GroupBy(d => d.Outcome).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Conversions per journey, step and variant, from the instances' end states.</summary>
    public ConversionReport Conversions => JourneyConversions.Count(Profiles.SelectMany(p => p.Instances).Select(InstanceOutcome.Of));
}

namespace Omnia.Core.Journeys;

/// <summary>What the conversion counts need of one instance: the steps it reached, the variants it was given, whether it converted.</summary>
public sealed record InstanceOutcome(IReadOnlyList<string> VisitedNodes, IReadOnlyList<VariantAssignment> Variants, bool Converted)
{
    public static InstanceOutcome Of(JourneyInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new InstanceOutcome(instance.Visits.Nodes, instance.Variants, instance.ConvertedAt is not null);
    }
}

/// <summary>How many entered a group and how many of them converted.</summary>
public readonly record struct ConversionRate(int Entered, int Converted)
{
    /// <summary>Converted ÷ entered; 0 for an empty group.</summary>
    public double Rate => Entered == 0 ? 0 : (double)Converted / Entered;
}

/// <summary>The conversions of one variant of one split (the control group is variant <c>control</c>).</summary>
public sealed record VariantConversions(string Split, string Variant, ConversionRate Rate);

/// <summary>
/// Conversions per journey, per step reached (of the instances that reached a step, how many converted) and per
/// variant of each split, with <see cref="Uplift"/> for comparing a variant with its split's control group.
/// </summary>
public sealed record ConversionReport(ConversionRate Journey, IReadOnlyDictionary<string, ConversionRate> Steps, IReadOnlyList<VariantConversions> Variants)
{
    /// <summary>
    /// The uplift of <paramref name="variant"/> of split <paramref name="split"/> over its control group, or of all
    /// the split's treated instances when <paramref name="variant"/> is null; null when the split has no control group.
    /// </summary>
    public UpliftEstimate? Uplift(string split, string? variant = null)
    {
        var control = Variants.FirstOrDefault(v => v.Split == split && v.Variant == SplitStep.ControlName);
        if (control is null)
            return null;
        var treated = Variants.Where(v => v.Split == split && v.Variant != SplitStep.ControlName && (variant is null || v.Variant == variant)).ToList();
        return UpliftEstimate.Compare(treated.Sum(v => v.Rate.Converted), treated.Sum(v => v.Rate.Entered), control.Rate.Converted, control.Rate.Entered);
    }
}

/// <summary>Counts conversions from instance outcomes (from the instances, a dry run, or the engine's stored counters).</summary>
public static class JourneyConversions
{
    public static ConversionReport Count(IEnumerable<InstanceOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int entered = 0, converted = 0;
        var steps = new Dictionary<string, ConversionRate>(StringComparer.Ordinal);
        var variants = new Dictionary<(string, string), ConversionRate>();
        foreach (var outcome in outcomes)
        {
            var add = outcome.Converted ? 1 : 0;
            entered++;
            converted += add;
            foreach (var node in outcome.VisitedNodes)
            {
                var rate = steps.GetValueOrDefault(node);
                steps[node] = new ConversionRate(rate.Entered + 1, rate.Converted + add);
            }
            foreach (var assignment in outcome.Variants)
            {
                var rate = variants.GetValueOrDefault((assignment.Split, assignment.Variant));
                variants[(assignment.Split, assignment.Variant)] = new ConversionRate(rate.Entered + 1, rate.Converted + add);
            }
        }
        return new ConversionReport(
            new ConversionRate(entered, converted),
            steps,
            variants.Select(v => new VariantConversions(v.Key.Item1, v.Key.Item2, v.Value))
                .OrderBy(v => v.Split, StringComparer.Ordinal).ThenBy(v => v.Variant, StringComparer.Ordinal).ToList());
    }
}

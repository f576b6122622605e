namespace Omnia.Core.Journeys;

/// <summary>
/// Treatment against control: the two conversion rates, the absolute uplift (difference of the rates) with its 95%
/// interval by Newcombe's hybrid score method (method 10 of Newcombe 1998, from the two Wilson score intervals), and
/// the relative uplift (treatment rate ÷ control rate − 1) with its 95% interval from the log of the rate ratio
/// (Katz: <c>exp(ln RR ± 1.96·√(1/x₁ − 1/n₁ + 1/x₀ − 1/n₀))</c> − 1). The relative figures are null when the control
/// group has no conversions or either group is empty; their interval is null too when the treatment has none.
/// </summary>
public sealed record UpliftEstimate(
    ConversionRate Treatment,
    ConversionRate Control,
    double Absolute,
    double AbsoluteLow,
    double AbsoluteHigh,
    double? Relative,
    double? RelativeLow,
    double? RelativeHigh)
{
    /// <summary>The 0.975 quantile of the standard normal distribution.</summary>
    public const double Z = 1.959963984540054;

    /// <summary>Whether the 95% interval of the absolute uplift lies wholly above zero.</summary>
    public bool IsSignificantlyPositive => AbsoluteLow > 0;

    /// <summary>Compares <paramref name="treatmentConverted"/> of <paramref name="treatmentEntered"/> with <paramref name="controlConverted"/> of <paramref name="controlEntered"/>.</summary>
    public static UpliftEstimate Compare(int treatmentConverted, int treatmentEntered, int controlConverted, int controlEntered)
    {
        Check(treatmentConverted, treatmentEntered, nameof(treatmentConverted));
        Check(controlConverted, controlEntered, nameof(controlConverted));
        var treatment = new ConversionRate(treatmentEntered, treatmentConverted);
        var control = new ConversionRate(controlEntered, controlConverted);
        double p1 = treatment.Rate, p0 = control.Rate;
        var (l1, u1) = Wilson(treatmentConverted, treatmentEntered);
        var (l0, u0) = Wilson(controlConverted, controlEntered);
        var difference = p1 - p0;
        var low = difference - Math.Sqrt((p1 - l1) * (p1 - l1) + (u0 - p0) * (u0 - p0));
        var high = difference + Math.Sqrt((u1 - p1) * (u1 - p1) + (p0 - l0) * (p0 - l0));

        double? relative = null, relativeLow = null, relativeHigh = null;
        if (treatmentEntered > 0 && controlConverted > 0)
        {
            var ratio = p1 / p0;
            relative = ratio - 1;
            if (treatmentConverted > 0)
            {
                var se = Math.Sqrt(1.0 / treatmentConverted - 1.0 / treatmentEntered + 1.0 / controlConverted - 1.0 / controlEntered);
                relativeLow = Math.Exp(Math.Log(ratio) - Z * se) - 1;
                relativeHigh = Math.Exp(Math.Log(ratio) + Z * se) - 1;
            }
        }
        return new UpliftEstimate(treatment, control, difference, low, high, relative, relativeLow, relativeHigh);
    }

    /// <summary>The Wilson score 95% interval of <paramref name="converted"/> of <paramref name="entered"/>; [0, 1] when empty.</summary>
    public static (double Low, double High) Wilson(int converted, int entered)
    {
        Check(converted, entered, nameof(converted));
        if (entered == 0)
            return (0, 1);
        double n = entered, p = converted / n;
        var denominator = 1 + Z * Z / n;
        var centre = (p + Z * Z / (2 * n)) / denominator;
        var half = Z * Math.Sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static void Check(int converted, int entered, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(converted, name);
        ArgumentOutOfRangeException.ThrowIfLessThan(entered, converted, name);
    }
}

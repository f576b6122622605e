namespace Omnia.Core.Profiles;

/// <summary>
/// Adding up amounts read from the log: ingestion keeps them within ±10^15, but a store written before that
/// check may hold anything up to decimal's limit, and an overflow would stop profile processing for good.
/// These saturate at decimal's range instead of throwing.
/// </summary>
public static class Money
{
    public static decimal Add(decimal a, decimal b)
    {
        try
        {
            return a + b;
        }
        catch (OverflowException)
        {
            return a > 0 ? decimal.MaxValue : decimal.MinValue;
        }
    }

    public static decimal Multiply(decimal a, decimal b)
    {
        try
        {
            return a * b;
        }
        catch (OverflowException)
        {
            return (a > 0) == (b > 0) ? decimal.MaxValue : decimal.MinValue;
        }
    }
}

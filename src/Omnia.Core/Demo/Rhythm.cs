namespace Omnia.Core.Demo;

/// <summary>When in their local day people browse, open the app or walk into a store.</summary>
internal static class Rhythm
{
    // Weights per local hour 0..23.
    private static readonly double[] WebHours = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3, 3, 3, 3, 4, 4, 3, 3, 3, 3, 4, 5, 6, 6, 4, 2];
    private static readonly double[] AppHours = [1, 0.5, 0.2, 0.1, 0.1, 0.3, 2, 4, 4, 2, 2, 3, 4, 3, 2, 2, 3, 3, 3, 4, 5, 6, 5, 3];
    private static readonly double[] StoreHours = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 4, 4, 4, 4, 4, 5, 5, 3, 0, 0, 0, 0];

    public static int WebMinute(DemoRandom rng) => Minute(rng, WebHours);

    public static int AppMinute(DemoRandom rng) => Minute(rng, AppHours);

    public static int StoreMinute(DemoRandom rng) => Minute(rng, StoreHours);

    /// <summary>Office hours, for the support desk.</summary>
    public static int OfficeMinute(DemoRandom rng) => rng.Next(9 * 60, 18 * 60);

    private static int Minute(DemoRandom rng, double[] weights)
    {
        var roll = rng.NextDouble() * weights.Sum();
        for (var hour = 0; hour < weights.Length; hour++)
        {
            roll -= weights[hour];
            if (roll < 0)
            {
                return hour * 60 + rng.Next(60);
            }
        }

        return 12 * 60;
    }
}

using System.Globalization;
using System.Text;

namespace Omnia.Bench.Attribution;

/// <summary>
/// Writes a realistic paths file in ChannelAttribution's layout: one row per distinct path with the counts of the
/// journeys that took it (as the package's data sets are), or with <c>unique: false</c> one row per journey
/// (identical rows repeat, as in an unaggregated export). Channels have unequal popularity (Zipf, exponent 0.6), people move between
/// channels by a fixed random transition matrix and return to the same channel twice as often, journeys are
/// 1 + geometric touches long (mean about 3.3, at most 40), each row stands for 1 + geometric people whose conversions follow a logistic model with a lift per
/// channel, and each conversion is worth a log-normal amount around 80.
/// </summary>
public static class PathsFileGenerator
{
    private static readonly string[] ChannelNames =
    [
        "organic_search", "paid_search", "email", "direct", "social", "paid_social", "display", "referral",
        "affiliate", "sms", "push", "video", "tv", "direct_mail", "store", "phone", "in_app", "support", "other",
    ];

    public sealed record Summary(long Rows, long Journeys, long Bytes, double Conversions, double Nulls);

    public static Summary Write(string path, long rows, int channels, int seed, bool unique)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(0, channels).Select(i => i < ChannelNames.Length ? ChannelNames[i] : $"channel_{i + 1}").ToArray();
        var popularity = Enumerable.Range(0, channels).Select(i => Math.Pow(i + 1, -0.6)).ToArray();
        var transitions = new double[channels][];
        var lift = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            transitions[c] = Enumerable.Range(0, channels).Select(j => popularity[j] * (0.2 + random.NextDouble()) * (j == c ? 2 : 1)).ToArray();
            lift[c] = Gaussian(random) * 0.5;
        }

        // Journeys are drawn until there are as many rows as asked: with unique, identical journeys merge into one row.
        var merged = new Dictionary<string, (int Converted, double Value, int Nulls)>(StringComparer.Ordinal);
        var line = new StringBuilder();
        long drawn = 0;
        double conversions = 0, nulls = 0;
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("path;total_conversions;total_conversion_value;total_null\n");
            while (unique ? merged.Count < rows : drawn < rows)
            {
                drawn++;
                line.Clear();
                int length = 1;
                while (length < 40 && random.NextDouble() < 0.7)
                {
                    length++;
                }

                int channel = Pick(random, popularity);
                double score = -2.2 + 0.15 * Math.Min(length, 8);
                for (int t = 0; t < length; t++)
                {
                    if (t > 0)
                    {
                        line.Append(" > ");
                        channel = Pick(random, transitions[channel]);
                    }

                    line.Append(names[channel]);
                    score += lift[channel] / length;
                }

                int people = 1;
                while (people < 50 && random.NextDouble() < 0.5)
                {
                    people++;
                }

                double p = 1 / (1 + Math.Exp(-score));
                int converted = 0;
                double value = 0;
                for (int i = 0; i < people; i++)
                {
                    if (random.NextDouble() < p)
                    {
                        converted++;
                        value += Math.Round(Math.Exp(4.2 + 0.6 * Gaussian(random)), 2);
                    }
                }

                conversions += converted;
                nulls += people - converted;
                if (unique)
                {
                    ref var row = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(merged, line.ToString(), out _);
                    row = (row.Converted + converted, row.Value + value, row.Nulls + people - converted);
                }
                else
                {
                    WriteRow(writer, line.ToString(), converted, value, people - converted);
                }
            }

            foreach (var (journey, row) in merged)
            {
                WriteRow(writer, journey, row.Converted, row.Value, row.Nulls);
            }
        }

        return new Summary(rows, drawn, new FileInfo(path).Length, conversions, nulls);
    }

    private static void WriteRow(StreamWriter writer, string journey, int converted, double value, int nulls)
    {
        writer.Write(journey);
        writer.Write(';');
        writer.Write(converted.ToString(CultureInfo.InvariantCulture));
        writer.Write(';');
        writer.Write(Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture));
        writer.Write(';');
        writer.Write(nulls.ToString(CultureInfo.InvariantCulture));
        writer.Write('\n');
    }

    private static int Pick(Random random, double[] weights)
    {
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        double x = random.NextDouble() * total;
        for (int i = 0; i < weights.Length - 1; i++)
        {
            if ((x -= weights[i]) < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

namespace Omnia.Core.Import;

/// <summary>
/// Picks the delimiter from the header line: whichever of comma, semicolon and tab occurs most often outside
/// quotes (ties go to that order; none at all means a one-column file, read as comma-separated).
/// </summary>
internal static class CsvDelimiter
{
    private static readonly char[] Candidates = [',', ';', '\t'];

    public static string Detect(string text)
    {
        Span<int> counts = stackalloc int[Candidates.Length];
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                var index = Array.IndexOf(Candidates, c);
                if (index >= 0)
                {
                    counts[index]++;
                }
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return Candidates[best].ToString();
    }

    /// <summary>The delimiter as an error message names it.</summary>
    public static string Describe(string delimiter) => delimiter == "\t" ? "tab" : $"'{delimiter}'";
}

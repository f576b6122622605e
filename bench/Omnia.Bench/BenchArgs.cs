using System.Globalization;

namespace Omnia.Bench;

/// <summary><c>--name value</c> options; numbers may be written 1_000_000 or 1,000,000. <c>--server-env K=V</c> may repeat.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _serverEnvironment = new(StringComparer.Ordinal);

    public BenchArgs(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
            {
                throw new ArgumentException($"Expected '--name value', got '{list[i]}'.");
            }

            string name = list[i][2..], value = list[++i];
            if (name == "server-env")
            {
                int eq = value.IndexOf('=', StringComparison.Ordinal);
                _serverEnvironment[value[..eq]] = value[(eq + 1)..];
            }
            else
            {
                _values[name] = value;
            }
        }
    }

    /// <summary>Extra environment variables for the server process, e.g. <c>DOTNET_gcServer=1</c>.</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment => _serverEnvironment;

    public long Long(string name, long fallback) =>
        _values.TryGetValue(name, out var v) ? long.Parse(v.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

    public int Int(string name, int fallback) => checked((int)Long(name, fallback));

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public bool Bool(string name, bool fallback) => _values.TryGetValue(name, out var v) ? bool.Parse(v) : fallback;

    public TimeSpan Seconds(string name, int fallback) => TimeSpan.FromSeconds(Long(name, fallback));

    /// <summary>Names given that the command did not ask for (typos).</summary>
    public IEnumerable<string> Unknown(params string[] known) => _values.Keys.Except(known);
}

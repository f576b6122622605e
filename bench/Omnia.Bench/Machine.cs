namespace Omnia.Bench;

/// <summary>The machine a result was measured on, from <c>/proc</c>.</summary>
public static class Machine
{
    public static string Describe()
    {
        string load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        string memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : "0";
        return $"{Environment.ProcessorCount} cores ({cpu}), {long.Parse(memory, System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024:N1} GiB RAM, .NET {Environment.Version}, load average {load}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";
    }
}

namespace Omnia.Server;

/// <summary>How one Omnia node runs: where its embedded store lives and what to do on first start.</summary>
public sealed record OmniaServerOptions
{
    /// <summary>The data directory of the embedded SQLite store.</summary>
    public string DataDirectory { get; init; } = "omnia-data";

    /// <summary>URLs to listen on, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public string[] Urls { get; init; } = ["http://127.0.0.1:5000"];

    /// <summary>Load the demo dataset into an empty store before reporting healthy.</summary>
    public bool Demo { get; init; }

    /// <summary>Customers in the demo dataset.</summary>
    public int DemoCustomers { get; init; } = 3000;

    /// <summary>
    /// How many acknowledged events derived state may lag behind before ingestion answers 429 with Retry-After
    /// (the Segment SDKs retry it) instead of taking more.
    /// </summary>
    public long MaxDerivedLag { get; init; } = Environment("OMNIA_MAX_DERIVED_LAG") ?? 250_000;

    /// <summary>A snapshot of derived state is written at least this often while events arrive…</summary>
    public TimeSpan SnapshotEvery { get; init; } = TimeSpan.FromSeconds(Environment("OMNIA_SNAPSHOT_EVERY_SECONDS") ?? 300);

    /// <summary>…and after this many events, whichever comes first (and at a planned stop).</summary>
    public long SnapshotEveryEvents { get; init; } = Environment("OMNIA_SNAPSHOT_EVERY_EVENTS") ?? 2_000_000;

    /// <summary>Where email goes (<c>OMNIA_SMTP_URL</c>, see <see cref="Messaging.SmtpSettings"/>); null: email is not configured.</summary>
    public string? SmtpUrl { get; init; } = System.Environment.GetEnvironmentVariable(Messaging.SmtpSettings.Variable) is { Length: > 0 } url ? url : null;

    /// <summary>
    /// Where the SMS and push settings are read from (<c>OMNIA_TWILIO_*</c>, <c>OMNIA_FCM_*</c>; see
    /// <see cref="Messaging.MessagingOptions"/>): the process environment unless replaced (tests give each node its own).
    /// </summary>
    public Func<string, string?> ChannelSettings { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Sign-in throttling, rate limits, allowed hosts and session lifetime (<c>OMNIA_…</c> variables; see <see cref="Security.SecurityOptions"/>).</summary>
    public Security.SecurityOptions Security { get; init; } = new();

    /// <summary>Bootstrap values, normally from <c>OMNIA_BOOTSTRAP_*</c> environment variables.</summary>
    public BootstrapSettings Bootstrap { get; init; } = BootstrapSettings.FromEnvironment();

    /// <summary>A positive whole number from an environment variable, or null when it is not set.</summary>
    private static long? Environment(string name) =>
        long.TryParse(System.Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : null;
}

/// <summary>What the first start of an empty store creates (DESIGN.md, automation contract).</summary>
public sealed record BootstrapSettings(string? AdminKey, string? WriteKey, string? OwnerEmail, string? OwnerPassword)
{
    public static BootstrapSettings FromEnvironment() => new(
        Environment.GetEnvironmentVariable("OMNIA_BOOTSTRAP_ADMIN_KEY"),
        Environment.GetEnvironmentVariable("OMNIA_BOOTSTRAP_WRITE_KEY"),
        Environment.GetEnvironmentVariable("OMNIA_BOOTSTRAP_OWNER_EMAIL"),
        Environment.GetEnvironmentVariable("OMNIA_BOOTSTRAP_OWNER_PASSWORD"));
}

namespace Omnia.Core.Content;

/// <summary>
/// The thresholds <see cref="ChannelConstraints"/> checks against. <see cref="Default"/> holds Omnia's defaults, each
/// documented in docs/messaging.md with its reason.
/// </summary>
public sealed record ChannelLimits
{
    public static ChannelLimits Default { get; } = new();

    /// <summary>More SMS segments than this is an error (each segment is billed; carriers reassemble at most about 10 reliably).</summary>
    public int SmsMaxSegments { get; init; } = 10;

    /// <summary>More links than this in one SMS is a warning (carriers filter link-heavy texts).</summary>
    public int SmsMaxLinks { get; init; } = 1;

    /// <summary>A longer push title is a warning: lock screens cut titles at about this many characters.</summary>
    public int PushTitleMax { get; init; } = 65;

    /// <summary>A longer push body is a warning: a collapsed notification shows about this many characters.</summary>
    public int PushBodyMax { get; init; } = 240;

    /// <summary>FCM refuses notification messages larger than 4096 bytes: title, body and link beyond this are an error.</summary>
    public int PushPayloadMaxBytes { get; init; } = 4096;

    /// <summary>A longer subject is a warning: inboxes show the first 40–70 characters.</summary>
    public int EmailSubjectMax { get; init; } = 100;

    /// <summary>A longer preheader is a warning: inboxes show up to about this many characters of it.</summary>
    public int EmailPreheaderMax { get; init; } = 150;

    /// <summary>HTML larger than this (bytes, UTF-8) is a warning: Gmail clips messages over 102 KB.</summary>
    public int EmailClipBytes { get; init; } = 102 * 1024;

    /// <summary>An email larger than this (HTML and text, bytes) is an error: providers refuse messages over 10 MB.</summary>
    public int EmailMaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>A longer in-app title is a warning.</summary>
    public int InAppTitleMax { get; init; } = 60;

    /// <summary>A longer in-app body is a warning.</summary>
    public int InAppBodyMax { get; init; } = 300;

    /// <summary>A longer in-app button text is a warning: buttons fit about this many characters.</summary>
    public int InAppButtonMax { get; init; } = 25;

    /// <summary>A web slot fragment larger than this (bytes) is a warning: it slows the page it is placed in.</summary>
    public int WebSlotMaxBytes { get; init; } = 100 * 1024;
}

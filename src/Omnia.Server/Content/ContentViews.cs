using System.Text.Json;
using Omnia.Core.Content;

namespace Omnia.Server.Content;

/// <summary>A content item in the list.</summary>
public sealed record ContentSummary(string Slug, string Name, string? Campaign, IReadOnlyList<string> Channels, int Version, DateTimeOffset UpdatedAt);

/// <summary>One content item: its JSON and the issues its variants have before any profile's data is filled in.</summary>
public sealed record ContentView(string Slug, string Name, int Version, DateTimeOffset UpdatedAt, JsonElement Content, IReadOnlyList<IssueView> Issues);

/// <summary>A constraint or consistency issue: where, how bad (<c>error</c> or <c>warning</c>), a stable code and what to do.</summary>
public sealed record IssueView(string Path, string Severity, string Code, string Message)
{
    public static IssueView Of(ContentIssue issue) =>
        new(issue.Path, issue.Severity == IssueSeverity.Error ? "error" : "warning", issue.Code, issue.Message);
}

/// <summary>Content rendered for one profile: a message (or a render error) and its issues per channel.</summary>
public sealed record PreviewView(string ProfileId, IReadOnlyList<ChannelPreviewView> Channels);

/// <summary>One channel's preview; for SMS also its encoding and segment count.</summary>
public sealed record ChannelPreviewView(string Channel, RenderedMessage? Message, string? RenderError, IReadOnlyList<IssueView> Issues, SmsView? Sms);

/// <summary>How an SMS text is sent: GSM-7 or UCS-2, its length in units, its segments, the characters that forced UCS-2.</summary>
public sealed record SmsView(string Encoding, int Units, int Segments, IReadOnlyList<string> NonGsmCharacters)
{
    public static SmsView? Of(RenderedMessage? message) => message is { Channel: ContentChannels.Sms, Text: { } text } ? Of(SmsText.Measure(text)) : null;

    public static SmsView Of(SmsText sms) => new(sms.Encoding.ToString().ToLowerInvariant(), sms.Units, sms.Segments, sms.NonGsmCharacters);
}

/// <summary>A draft item's check: its errors (it cannot be saved), or its issues and how its SMS text is sent before personalisation.</summary>
public sealed record ContentCheckView(bool Valid, IReadOnlyList<string> Errors, IReadOnlyList<IssueView> Issues, SmsView? Sms);

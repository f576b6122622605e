namespace Omnia.Core.Content;

/// <summary>How bad a content issue is.</summary>
public enum IssueSeverity
{
    /// <summary>The message should not be sent as it is (a required part is empty, a link is broken, too many segments).</summary>
    Error,

    /// <summary>It can be sent, but a person should look (UCS-2 halves SMS length, Gmail clips long HTML, a long title is cut).</summary>
    Warning,
}

/// <summary>
/// A finding of the channel constraints or the consistency check: where (<c>sms.text</c>, <c>email.html</c>, or a
/// channel for a whole variant), how bad, a stable <see cref="Code"/> for programs, and a message for people.
/// </summary>
public sealed record ContentIssue(string Path, IssueSeverity Severity, string Code, string Message)
{
    /// <summary><c>sms.text: error: 4 segments …</c>.</summary>
    public override string ToString() => $"{Path}: {(Severity == IssueSeverity.Error ? "error" : "warning")}: {Message}";
}

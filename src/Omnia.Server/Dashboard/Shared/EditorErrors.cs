namespace Omnia.Server.Dashboard.Shared;

/// <summary>The JSON paths of definition errors, which the visual editors use to put each error on its condition.</summary>
public static class EditorErrors
{
    /// <summary>"condition.and[1].event.count.op" of "condition.and[1].event.count.op: …"; null when the error names no path.</summary>
    public static string? Path(string error)
    {
        int at = error.IndexOf(": ", StringComparison.Ordinal);
        return at > 0 && !error.AsSpan(0, at).ContainsAny(' ', '(') ? error[..at] : null;
    }
}

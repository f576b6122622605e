using Omnia.Core.Segments;

namespace Omnia.Core.Content;

/// <summary>One channel's preview: the message as the person would get it, or why it could not be rendered, and its issues.</summary>
/// <param name="Message">The rendered message; null when a template failed (see <see cref="RenderError"/>).</param>
public sealed record ChannelPreview(string Channel, RenderedMessage? Message, string? RenderError, IReadOnlyList<ContentIssue> Issues);

/// <summary>
/// Preview: renders content with a real profile's data (a pure function of the data it is given) and checks what
/// comes out: the channel constraints per variant and the consistency of the rendered variants.
/// </summary>
public static class ContentPreview
{
    /// <summary>Every variant of <paramref name="content"/> rendered for the profile in <paramref name="facts"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<ChannelPreview> Render(CompiledContent content, ProfileFacts facts, DateTimeOffset now, ChannelLimits? limits = null) =>
        Render(content, RenderModel.ForProfile(facts, now), limits);

    /// <summary>Every variant rendered with <paramref name="model"/> (add an event or journey context to it first, as a send would).</summary>
    public static IReadOnlyList<ChannelPreview> Render(CompiledContent content, RenderModel model, ChannelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(model);
        var scope = RenderScope.Of(model);
        var previews = new List<ChannelPreview>();
        foreach (var channel in content.Content.Channels)
        {
            try
            {
                var message = content.Render(channel, scope);
                previews.Add(new ChannelPreview(channel, message, null, ChannelConstraints.Check(message, limits)));
            }
            catch (ContentRenderException e)
            {
                previews.Add(new ChannelPreview(channel, null, e.Message,
                    [new ContentIssue(e.Part, IssueSeverity.Error, "render_failed", $"cannot be rendered for this profile: {e.Reason}")]));
            }
        }
        var rendered = previews.Where(p => p.Message is not null).Select(p => p.Message!).ToList();
        if (rendered.Count > 1)
        {
            var consistency = ConsistencyCheck.Check(rendered, content.Content.Consistency);
            previews = [.. previews.Select(p => p with { Issues = [.. p.Issues, .. consistency.Where(i => i.Path == ContentChannels.JsonKey(p.Channel))] })];
        }
        return previews;
    }
}

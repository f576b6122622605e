using Omnia.Core.Segments;

namespace Omnia.Core.Content;

/// <summary>
/// A content item with every template parsed once, ready to render many times (thread-safe: renderings share
/// nothing). Build it with <see cref="Compile"/> from a valid <see cref="ContentItem"/>.
/// </summary>
public sealed class CompiledContent
{
    private readonly Dictionary<string, Dictionary<string, LiquidTemplate>> _templates;

    private CompiledContent(ContentItem content, Dictionary<string, Dictionary<string, LiquidTemplate>> templates)
    {
        Content = content;
        _templates = templates;
    }

    public ContentItem Content { get; }

    /// <summary>Parses every template; throws when one does not parse (a parsed <see cref="ContentItem"/> never does).</summary>
    /// <exception cref="ArgumentException">A template has an error; <see cref="Check"/> lists them.</exception>
    public static CompiledContent Compile(ContentItem content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var templates = new Dictionary<string, Dictionary<string, LiquidTemplate>>(StringComparer.Ordinal);
        var errors = new List<SegmentError>();
        foreach (var channel in content.Channels)
        {
            var parts = templates[channel] = new Dictionary<string, LiquidTemplate>(StringComparer.Ordinal);
            foreach (var (part, source, html) in content.Variant(channel)!.Parts)
            {
                var template = LiquidTemplate.TryParse(source, html, out var error);
                if (template is null)
                    errors.Add(new SegmentError($"{ContentChannels.JsonKey(channel)}.{part}", error!.ToString()));
                else
                    parts[part] = template;
            }
        }
        return errors.Count == 0
            ? new CompiledContent(content, templates)
            : throw new ArgumentException($"The content has template errors: {string.Join("; ", errors)}", nameof(content));
    }

    /// <summary>The template errors of a content item (each part's first), with paths like <c>email.html</c>.</summary>
    public static IReadOnlyList<SegmentError> Check(ContentItem content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new List<SegmentError>();
        foreach (var channel in content.Channels)
        {
            foreach (var (part, source, html) in content.Variant(channel)!.Parts)
            {
                if (LiquidTemplate.TryParse(source, html, out var error) is null)
                    errors.Add(new SegmentError($"{ContentChannels.JsonKey(channel)}.{part}", error!.ToString()));
            }
        }
        return errors;
    }

    /// <summary>Whether there is a variant for <paramref name="channel"/>.</summary>
    public bool Has(string channel) => _templates.ContainsKey(channel);

    /// <summary>Renders the variant for <paramref name="channel"/> with <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">No variant for that channel.</exception>
    /// <exception cref="ContentRenderException">A template failed at run time; nothing should be sent.</exception>
    public RenderedMessage Render(string channel, RenderModel model) => Render(channel, RenderScope.Of(model));

    /// <inheritdoc cref="Render(string, RenderModel)"/>
    public RenderedMessage Render(string channel, RenderScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!_templates.TryGetValue(channel, out var parts))
            throw new ArgumentException($"'{Content.Name}' has no {channel} variant; it has {string.Join(", ", Content.Channels)}.", nameof(channel));
        var prefix = ContentChannels.JsonKey(channel);
        string? Part(string name) => parts.TryGetValue(name, out var t) ? t.Render(scope, $"{prefix}.{name}") : null;
        return new RenderedMessage(channel)
        {
            Subject = Part("subject"),
            Preheader = Part("preheader"),
            Html = Part("html"),
            Text = Part("text"),
            Title = Part("title"),
            Body = Part("body"),
            Button = Part("button"),
            Link = Part("link")?.Trim(),
            Slot = Content.Web is { } web && channel == ContentChannels.Web ? web.Slot : null,
            ContentType = Content.Webhook is { } webhook && channel == ContentChannels.Webhook ? webhook.ContentType : null,
        };
    }
}

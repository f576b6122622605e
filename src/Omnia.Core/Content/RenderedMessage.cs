namespace Omnia.Core.Content;

/// <summary>
/// One channel's variant rendered for one person: the parts the channel has, the rest null. Email has
/// <see cref="Subject"/>, <see cref="Preheader"/>, <see cref="Html"/>, <see cref="Text"/>; SMS <see cref="Text"/>; push
/// <see cref="Title"/>, <see cref="Body"/>, <see cref="Link"/>; in-app <see cref="Title"/>, <see cref="Body"/>,
/// <see cref="Button"/>, <see cref="Link"/>; web <see cref="Html"/> (and <see cref="Slot"/>); webhook <see cref="Body"/>
/// (and <see cref="ContentType"/>).
/// </summary>
public sealed record RenderedMessage(string Channel)
{
    public string? Subject { get; init; }

    public string? Preheader { get; init; }

    public string? Html { get; init; }

    public string? Text { get; init; }

    public string? Title { get; init; }

    public string? Body { get; init; }

    public string? Button { get; init; }

    public string? Link { get; init; }

    public string? Slot { get; init; }

    /// <summary>A webhook body's media type.</summary>
    public string? ContentType { get; init; }
}

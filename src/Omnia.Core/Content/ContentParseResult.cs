using System.Diagnostics.CodeAnalysis;
using Omnia.Core.Segments;

namespace Omnia.Core.Content;

/// <summary>The outcome of <see cref="ContentItem.Parse(string)"/>: a content item, or every error found in it.</summary>
public sealed record ContentParseResult(ContentItem? Content, IReadOnlyList<SegmentError> Errors)
{
    /// <summary>Whether the content was read without errors.</summary>
    [MemberNotNullWhen(true, nameof(Content))]
    public bool IsValid => Content is not null;
}

namespace Omnia.Core.Paths;

/// <summary>What paths (and funnels) are broken down by.</summary>
public enum PathBreakdown : byte
{
    /// <summary>No breakdown: one group, <c>all</c>.</summary>
    None,

    /// <summary>The channel of the person's first touchpoint ever.</summary>
    Acquisition,

    /// <summary>The person's persona (<c>none</c> before personas are trained).</summary>
    Persona,

    /// <summary>The device of the conversion (or of the last touchpoint of a journey that did not convert).</summary>
    Device,

    /// <summary>Whether the person is a member of a segment (<c>member</c> or <c>not member</c>).</summary>
    Segment,
}

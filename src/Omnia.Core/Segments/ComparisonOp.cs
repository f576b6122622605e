namespace Omnia.Core.Segments;

/// <summary>
/// How a trait, event property or computed trait is compared with a definition's value. The JSON names are in
/// parentheses.
/// </summary>
public enum ComparisonOp
{
    /// <summary>(<c>equals</c>) Same string (exactly, case-sensitive), same number or same boolean.</summary>
    Equal,

    /// <summary>(<c>notEquals</c>) The opposite of <see cref="Equal"/>; also true when the value is missing.</summary>
    NotEqual,

    /// <summary>(<c>contains</c>) A string containing the text, ignoring case; or an array with an element equal to it, ignoring case.</summary>
    Contains,

    /// <summary>(<c>startsWith</c>) A string starting with the text, ignoring case.</summary>
    StartsWith,

    /// <summary>(<c>in</c>) Equal to one of a list of values.</summary>
    In,

    /// <summary>(<c>exists</c>) Present and not null.</summary>
    Exists,

    /// <summary>(<c>notExists</c>) Missing or null.</summary>
    NotExists,

    /// <summary>(<c>gt</c>) Greater than a number, or later than an ISO-8601 date.</summary>
    GreaterThan,

    /// <summary>(<c>gte</c>) Greater than or equal to a number or date.</summary>
    GreaterOrEqual,

    /// <summary>(<c>lt</c>) Less than a number, or earlier than a date.</summary>
    LessThan,

    /// <summary>(<c>lte</c>) Less than or equal to a number or date.</summary>
    LessOrEqual,

    /// <summary>(<c>withinLast</c>) A date in the last duration: <c>now − d &lt; date ≤ now</c>.</summary>
    WithinLast,

    /// <summary>(<c>inNext</c>) A date in the next duration: <c>now &lt; date ≤ now + d</c>.</summary>
    InNext,

    /// <summary>(<c>before</c>) A date earlier than a fixed date.</summary>
    Before,

    /// <summary>(<c>after</c>) A date later than a fixed date.</summary>
    After,
}

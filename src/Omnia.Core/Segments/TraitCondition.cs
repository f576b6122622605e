namespace Omnia.Core.Segments;

/// <summary>
/// Compares a profile trait (the latest value from identify calls) with <see cref="Value"/>:
/// <c>{"trait":{"name":"plan","op":"equals","value":"gold"}}</c>. Strings holding numbers compare as numbers in
/// numeric comparisons, and strings holding ISO-8601 dates compare as dates in date comparisons.
/// </summary>
/// <param name="Value">Null for <c>exists</c> and <c>notExists</c>.</param>
public sealed record TraitCondition(string Name, ComparisonOp Op, Literal? Value) : Condition;

namespace Omnia.Core.Segments;

/// <summary>
/// Compares one of the profile's computed traits (<see cref="ComputedTraits"/>) with <see cref="Value"/>:
/// <c>{"computed":{"name":"orderCount","op":"gte","value":3}}</c>. The operators allowed depend on the trait's
/// kind: number, date or text.
/// </summary>
public sealed record ComputedCondition(string Name, ComparisonOp Op, Literal? Value) : Condition;

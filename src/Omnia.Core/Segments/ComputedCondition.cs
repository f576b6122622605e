namespace Omnia.Core.Segments;

/// <summary>
/// Compares one of the profile's computed traits with <see cref="Value"/>:
/// <c>{"computed":{"name":"orderCount","op":"gte","value":3}}</c>. The trait is built in (<see cref="ComputedTraits"/>)
/// or the workspace's own (<see cref="ComputedTraitDefinition"/>, evaluated from <see cref="ProfileFacts.Audience"/>).
/// The operators allowed depend on the trait's kind: number, date, text, or an event property's value.
/// </summary>
public sealed record ComputedCondition(string Name, ComparisonOp Op, Literal? Value) : Condition;

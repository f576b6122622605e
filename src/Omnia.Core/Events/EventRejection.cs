namespace Omnia.Core.Events;

/// <summary>Why one event of a request was not accepted; <see cref="Index"/> is its position in the batch (0 for single calls).</summary>
public sealed record EventRejection(int Index, string? MessageId, IReadOnlyList<string> Errors);

/// <summary>The events of one request that passed validation, and the ones that did not.</summary>
public sealed record EventParseResult(IReadOnlyList<LogEvent> Accepted, IReadOnlyList<EventRejection> Rejected);

/// <summary>The request body is not something any event can be read from (not JSON, not an object, no batch array).</summary>
public sealed class SegmentFormatException(string message) : Exception(message);

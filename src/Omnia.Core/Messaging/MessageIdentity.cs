namespace Omnia.Core.Messaging;

/// <summary>
/// Which message something is about: its id (a journey send's effect key, so engagement answers last-message tests),
/// the workspace and profile it went to, its channel and campaign. Signed into every tracking and unsubscribe token.
/// </summary>
public sealed record MessageIdentity(string MessageId, int WorkspaceId, long ProfileId, string Channel, string? Campaign);

namespace Omnia.Core.Processing;

/// <summary>
/// A journey timer: instance <see cref="InstanceId"/> of profile <see cref="ProfileId"/> wakes up, or — with
/// <see cref="InstanceId"/> 0 — the date trigger of journey <see cref="DateJourneyId"/> comes round for the profile.
/// </summary>
internal readonly record struct JourneyWake(long ProfileId, long InstanceId, long DateJourneyId);

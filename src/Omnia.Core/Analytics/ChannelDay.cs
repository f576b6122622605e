namespace Omnia.Core.Analytics;

/// <summary>How many events of one channel a workspace had on one day (UTC, by event timestamp).</summary>
public readonly record struct ChannelDay(DateOnly Day, string Channel, long Events);

namespace Omnia.Core.Events;

/// <summary>What happened to the events of one append: how many are new in the log and how many were already there.</summary>
public readonly record struct AppendOutcome(int Appended, int Duplicates, long LastSeq);

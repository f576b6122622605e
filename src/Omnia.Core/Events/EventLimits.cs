namespace Omnia.Core.Events;

/// <summary>Size limits of the Segment HTTP API, which Omnia keeps so that SDKs behave the same.</summary>
public static class EventLimits
{
    /// <summary>32 KB per event.</summary>
    public const int MaxEventBytes = 32 * 1024;

    /// <summary>500 KB per batch request.</summary>
    public const int MaxBatchBytes = 500 * 1024;

    /// <summary>Longest accepted messageId, userId or anonymousId.</summary>
    public const int MaxIdLength = 256;
}

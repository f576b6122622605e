namespace Omnia.Core.Demo;

/// <summary>What a customer's script knows about one of their devices so far.</summary>
internal sealed class DeviceState(Device device, int identifyAtVisit)
{
    public Device Device { get; } = device;

    public int IdentifyAtVisit { get; } = identifyAtVisit;

    public int Visits { get; set; }

    /// <summary>Signed in here: the SDK now sends the user id with every event.</summary>
    public bool Identified { get; set; }

    public bool SignsInThisVisit => !Identified && Visits >= IdentifyAtVisit;
}

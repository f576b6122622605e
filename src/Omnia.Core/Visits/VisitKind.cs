namespace Omnia.Core.Visits;

/// <summary>Where a visit happened.</summary>
public enum VisitKind : byte
{
    /// <summary>A browser on a desktop, phone or tablet.</summary>
    Web,

    /// <summary>The mobile app.</summary>
    App,

    /// <summary>Our own message reaching the person (sent, delivered, opened, clicked), reported by a provider.</summary>
    Message,

    /// <summary>Anything else reported by a server: a store purchase, a call, a support ticket, an import.</summary>
    Offline,
}

namespace Omnia.Core.Demo;

public static partial class DemoDataset
{
    /// <summary>
    /// The showcase person, Maya Jensen: she browses anonymously on a laptop (from Google) and on her
    /// phone's browser (from an Instagram ad), signs in on the app, then on both browsers, clicks a
    /// newsletter, buys online, buys in a store giving only her email, and opens a support ticket.
    /// All of it must resolve to one profile. The values are the same for every seed.
    /// </summary>
    public static class Showcase
    {
        public const string UserId = "user_maya_jensen";
        public const string Email = "maya.jensen@example.com";
        public const string Phone = "(415) 555-0134";
        public const string FirstName = "Maya";
        public const string LastName = "Jensen";
        public const string Name = "Maya Jensen";
        public const string City = "San Francisco";

        /// <summary>Her laptop browser; she first arrives there from Google organic search.</summary>
        public const string LaptopAnonymousId = "3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a9c14";

        /// <summary>Her phone's browser; she first arrives there from an Instagram paid-social ad.</summary>
        public const string PhoneAnonymousId = "b81e5d02-7c3a-4f19-a6d4-2e9f0c8b1a57";

        /// <summary>The anonymous id of the app install, before she signs in there.</summary>
        public const string AppAnonymousId = "e4a09c73-1d5b-4e8f-b2c6-7a3d9f1e0b28";

        /// <summary>The iPhone's <c>context.device.id</c> reported by the app.</summary>
        public const string AppDeviceId = "9C2E4B71-5A3D-4F86-B0E2-D17A6C3F8E95";

        /// <summary>Her online order (placed after the newsletter click).</summary>
        public const string OnlineOrderId = "NW-MAYA-01";

        /// <summary>Her store purchase at Union Square, identified by email only.</summary>
        public const string StoreOrderId = "POS-SF-MAYA-01";
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Omnia.Core.Journeys;

namespace Omnia.Core.Messaging;

/// <summary>Writes the canonical contact policy JSON: every channel's consent, then caps, quiet hours and the control group when set.</summary>
internal static class ContactPolicyJsonWriter
{
    public static string Write(ContactPolicy policy)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", ContactPolicy.CurrentVersion);
            w.WriteStartObject("consent");
            foreach (var channel in MessageChannels.All)
                w.WriteString(channel, policy.ConsentFor(channel) switch { ConsentMode.OptIn => "optIn", ConsentMode.OptOut => "optOut", _ => "none" });
            w.WriteEndObject();
            if (policy.Caps.Count > 0)
            {
                w.WriteStartArray("caps");
                foreach (var cap in policy.Caps)
                {
                    w.WriteStartObject();
                    if (cap.Channel is not null)
                        w.WriteString("channel", cap.Channel);
                    w.WriteNumber("max", cap.Max);
                    w.WriteNumber("days", cap.Days);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (policy.QuietHours is { } quiet)
            {
                w.WriteStartObject("quietHours");
                w.WriteString("from", quiet.From.ToString("HH:mm", CultureInfo.InvariantCulture));
                w.WriteString("to", quiet.To.ToString("HH:mm", CultureInfo.InvariantCulture));
                w.WriteString("action", quiet.Action == QuietHoursAction.Defer ? "defer" : "skip");
                if (quiet.Channels.Count > 0)
                {
                    w.WriteStartArray("channels");
                    foreach (var channel in quiet.Channels)
                        w.WriteStringValue(channel);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            if (policy.ControlGroupPercent > 0)
            {
                w.WriteStartObject("controlGroup");
                w.WriteNumber("percent", policy.ControlGroupPercent);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

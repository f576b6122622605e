using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Lifecycle;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Processing;

/// <summary>
/// The binary form of one profile in a snapshot: identifiers, state, every event (name, type, time, position,
/// channel, kept properties), audiences and merges. Names repeat a lot within a profile (event names, channels,
/// property names), so each record starts with its own table of distinct strings and refers to them by index.
/// </summary>
internal static class SnapshotRecords
{
    public static void Write(BinaryWriter writer, ProfileEntry entry, IReadOnlyList<Identifier> identifiers)
    {
        var strings = new StringTable();
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
            WriteBody(w, entry, identifiers, strings);
        writer.Write7BitEncodedInt(strings.Count);
        foreach (var s in strings.Items)
            writer.Write(s);
        writer.Write(body.GetBuffer(), 0, (int)body.Length);
    }

    public static ProfileEntry Read(BinaryReader reader, Func<string, string> intern, out Identifier[] identifiers)
    {
        var strings = new string[reader.Read7BitEncodedInt()];
        for (var i = 0; i < strings.Length; i++)
            strings[i] = intern(reader.ReadString());
        string S() => strings[reader.Read7BitEncodedInt()];
        string? N() => reader.Read7BitEncodedInt() is var i and > 0 ? strings[i - 1] : null;

        var state = new ProfileState { Id = reader.ReadInt64(), WorkspaceId = reader.ReadInt32() };
        identifiers = new Identifier[reader.Read7BitEncodedInt()];
        for (var i = 0; i < identifiers.Length; i++)
            identifiers[i] = new Identifier(S(), reader.ReadString());

        var traits = reader.Read7BitEncodedInt();
        for (var i = 0; i < traits; i++)
            state.Traits[S()] = new TraitValue(ReadValue(reader, S), Time(reader));
        state.FirstSeen = Time(reader);
        state.LastSeen = Time(reader);
        state.EventCount = reader.ReadInt64();
        state.OrderCount = reader.ReadInt32();
        state.Revenue = reader.ReadDecimal();
        state.LastOrderAt = reader.ReadBoolean() ? Time(reader) : null;
        if (reader.ReadBoolean())
            state.Acquisition = new Acquisition(S(), N(), N(), N(), Time(reader));
        var consents = reader.Read7BitEncodedInt();
        for (var i = 0; i < consents; i++)
            state.Consent[S()] = new ConsentState(reader.ReadBoolean(), Time(reader), S());
        ReadCounts(reader, state.ChannelCounts, S);
        ReadCounts(reader, state.CategoryCounts, S);
        if (reader.ReadBoolean())
            state.PushToken = new PushToken(reader.ReadString(), Time(reader));

        var entry = new ProfileEntry(state);
        var count = reader.Read7BitEncodedInt();
        var events = new ProfileEvent[count];
        for (var i = 0; i < count; i++)
        {
            var name = N();
            var type = (EventType)reader.ReadByte();
            var ticks = reader.ReadInt64();
            var seq = reader.ReadInt64();
            var channel = N();
            var campaign = N();
            var device = (DeviceType)reader.ReadByte();
            var propertyCount = reader.Read7BitEncodedInt();
            var properties = propertyCount == 0 ? [] : new EventProperty[propertyCount];
            for (var p = 0; p < properties.Length; p++)
                properties[p] = new EventProperty(S(), ReadValue(reader, S));
            events[i] = new ProfileEvent(name, type, ticks, new EventProperties(properties), seq, ChannelIds.Of(channel), CampaignIds.Of(campaign), device);
        }

        entry.SetEvents(events, count);
        if (reader.ReadBoolean())
        {
            var segments = new long[reader.Read7BitEncodedInt()];
            for (var i = 0; i < segments.Length; i++)
                segments[i] = reader.ReadInt64();
            DateTimeOffset? next = reader.ReadBoolean() ? Time(reader) : null;
            LifecycleStage? stage = reader.ReadBoolean() ? (LifecycleStage)reader.ReadByte() : null;
            entry.Audience = new StoredAudience(state.Id, segments, next) { LifecycleStage = stage, Persona = N() };
        }

        var merges = new MergeRecord[reader.Read7BitEncodedInt()];
        for (var i = 0; i < merges.Length; i++)
        {
            var (workspace, from, into, seq, at) = (reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), Time(reader));
            var moved = new Identifier[reader.Read7BitEncodedInt()];
            for (var m = 0; m < moved.Length; m++)
                moved[m] = new Identifier(S(), reader.ReadString());
            merges[i] = new MergeRecord(workspace, from, into, seq, at, moved);
        }

        entry.Merges = merges;
        var instances = new Journeys.JourneyInstance[reader.Read7BitEncodedInt()];
        for (var i = 0; i < instances.Length; i++)
            instances[i] = System.Text.Json.JsonSerializer.Deserialize<Journeys.JourneyInstance>(reader.ReadString(), Journeys.OutboxItem.Json)!;
        entry.Instances = instances;
        var entries = new (long, Journeys.EntryRecord)[reader.Read7BitEncodedInt()];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = (reader.ReadInt64(), new Journeys.EntryRecord(reader.ReadBoolean() ? reader.ReadString() : null, Time(reader), reader.ReadBoolean() ? Time(reader) : null));
        entry.EntryLog = entries;
        var dates = new (long, Journeys.DateOccurrence)[reader.Read7BitEncodedInt()];
        for (var i = 0; i < dates.Length; i++)
            dates[i] = (reader.ReadInt64(), new Journeys.DateOccurrence(Time(reader), reader.ReadString()));
        entry.DateWakes = dates;
        return entry;
    }

    private static void WriteBody(BinaryWriter w, ProfileEntry entry, IReadOnlyList<Identifier> identifiers, StringTable strings)
    {
        var state = entry.State;
        void S(string value) => w.Write7BitEncodedInt(strings.Index(value));
        void N(string? value) => w.Write7BitEncodedInt(value is null ? 0 : strings.Index(value) + 1);

        w.Write(state.Id);
        w.Write(state.WorkspaceId);
        w.Write7BitEncodedInt(identifiers.Count);
        foreach (var id in identifiers)
        {
            S(id.Type);
            w.Write(id.Value);
        }

        w.Write7BitEncodedInt(state.Traits.Count);
        foreach (var (name, trait) in state.Traits)
        {
            S(name);
            WriteValue(w, trait.Value, S);
            Time(w, trait.At);
        }

        Time(w, state.FirstSeen);
        Time(w, state.LastSeen);
        w.Write(state.EventCount);
        w.Write(state.OrderCount);
        w.Write(state.Revenue);
        w.Write(state.LastOrderAt is not null);
        if (state.LastOrderAt is { } lastOrder)
            Time(w, lastOrder);
        w.Write(state.Acquisition is not null);
        if (state.Acquisition is { } acquisition)
        {
            S(acquisition.Channel);
            N(acquisition.Campaign);
            N(acquisition.Source);
            N(acquisition.Medium);
            Time(w, acquisition.At);
        }

        w.Write7BitEncodedInt(state.Consent.Count);
        foreach (var (channel, consent) in state.Consent)
        {
            S(channel);
            w.Write(consent.Subscribed);
            Time(w, consent.At);
            S(consent.Reason);
        }

        WriteCounts(w, state.ChannelCounts, S);
        WriteCounts(w, state.CategoryCounts, S);
        w.Write(state.PushToken is not null);
        if (state.PushToken is { } push)
        {
            w.Write(push.Token);
            Time(w, push.At);
        }

        var events = entry.Events;
        w.Write7BitEncodedInt(events.Length);
        foreach (ref readonly var e in events)
        {
            N(e.Name);
            w.Write((byte)e.Type);
            w.Write(e.UtcTicks);
            w.Write(e.Seq);
            N(e.Channel);
            N(e.Campaign);
            w.Write((byte)e.Device);
            w.Write7BitEncodedInt(e.Properties.Count);
            foreach (var property in e.Properties.Items)
            {
                S(property.Name);
                WriteValue(w, property.Value, S);
            }
        }

        w.Write(entry.Audience is not null);
        if (entry.Audience is { } audience)
        {
            w.Write7BitEncodedInt(audience.Segments.Count);
            foreach (var segment in audience.Segments)
                w.Write(segment);
            w.Write(audience.NextChange is not null);
            if (audience.NextChange is { } next)
                Time(w, next);
            w.Write(audience.LifecycleStage is not null);
            if (audience.LifecycleStage is { } stage)
                w.Write((byte)stage);
            N(audience.Persona);
        }

        w.Write7BitEncodedInt(entry.Merges.Length);
        foreach (var merge in entry.Merges)
        {
            w.Write(merge.WorkspaceId);
            w.Write(merge.From);
            w.Write(merge.Into);
            w.Write(merge.Seq);
            Time(w, merge.At);
            w.Write7BitEncodedInt(merge.Moved.Count);
            foreach (var id in merge.Moved)
            {
                S(id.Type);
                w.Write(id.Value);
            }
        }

        w.Write7BitEncodedInt(entry.Instances.Length);
        foreach (var instance in entry.Instances)
            w.Write(System.Text.Json.JsonSerializer.Serialize(instance, Journeys.OutboxItem.Json));
        w.Write7BitEncodedInt(entry.EntryLog.Length);
        foreach (var (journeyId, record) in entry.EntryLog)
        {
            w.Write(journeyId);
            w.Write(record.Key is not null);
            if (record.Key is not null)
                w.Write(record.Key);
            Time(w, record.EnteredAt);
            w.Write(record.ExitedAt is not null);
            if (record.ExitedAt is { } exited)
                Time(w, exited);
        }

        w.Write7BitEncodedInt(entry.DateWakes.Length);
        foreach (var (journeyId, next) in entry.DateWakes)
        {
            w.Write(journeyId);
            Time(w, next.At);
            w.Write(next.Key);
        }
    }

    private static void WriteCounts(BinaryWriter w, Dictionary<string, int> counts, Action<string> s)
    {
        w.Write7BitEncodedInt(counts.Count);
        foreach (var (key, count) in counts)
        {
            s(key);
            w.Write(count);
        }
    }

    private static void ReadCounts(BinaryReader r, Dictionary<string, int> counts, Func<string> s)
    {
        var n = r.Read7BitEncodedInt();
        for (var i = 0; i < n; i++)
            counts[s()] = r.ReadInt32();
    }

    /// <summary>An instant as UTC ticks plus its offset in minutes, so it reads back exactly as it was.</summary>
    private static void Time(BinaryWriter w, DateTimeOffset value)
    {
        w.Write(value.UtcTicks);
        w.Write((short)value.Offset.TotalMinutes);
    }

    private static DateTimeOffset Time(BinaryReader r)
    {
        var ticks = r.ReadInt64();
        var offset = TimeSpan.FromMinutes(r.ReadInt16());
        return ticks == DateTimeOffset.MinValue.UtcTicks || ticks == DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset);
    }

    private static void WriteValue(BinaryWriter w, EventValue value, Action<string> s)
    {
        w.Write((byte)value.Kind);
        switch (value.Kind)
        {
            case EventValueKind.String:
                w.Write(value.String!);
                break;
            case EventValueKind.Number:
                var exact = value.TryGetDecimal(out var number);
                w.Write(exact);
                if (exact)
                    w.Write(number);
                else
                    w.Write(value.ToJson());
                break;
            case EventValueKind.Array:
                w.Write7BitEncodedInt(value.Items.Count);
                foreach (var item in value.Items)
                    WriteValue(w, item, s);
                break;
            case EventValueKind.Object:
                w.Write(value.ObjectJson!);
                break;
        }
    }

    private static EventValue ReadValue(BinaryReader r, Func<string> s)
    {
        var kind = (EventValueKind)r.ReadByte();
        switch (kind)
        {
            case EventValueKind.String:
                return EventValue.Of(r.ReadString());
            case EventValueKind.Number:
                return r.ReadBoolean() ? EventValue.Of(r.ReadDecimal()) : EventValue.Number(r.ReadString());
            case EventValueKind.True:
                return EventValue.True;
            case EventValueKind.False:
                return EventValue.False;
            case EventValueKind.Null:
                return EventValue.Null;
            case EventValueKind.Array:
                var items = new EventValue[r.Read7BitEncodedInt()];
                for (var i = 0; i < items.Length; i++)
                    items[i] = ReadValue(r, s);
                return EventValue.List(items);
            case EventValueKind.Object:
                return EventValue.ObjectFromJson(r.ReadString());
            case EventValueKind.Undefined:
                return default;
            default:
                throw new InvalidDataException($"Unknown value kind {kind} in a snapshot.");
        }
    }

    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public List<string> Items { get; } = [];

        public int Count => Items.Count;

        public int Index(string value)
        {
            if (!_index.TryGetValue(value, out var i))
            {
                i = Items.Count;
                _index.Add(value, i);
                Items.Add(value);
            }

            return i;
        }
    }
}

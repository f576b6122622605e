using System.Globalization;
using System.Text;
using Omnia.Core.Audiences;
using Omnia.Core.Identity;
using Omnia.Core.Lifecycle;
using Omnia.Core.Profiles;
using Omnia.Server.Audiences;

namespace Omnia.Server.Profiles;

/// <summary>
/// Lists of profiles for the API, the dashboard and exports: filters given as query parameters (segment slug,
/// persona key, lifecycle stage, trait and value, channel, acquisition channel, text), a sort, true counts, pages,
/// and a CSV export of any list or segment streamed in chunks, so millions of rows never sit in memory at once.
/// </summary>
public sealed class ProfileLists(IProfileStore profiles, IAudienceStore audiences, AudienceModels models)
{
    /// <summary>The sorts a list offers, by their API names.</summary>
    public static IReadOnlyDictionary<string, ProfileSort> Sorts { get; } = new Dictionary<string, ProfileSort>(StringComparer.Ordinal)
    {
        ["lastSeen"] = ProfileSort.LastSeen,
        ["firstSeen"] = ProfileSort.FirstSeen,
        ["events"] = ProfileSort.Events,
        ["orders"] = ProfileSort.Orders,
        ["revenue"] = ProfileSort.Revenue,
    };

    /// <summary>The columns an export can have besides <c>trait:NAME</c> columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "name", "email", "user_id", "phone", "events", "orders", "revenue", "first_seen", "last_seen", "acquisition_channel", "lifecycle_stage", "persona"];

    /// <summary>The columns of an export unless others are asked for.</summary>
    public static IReadOnlyList<string> DefaultColumns { get; } = ["id", "name", "email", "user_id", "events", "orders", "revenue", "last_seen", "lifecycle_stage"];

    /// <summary>Reads the filters; a value that names nothing (an unknown segment, stage or sort) is an error that lists what exists.</summary>
    public async Task<(ProfileQuery? Query, string? Error)> ParseAsync(int workspaceId, ProfileListRequest request, CancellationToken ct = default)
    {
        long? segmentId = null;
        if (!string.IsNullOrWhiteSpace(request.Segment))
        {
            var model = await models.ForAsync(workspaceId, ct);
            var segment = model.Segments.FirstOrDefault(s => s.Slug == request.Segment.Trim());
            if (segment is null)
            {
                return (null, $"There is no segment '{request.Segment}'. Segments: {string.Join(", ", model.Segments.Select(s => s.Slug).Order(StringComparer.Ordinal))}.");
            }

            segmentId = segment.Id;
        }

        LifecycleStage? stage = null;
        if (!string.IsNullOrWhiteSpace(request.Stage))
        {
            if (!LifecycleStages.TryParse(request.Stage.Trim(), out var parsed))
            {
                return (null, $"'{request.Stage}' is not a lifecycle stage; use one of {string.Join(", ", LifecycleStages.Names)}.");
            }

            stage = parsed;
        }

        var sort = ProfileSort.LastSeen;
        if (!string.IsNullOrWhiteSpace(request.Sort) && !Sorts.TryGetValue(request.Sort.Trim(), out sort))
        {
            return (null, $"'{request.Sort}' is not a sort; use one of {string.Join(", ", Sorts.Keys)}.");
        }

        bool descending = true;
        if (!string.IsNullOrWhiteSpace(request.Direction))
        {
            switch (request.Direction.Trim())
            {
                case "desc":
                    break;
                case "asc":
                    descending = false;
                    break;
                default:
                    return (null, $"'{request.Direction}' is not a direction; use asc or desc.");
            }
        }

        return (new ProfileQuery
        {
            Text = Blank(request.Q),
            SegmentId = segmentId,
            Persona = Blank(request.Persona),
            Stage = stage,
            Trait = Blank(request.Trait),
            TraitValue = Blank(request.Value),
            Channel = Blank(request.Channel),
            AcquisitionChannel = Blank(request.Acquisition),
            Sort = sort,
            Descending = descending,
        }, null);
    }

    /// <summary>One page of a list and how many profiles the whole list has.</summary>
    public async Task<ProfileList> PageAsync(int workspaceId, ProfileQuery query, int offset, int limit, CancellationToken ct = default)
    {
        var ids = await profiles.QueryAsync(workspaceId, query, ct);
        var page = ids.Skip(offset).Take(limit).ToList();
        var rows = await RowsAsync(page, ct);
        return new ProfileList(ids.Count, offset, rows.Select(r => r.Summary).ToList(), offset + page.Count < ids.Count ? offset + page.Count : null);
    }

    /// <summary>
    /// Writes every profile of a list as CSV (header first; values quoted where needed), <paramref name="chunk"/>
    /// profiles at a time. Unknown columns are an error before anything is written.
    /// </summary>
    public async Task WriteCsvAsync(int workspaceId, ProfileQuery query, IReadOnlyList<string> columns, Stream output, int chunk = 2_000, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(output);
        var ids = await profiles.QueryAsync(workspaceId, query, ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(",", columns.Select(Csv)));
        foreach (var page in ids.Chunk(chunk))
        {
            foreach (var row in await RowsAsync(page, ct))
            {
                await writer.WriteLineAsync(string.Join(",", columns.Select(c => Csv(row.Value(c)))));
            }

            await writer.FlushAsync(ct);
        }
    }

    /// <summary>An error for columns that do not exist, or null.</summary>
    public static string? CheckColumns(IReadOnlyList<string> columns) =>
        columns.FirstOrDefault(c => !Columns.Contains(c) && !(c.StartsWith("trait:", StringComparison.Ordinal) && c.Length > 6)) is { } unknown
            ? $"'{unknown}' is not a column; use {string.Join(", ", Columns)} or trait:NAME."
            : null;

    private async Task<List<Row>> RowsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var states = (await profiles.GetManyAsync(ids, ct)).ToDictionary(s => s.Id);
        var stored = await audiences.GetAsync(ids, ct);
        var rows = new List<Row>(ids.Count);
        foreach (var id in ids)
        {
            if (!states.TryGetValue(id, out var state))
            {
                continue; // merged away since the list was made
            }

            var identifiers = await profiles.IdentifiersAsync(id, ct);
            rows.Add(new Row(state, identifiers, stored.GetValueOrDefault(id)));
        }

        return rows;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
        bool formula = value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _);
        if (formula)
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || formula ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private sealed record Row(ProfileState State, IReadOnlyList<Identifier> Identifiers, Omnia.Core.Audiences.StoredAudience? Audience)
    {
        public ProfileSummary Summary => ProfileSummary.From(State, Identifiers) with
        {
            LifecycleStage = Audience?.LifecycleStage is { } stage ? LifecycleStages.Name(stage) : null,
        };

        public string? Value(string column) => column switch
        {
            "id" => ProfileIds.Format(State.Id),
            "name" => Summary.Name,
            "email" => Summary.Email,
            "user_id" => Identifier(IdentifierTypes.UserId),
            "phone" => Identifier(IdentifierTypes.Phone),
            "events" => State.EventCount.ToString(CultureInfo.InvariantCulture),
            "orders" => State.OrderCount.ToString(CultureInfo.InvariantCulture),
            "revenue" => State.Revenue.ToString(CultureInfo.InvariantCulture),
            "first_seen" => State.EventCount == 0 ? null : Omnia.Core.Events.SegmentRequest.Iso(State.FirstSeen),
            "last_seen" => State.EventCount == 0 ? null : Omnia.Core.Events.SegmentRequest.Iso(State.LastSeen),
            "acquisition_channel" => State.Acquisition?.Channel,
            "lifecycle_stage" => Summary.LifecycleStage,
            "persona" => Audience?.Persona,
            _ when column.StartsWith("trait:", StringComparison.Ordinal) && State.Traits.TryGetValue(column[6..], out var trait) => trait.Value.ToString(),
            _ => null,
        };

        private string? Identifier(string type) => Identifiers.FirstOrDefault(i => i.Type == type).Value;
    }
}

/// <summary>A list's filters as query parameters give them.</summary>
public sealed record ProfileListRequest(
    string? Q, string? Segment, string? Persona, string? Stage, string? Trait, string? Value, string? Channel, string? Acquisition, string? Sort, string? Direction);

/// <summary>A page of profiles, the size of the whole list, and the offset of the next page (null: last page).</summary>
public sealed record ProfileList(long Total, int Offset, IReadOnlyList<ProfileSummary> Profiles, int? Next);

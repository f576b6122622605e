namespace Omnia.Bench.Recompute;

/// <summary>
/// One behavioural windowed segment as Omnia stores it, and the SQL a DBA would write for the same membership over
/// the <c>events</c> table (one or more variants). Every query returns the member count and the sum of the
/// members' ids, which Omnia's run must reproduce exactly; <c>$1</c> is the evaluation instant.
/// The session time zone is UTC, so <c>interval 'N days'</c> is exactly N × 24 hours, as in Omnia's <c>Nd</c>,
/// and <c>ts &gt; $1 − window</c> is Omnia's "counts while now &lt; time + window".
/// </summary>
public sealed record RecomputeCase(string Label, string SegmentJson, IReadOnlyList<RecomputeSql> Postgres)
{
    public static IReadOnlyList<RecomputeCase> All { get; } =
    [
        new(
            "Order Completed, sum(revenue) ≥ 500, last 90 days",
            """{"version":1,"name":"Big spenders","condition":{"event":{"name":"Order Completed","aggregate":{"fn":"sum","property":"revenue","op":"gte","value":500},"window":{"last":"90d"}}}}""",
            [
                new("jsonb properties", """
                    SELECT count(*), coalesce(sum(profile_id), 0) FROM (
                      SELECT profile_id FROM events
                      WHERE name = 'Order Completed' AND ts > $1 - interval '90 days'
                      GROUP BY profile_id
                      HAVING sum((properties->>'revenue')::numeric) >= 500) members
                    """),
                new("typed revenue column", """
                    SELECT count(*), coalesce(sum(profile_id), 0) FROM (
                      SELECT profile_id FROM events
                      WHERE name = 'Order Completed' AND ts > $1 - interval '90 days'
                      GROUP BY profile_id
                      HAVING sum(revenue) >= 500) members
                    """),
            ]),
        new(
            "Product Viewed at least 3 times, last 7 days",
            """{"version":1,"name":"Frequent viewers","condition":{"event":{"name":"Product Viewed","count":{"op":"atLeast","value":3},"window":{"last":"7d"}}}}""",
            [
                new("count", """
                    SELECT count(*), coalesce(sum(profile_id), 0) FROM (
                      SELECT profile_id FROM events
                      WHERE name = 'Product Viewed' AND ts > $1 - interval '7 days'
                      GROUP BY profile_id
                      HAVING count(*) >= 3) members
                    """),
            ]),
    ];
}

/// <summary>A PostgreSQL query for a <see cref="RecomputeCase"/>.</summary>
public sealed record RecomputeSql(string Variant, string Sql);

namespace Omnia.Core.Workspaces;

/// <summary>What a user or admin key may do. Ordered: each role can do everything the ones below it can.</summary>
public enum Role
{
    /// <summary>Reads dashboards, profiles and reports.</summary>
    Viewer = 0,

    /// <summary>Viewer, plus builds reports and attribution models.</summary>
    Analyst = 1,

    /// <summary>Analyst, plus builds segments, content and journeys.</summary>
    Marketer = 2,

    /// <summary>Everything, including sources, keys, users and settings.</summary>
    Owner = 3,
}

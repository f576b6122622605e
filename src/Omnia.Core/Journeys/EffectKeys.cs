using System.Globalization;

namespace Omnia.Core.Journeys;

/// <summary>
/// The idempotency keys of effects: <c>{journey}:{version}:{instance}:{node}:{visit}:{kind}</c> for what a step does
/// on one visit (kind <c>step</c>, <c>send</c>, <c>webhook</c>, <c>update</c>, <c>wake</c>), and
/// <c>{journey}:{version}:{instance}:exit</c> / <c>…:goal</c> for what happens once per instance. Node ids hold no
/// colon, so keys never collide.
/// </summary>
public static class EffectKeys
{
    /// <summary>The key of what step <paramref name="node"/> does on its <paramref name="visit"/>-th visit.</summary>
    public static string Step(JourneyInstance instance, string node, int visit, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{instance.JourneyId}:{instance.Version}:{instance.Id}:{node}:{visit}:{kind}");

    /// <summary>The key of something that happens once per instance (<c>exit</c>, <c>goal</c>).</summary>
    public static string Once(JourneyInstance instance, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{instance.JourneyId}:{instance.Version}:{instance.Id}:{kind}");
}

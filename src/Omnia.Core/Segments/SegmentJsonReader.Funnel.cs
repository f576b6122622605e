using System.Text.Json;
using Omnia.Core.Funnels;

namespace Omnia.Core.Segments;

/// <summary>Reads funnel steps, shared by saved funnels and the <c>funnel</c> segment condition.</summary>
internal sealed partial class SegmentJsonReader
{
    private static readonly string[] FunnelStepKeys = ["name", "type", "where", "label"];
    private static readonly string[] FunnelConditionKeys = ["steps", "within", "order", "droppedAfter", "period"];
    private static readonly string[] FunnelOrderWords = ["strict", "any"];

    /// <summary>Reads <c>steps</c>, <c>within</c> and <c>order</c> of <paramref name="element"/> (other keys are the caller's to check).</summary>
    internal FunnelSpec? ReadFunnelSpecFields(JsonElement element, string path)
    {
        var before = _errors.Count;
        var steps = new List<FunnelStep>();
        var stepsPath = Join(path, "steps");
        if (!element.TryGetProperty("steps", out var stepsElement))
        {
            Error(stepsPath, "required: the funnel's steps in order, e.g. [{\"name\":\"Product Viewed\"},{\"name\":\"Order Completed\"}]");
        }
        else if (stepsElement.ValueKind != JsonValueKind.Array)
        {
            Error(stepsPath, $"must be a list of steps, not {Describe(stepsElement)}");
        }
        else
        {
            var count = stepsElement.GetArrayLength();
            if (count is < FunnelSpec.MinSteps or > FunnelSpec.MaxSteps)
                Error(stepsPath, $"has {count} step(s); a funnel has {FunnelSpec.MinSteps} to {FunnelSpec.MaxSteps}");
            var index = 0;
            foreach (var item in stepsElement.EnumerateArray())
            {
                var stepPath = $"{stepsPath}[{index++}]";
                if (!ExpectObject(item, stepPath, "{\"name\":\"Checkout Started\",\"label\":\"Checkout\"}"))
                    continue;
                CheckKeys(item, stepPath, FunnelStepKeys);
                var filter = ReadFilterFields(item, stepPath);
                string? label = null;
                if (item.TryGetProperty("label", out var labelElement))
                {
                    label = NonBlankText(labelElement, Join(stepPath, "label"), "a short name for the step, e.g. \"Checkout\"");
                    if (label is { Length: > 80 })
                        Error(Join(stepPath, "label"), $"is {label.Length} characters long; use at most 80");
                }

                if (filter is not null)
                    steps.Add(new FunnelStep(filter, label));
            }
        }

        var within = FunnelSpec.DefaultWithin;
        if (element.TryGetProperty("within", out var withinElement) && ReadDuration(withinElement, Join(path, "within")) is { } read)
            within = read;

        var order = FunnelOrder.Strict;
        if (element.TryGetProperty("order", out var orderElement))
        {
            var word = orderElement.ValueKind == JsonValueKind.String ? orderElement.GetString() : null;
            var index = word is null ? -1 : Array.IndexOf(FunnelOrderWords, word);
            if (index < 0)
                Error(Join(path, "order"), $"{Describe(orderElement)} is not one of strict (each step after the one before), any (steps in any order)");
            else
                order = (FunnelOrder)index;
        }

        return _errors.Count == before ? new FunnelSpec(steps, within, order) : null;
    }

    private FunnelCondition? ReadFunnel(JsonElement value, string path)
    {
        if (!ExpectObject(value, path, "{\"steps\":[…],\"within\":\"7d\",\"droppedAfter\":1,\"period\":{\"from\":\"2026-11-01\",\"to\":\"2026-12-01\"}}"))
            return null;
        var before = _errors.Count;
        CheckKeys(value, path, FunnelConditionKeys);
        var spec = ReadFunnelSpecFields(value, path);
        var droppedAfter = 0;
        var droppedPath = Join(path, "droppedAfter");
        if (!value.TryGetProperty("droppedAfter", out var droppedElement))
            Error(droppedPath, "required: the last step the people reached, 1 for \"did step 1 but not step 2\"");
        else if (droppedElement.ValueKind != JsonValueKind.Number || !droppedElement.TryGetInt32(out droppedAfter))
            Error(droppedPath, $"{Describe(droppedElement)} is not a step number");
        else if (spec is not null && (droppedAfter < 1 || droppedAfter >= spec.Steps.Count))
            Error(droppedPath, $"{droppedAfter} is not a step people can drop out after; use 1 to {spec.Steps.Count - 1}");

        var period = new BetweenWindow(null, null);
        if (value.TryGetProperty("period", out var periodElement))
        {
            var window = ReadWindow(periodElement, Join(path, "period"));
            if (window is BetweenWindow between)
                period = between;
            else if (window is not null)
                Error(Join(path, "period"), "must be fixed dates, {\"from\":\"2026-11-01\",\"to\":\"2026-12-01\"}: a funnel's dropouts do not change with time alone");
        }

        return _errors.Count == before && spec is not null ? new FunnelCondition(spec, droppedAfter, period) : null;
    }
}

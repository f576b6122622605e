using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// Checks a journey's graph once its nodes read well: every id unique and every edge leading to a node, every node
/// reachable from the start, no loop an instance could go round without waiting, the depth limit, <c>"channel":"choose"</c>
/// only after a choose-channel step on every path, and last-message tests naming send steps. Errors carry the path
/// of the node or edge at fault (<c>nodes[2].next</c>).
/// </summary>
internal static class JourneyGraph
{
    public static void Check(JourneyDefinition journey, SegmentJsonReader r)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < journey.Nodes.Count; i++)
        {
            if (!index.TryAdd(journey.Nodes[i].Id, i))
                r.Error($"nodes[{i}].id", $"'{journey.Nodes[i].Id}' is already the id of nodes[{index[journey.Nodes[i].Id]}]; give each node its own id");
        }
        var ids = Ids(journey);
        var edgesOk = true;
        if (!index.ContainsKey(journey.Start))
        {
            r.Error("start", $"'{journey.Start}' is not a node id; ids are {ids}");
            edgesOk = false;
        }
        for (var i = 0; i < journey.Nodes.Count; i++)
        {
            foreach (var edge in journey.Nodes[i].Edges)
            {
                if (!index.ContainsKey(edge.Target))
                {
                    r.Error($"nodes[{i}].{edge.Key}", $"'{edge.Target}' is not a node id; ids are {ids}");
                    edgesOk = false;
                }
            }
            if (journey.Nodes[i] is ConditionStep { If: LastMessageTest { Node: { } sendId } }
                && !(index.TryGetValue(sendId, out var send) && journey.Nodes[send] is SendStep))
            {
                r.Error($"nodes[{i}].if.lastMessage.node", $"'{sendId}' is not the id of a send step");
            }
        }
        if (!edgesOk || r.Errors.Count > 0)
            return;

        var reachable = Reachable(journey, index);
        for (var i = 0; i < journey.Nodes.Count; i++)
        {
            if (!reachable[i])
                r.Error($"nodes[{i}]", $"'{journey.Nodes[i].Id}' cannot be reached from the start ('{journey.Start}'); lead an edge or a jump to it, or remove it");
        }
        CheckLoops(journey, index, r);
        CheckDepth(journey, index, r);
        CheckChosenChannel(journey, index, reachable, r);
    }

    private static string Ids(JourneyDefinition journey)
    {
        var ids = journey.Nodes.Select(n => n.Id).ToList();
        return ids.Count <= 20 ? SegmentWords.OneOf(ids) : SegmentWords.OneOf(ids.Take(20)) + ", …";
    }

    private static int[] Targets(JourneyStep node, Dictionary<string, int> index) => node.Edges.Select(e => index[e.Target]).ToArray();

    private static bool[] Reachable(JourneyDefinition journey, Dictionary<string, int> index)
    {
        var seen = new bool[journey.Nodes.Count];
        var stack = new Stack<int>([index[journey.Start]]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (seen[node])
                continue;
            seen[node] = true;
            foreach (var next in Targets(journey.Nodes[node], index))
                stack.Push(next);
        }
        return seen;
    }

    /// <summary>Depth-first over the steps that do not pause: an edge back to a step on the stack closes a loop without a wait.</summary>
    private static void CheckLoops(JourneyDefinition journey, Dictionary<string, int> index, SegmentJsonReader r)
    {
        var state = new byte[journey.Nodes.Count]; // 0 unvisited, 1 on the stack, 2 done
        var path = new List<int>();
        for (var i = 0; i < journey.Nodes.Count; i++)
        {
            if (state[i] == 0 && !journey.Nodes[i].AlwaysPauses)
                Visit(i);
        }

        void Visit(int node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var edge in journey.Nodes[node].Edges)
            {
                var next = index[edge.Target];
                if (journey.Nodes[next].AlwaysPauses)
                    continue;
                if (state[next] == 1)
                {
                    var loop = path.Skip(path.IndexOf(next)).Append(next).Select(n => journey.Nodes[n].Id);
                    r.Error($"nodes[{node}].{edge.Key}",
                        $"'{edge.Target}' closes a loop without a wait ({string.Join(" → ", loop)}): an instance would go round it forever; put a wait or waitForEvent step in the loop");
                }
                else if (state[next] == 0)
                {
                    Visit(next);
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }
    }

    /// <summary>The longest path from the start, with edges back to a node on the current path (loops) left out.</summary>
    private static void CheckDepth(JourneyDefinition journey, Dictionary<string, int> index, SegmentJsonReader r)
    {
        var depth = new int[journey.Nodes.Count];
        var state = new byte[journey.Nodes.Count];
        var longest = Depth(index[journey.Start]);
        if (longest > JourneyDefinition.MaxDepth)
            r.Error("nodes", $"the longest path from the start passes {longest} nodes; keep it to {JourneyDefinition.MaxDepth} (split the journey, or loop back with a jump)");

        int Depth(int node)
        {
            if (state[node] == 2)
                return depth[node];
            state[node] = 1;
            var deepest = 0;
            foreach (var next in Targets(journey.Nodes[node], index))
            {
                if (state[next] != 1)
                    deepest = Math.Max(deepest, Depth(next));
            }
            state[node] = 2;
            return depth[node] = deepest + 1;
        }
    }

    /// <summary>
    /// Whether a channel has been chosen on every path into each node (a greatest fixed point: start with "yes"
    /// everywhere but the start and lower until stable); a choose-channel step's <c>next</c> edge carries "yes", its
    /// <c>none</c> edge what came in.
    /// </summary>
    private static void CheckChosenChannel(JourneyDefinition journey, Dictionary<string, int> index, bool[] reachable, SegmentJsonReader r)
    {
        if (!journey.Nodes.Any(n => n is SendStep { Channel: SendStep.Chosen }))
            return;
        var count = journey.Nodes.Count;
        var chosen = Enumerable.Repeat(true, count).ToArray();
        var start = index[journey.Start];
        chosen[start] = false;
        for (var changed = true; changed;)
        {
            changed = false;
            var incoming = Enumerable.Repeat(true, count).ToArray();
            incoming[start] = false;
            for (var i = 0; i < count; i++)
            {
                if (!reachable[i])
                    continue;
                foreach (var edge in journey.Nodes[i].Edges)
                {
                    var carries = chosen[i] || (journey.Nodes[i] is ChooseChannelStep && edge.Key == "next");
                    incoming[index[edge.Target]] &= carries;
                }
            }
            for (var i = 0; i < count; i++)
            {
                if (chosen[i] && !incoming[i])
                {
                    chosen[i] = false;
                    changed = true;
                }
            }
        }
        for (var i = 0; i < count; i++)
        {
            if (reachable[i] && journey.Nodes[i] is SendStep { Channel: SendStep.Chosen } && !chosen[i])
            {
                r.Error($"nodes[{i}].channel",
                    $"'choose' sends on the channel a chooseChannel step picked, but '{journey.Nodes[i].Id}' can be reached without passing one; add a chooseChannel step before it or name a channel");
            }
        }
    }
}

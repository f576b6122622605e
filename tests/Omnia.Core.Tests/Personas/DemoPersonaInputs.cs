using System.Text.Json;
using Omnia.Core.Demo;
using Omnia.Core.Events;
using Omnia.Core.Personas;
using Omnia.Core.Profiles;
using Omnia.Core.Tests.Demo;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Tests.Personas;

/// <summary>
/// Persona inputs from the demo dataset, built the way the server builds profiles (<see cref="ProfileProjector"/>
/// with the default channel rules) over a minimal identity resolution, with each profile's true behaviour mix
/// from the generator for checking.
/// </summary>
internal static class DemoPersonaInputs
{
    public static List<(PersonaInput Input, Persona Truth)> Build(DemoOptions options)
    {
        var events = DemoDataset.Generate(options).Select(json => (Json: json, Root: JsonDocument.Parse(json).RootElement.Clone())).ToList();
        var joins = IdentityJoins.Resolve(events.Select(e => e.Root));
        var personaOf = CustomerDirectory.Create(new DemoWorld(options), options.Customers)
            .ToDictionary(c => "userId:" + c.UserId, c => c.Persona, StringComparer.Ordinal);
        var rules = DefaultChannelRules.Create();
        var profiles = new Dictionary<string, (ProfileState State, Dictionary<string, int> Categories, List<string> Path)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (json, root) in events)
        {
            var key = joins.ProfileOfEvent(root);
            if (!profiles.TryGetValue(key, out var profile))
            {
                profile = (new ProfileState(), new Dictionary<string, int>(StringComparer.Ordinal), []);
                profiles[key] = profile;
                order.Add(key);
            }

            var input = TouchpointInput.FromEvent(root);
            var touchpoint = TouchpointClassifier.Classify(in input, rules);
            ProfileProjector.Apply(profile.State, LogEventOf(json, root), root, touchpoint);
            if (profile.Path.Count == 0 || profile.Path[^1] != touchpoint.Channel)
            {
                profile.Path.Add(touchpoint.Channel);
            }

            foreach (var category in CategoriesOf(root))
            {
                profile.Categories[category] = profile.Categories.GetValueOrDefault(category) + 1;
            }
        }

        var people = new List<(PersonaInput, Persona)>();
        foreach (var key in order)
        {
            var (state, categories, path) = profiles[key];
            var userIds = joins.UserIdsIn(key);
            // The showcase person is scripted, not drawn from a behaviour mix.
            if (userIds.Count > 0 && !personaOf.ContainsKey(userIds.First()))
            {
                continue;
            }

            var truth = userIds.Count > 0 ? personaOf[userIds.First()] : Persona.AnonymousVisitor;
            people.Add((new PersonaInput(state, categories, path), truth));
        }

        return people;
    }

    private static LogEvent LogEventOf(string json, JsonElement root)
    {
        EventTypes.TryParse(root.Str("type"), out var type);
        var timestamp = DateTimeOffset.Parse(root.Str("timestamp")!, System.Globalization.CultureInfo.InvariantCulture);
        return new LogEvent(0, 1, 1, root.Str("messageId")!, type, root.Str("event"), root.UserId(), root.AnonymousId(), timestamp, timestamp, json);
    }

    private static IEnumerable<string> CategoriesOf(JsonElement root)
    {
        if (!root.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (properties.TryGetProperty("category", out var category) && category.ValueKind == JsonValueKind.String)
        {
            yield return category.GetString()!;
        }

        if (properties.TryGetProperty("products", out var products) && products.ValueKind == JsonValueKind.Array)
        {
            foreach (var product in products.EnumerateArray())
            {
                if (product.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String)
                {
                    yield return c.GetString()!;
                }
            }
        }
    }
}

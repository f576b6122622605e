using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>
/// A compiled <see cref="EventFilter"/>: name (ordinal), type, then property filters looked up by
/// interned names, so matching an event allocates nothing for the common operators.
/// </summary>
internal sealed class EventMatcher
{
    private readonly string _name;
    private readonly EventType? _type;
    private readonly (string Property, ValueTest Test)[] _where;

    public EventMatcher(EventFilter filter)
    {
        _name = filter.Name;
        _type = filter.Type;
        _where = filter.Where.Select(w => (string.Intern(w.Property), new ValueTest(w.Op, w.Value))).ToArray();
    }

    public bool Matches(in ProfileEvent e)
    {
        if (!string.Equals(e.Name, _name, StringComparison.Ordinal) || (_type is { } type && e.Type != type))
            return false;
        foreach (var (property, test) in _where)
        {
            if (!test.Matches(e.Properties[property]))
                return false;
        }
        return true;
    }

}

namespace Omnia.Core.Segments;

/// <summary>Visits every condition of a tree.</summary>
internal static class ConditionWalker
{
    public static IReadOnlyList<string> Collect(Condition root, Func<Condition, string[]> select)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Visit(root);
        return found;

        void Visit(Condition condition)
        {
            foreach (var value in select(condition))
            {
                if (seen.Add(value))
                    found.Add(value);
            }
            switch (condition)
            {
                case AndCondition and:
                    foreach (var child in and.Conditions)
                        Visit(child);
                    break;
                case OrCondition or:
                    foreach (var child in or.Conditions)
                        Visit(child);
                    break;
                case NotCondition not:
                    Visit(not.Inner);
                    break;
            }
        }
    }
}

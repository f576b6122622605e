using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;

namespace Omnia.Core.Content;

/// <summary>
/// What a parsed template may not do: read other templates (<c>include</c>, <c>render</c>, <c>from</c>), use a filter
/// Fluid does not have (Fluid would silently pass the value through), or print unencoded values in an HTML part
/// (<c>| raw</c>). Positions are found by searching the source, since Fluid keeps none on its syntax tree.
/// </summary>
internal sealed partial class LiquidChecks : AstVisitor
{
    private readonly string _source;
    private readonly bool _isHtml;
    private readonly HashSet<string> _filters;
    private LiquidError? _error;

    private LiquidChecks(string source, bool isHtml, HashSet<string> filters)
    {
        _source = source;
        _isHtml = isHtml;
        _filters = filters;
    }

    public static LiquidError? Find(IFluidTemplate template, string source, bool isHtml, HashSet<string> filters)
    {
        var checks = new LiquidChecks(source, isHtml, filters);
        checks.VisitTemplate(template);
        return checks._error;
    }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement) =>
        Refuse("include", includeStatement) ?? base.VisitIncludeStatement(includeStatement);

    protected override Statement VisitRenderStatement(RenderStatement renderStatement) =>
        Refuse("render", renderStatement) ?? base.VisitRenderStatement(renderStatement);

    protected override Statement VisitFromStatement(FromStatement fromStatement) =>
        Refuse("from", fromStatement) ?? base.VisitFromStatement(fromStatement);

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        if (_error is null)
        {
            var name = filterExpression.Name;
            if (!_filters.Contains(name))
            {
                var hint = Closest(name) is { } close ? $"did you mean '{close}'? " : "";
                _error = LiquidError.At(_source, FilterOffset(name),
                    $"unknown filter '{name}'; {hint}filters are Liquid's standard ones, e.g. default, upcase, capitalize, date, round, times, truncate, url_encode");
            }
            else if (_isHtml && name == "raw")
            {
                _error = LiquidError.At(_source, FilterOffset(name),
                    "'raw' is not allowed in HTML: values are always HTML-encoded so a trait or event value cannot inject markup; remove '| raw'");
            }
        }
        return base.VisitFilterExpression(filterExpression);
    }

    private Statement? Refuse(string tag, Statement statement)
    {
        if (_error is null)
        {
            var match = TagPattern().Matches(_source).FirstOrDefault(m => m.Groups[1].Value == tag);
            _error = LiquidError.At(_source, match?.Index ?? 0,
                $"'{tag}' reads another template from a file, which content cannot do; paste the snippet into this template instead");
        }
        return statement;
    }

    private int FilterOffset(string name)
    {
        foreach (Match match in FilterPattern().Matches(_source))
        {
            if (match.Groups[1].Value == name)
                return match.Groups[1].Index;
        }
        return 0;
    }

    private string? Closest(string name) =>
        _filters.Where(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase) || Distance(f, name) <= 2)
            .OrderBy(f => Distance(f, name)).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    [GeneratedRegex(@"\{%-?\s*(include|render|from)\b")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\|\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex FilterPattern();
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;

namespace Omnia.Core.Content;

/// <summary>
/// One parsed Liquid template (Fluid) that renders safely: no file system (<c>include</c>, <c>render</c> and
/// <c>from</c> are refused when parsing), only Fluid's standard filters, values HTML-encoded in HTML parts (and
/// <c>| raw</c> refused there), at most <see cref="MaxSteps"/> steps, <see cref="MaxOutputChars"/> characters of
/// output and <see cref="MaxCollectionItems"/> items in a collection, invariant culture, and the clock and time zone
/// of the <see cref="RenderModel"/> (never the machine's). Missing values render as empty text, and
/// <c>{{ x | default: "there" }}</c> gives them a fallback.
/// </summary>
public sealed partial class LiquidTemplate
{
    /// <summary>The most steps (tags, outputs, loop iterations) one rendering may take.</summary>
    public const int MaxSteps = 200_000;

    /// <summary>The most characters one rendering may produce.</summary>
    public const int MaxOutputChars = 2_000_000;

    /// <summary>The most items a range or filter may materialise.</summary>
    public const int MaxCollectionItems = 10_000;

    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = false });

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithMaxSteps(MaxSteps)
        .WithMaxOutputSize(MaxOutputChars)
        .WithMaxCollectionSize(MaxCollectionItems)
        .WithMaxRecursion(20)
        .WithCultureInfo(CultureInfo.InvariantCulture)
        .WithTimeZone(TimeZoneInfo.Utc)
        .WithNow(static () => throw new InvalidOperationException("The render model gives the time."))
        .WithFileProvider(new DelegateTemplateFileProvider(static (_, _, _) => throw new InvalidOperationException("Templates cannot read files.")))
        .Build();

    /// <summary>Every filter a template may use: Fluid's standard set.</summary>
    public static IReadOnlyList<string> Filters { get; } = [.. Options.Filters.Select(f => f.Key).Order(StringComparer.Ordinal)];

    private static readonly HashSet<string> FilterSet = new(Filters, StringComparer.Ordinal);

    /// <summary>Encodes <c>&lt; &gt; &amp; " '</c> and the like but leaves letters of every script readable.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly IFluidTemplate _template;

    private LiquidTemplate(string source, bool isHtml, IFluidTemplate template)
    {
        Source = source;
        IsHtml = isHtml;
        _template = template;
    }

    /// <summary>The template text as written.</summary>
    public string Source { get; }

    /// <summary>Whether output values are HTML-encoded (HTML parts).</summary>
    public bool IsHtml { get; }

    /// <summary>Parses <paramref name="source"/>; null and the first error (with its line and column) when it cannot be used.</summary>
    public static LiquidTemplate? TryParse(string source, bool isHtml, out LiquidError? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Parser.TryParse(source, out var template, out var message))
        {
            error = FromParserMessage(source, message);
            return null;
        }
        error = LiquidChecks.Find(template, source, isHtml, FilterSet);
        return error is null ? new LiquidTemplate(source, isHtml, template) : null;
    }

    /// <summary>Renders with the values of <paramref name="scope"/>.</summary>
    /// <exception cref="ContentRenderException">The template failed at run time (a limit, a division by zero, …).</exception>
    public string Render(RenderScope scope, string part)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var context = new TemplateContext(Options, StringComparer.Ordinal)
        {
            Now = scope.Now,
            TimeZone = scope.TimeZone,
        };
        foreach (var (name, value) in scope.Values)
            context.SetValue(name, value);
        try
        {
            return IsHtml ? _template.Render(context, Html) : _template.Render(context, NullEncoder.Default);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ContentRenderException(part, e.Message, e);
        }
    }

    /// <summary>Fluid says "… at (2:9)\nSource:\n…"; turns that into a position and the message alone.</summary>
    private static LiquidError FromParserMessage(string source, string? message)
    {
        message ??= "the template cannot be read";
        var cut = message.IndexOf("\nSource:", StringComparison.Ordinal);
        if (cut >= 0)
            message = message[..cut];
        var match = PositionPattern().Match(message);
        if (match.Success
            && int.TryParse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture, out var line)
            && int.TryParse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture, out var column))
        {
            return new LiquidError(line, column, match.Groups[1].Value.Trim());
        }
        return LiquidError.At(source, 0, message.Trim());
    }

    [GeneratedRegex(@"^(.*) at \((\d+):(\d+)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex PositionPattern();
}

/// <summary>A template problem at a 1-based line and column.</summary>
public sealed record LiquidError(int Line, int Column, string Message)
{
    /// <summary>The error at character <paramref name="offset"/> of <paramref name="source"/>.</summary>
    public static LiquidError At(string source, int offset, string message)
    {
        int line = 1, column = 1;
        for (var i = 0; i < offset && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return new LiquidError(line, column, message);
    }

    /// <summary><c>line 2, column 9: An identifier was expected after the '|' sign</c>.</summary>
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}

/// <summary>A template failed while rendering (a limit was reached, a division by zero, …); the message was not produced.</summary>
public sealed class ContentRenderException : Exception
{
    public ContentRenderException(string part, string reason, Exception inner)
        : base($"{part}: {reason}", inner)
    {
        Part = part;
        Reason = reason;
    }

    public ContentRenderException()
    {
        Part = "";
        Reason = "";
    }

    public ContentRenderException(string message)
        : base(message)
    {
        Part = "";
        Reason = message;
    }

    public ContentRenderException(string message, Exception inner)
        : base(message, inner)
    {
        Part = "";
        Reason = message;
    }

    /// <summary>The part that failed, e.g. <c>email.html</c>.</summary>
    public string Part { get; }

    /// <summary>Why, in Fluid's words.</summary>
    public string Reason { get; }
}

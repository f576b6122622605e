using Microsoft.AspNetCore.Http.HttpResults;

namespace Omnia.Server;

/// <summary>RFC 7807 problem responses whose text tells a person what to fix.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail, IEnumerable<string>? errors = null, string title = "The request is not valid") =>
        Create(StatusCodes.Status400BadRequest, title, detail, errors);

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult Unauthorized(string detail) =>
        Create(StatusCodes.Status401Unauthorized, "Authentication required", detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, "Not allowed", detail);

    public static ProblemHttpResult Conflict(string detail) =>
        Create(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ProblemHttpResult TooLarge(string detail) =>
        Create(StatusCodes.Status413PayloadTooLarge, "The request body is too large", detail);

    public static ProblemHttpResult TooManyRequests(string detail) =>
        Create(StatusCodes.Status429TooManyRequests, "Too many requests", detail);

    public static ProblemHttpResult Create(int status, string title, string detail, IEnumerable<string>? errors = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (errors is not null)
        {
            extensions["errors"] = errors.ToArray();
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Every 4xx answers with a problem-details body that says what to send. Requests the framework refuses before a
/// handler runs (a query value of the wrong type, a body that is not JSON, a wrong content type) would otherwise get
/// an empty body or a message naming .NET types; unknown routes and methods get a body too.
/// </summary>
public static partial class RequestFailures
{
    public static void AddRequestFailures(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Binding failures become exceptions that the handler below words, instead of a silent empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    public static void UseRequestFailures(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteAsync,
            StatusCodeSelector = StatusOf,
            // A client's malformed request is answered, not logged as the engine's error; real failures still are.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages(context => WriteStatusAsync(context.HttpContext));
    }

    private static int StatusOf(Exception error) =>
        error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    private static async Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is not BadHttpRequestException bad)
        {
            await Results.Problem("the engine failed to answer this request; the silo's log has the details",
                statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
            return;
        }
        var (field, reason) = Explain(bad);
        var result = bad.StatusCode == StatusCodes.Status400BadRequest
            ? Problems.BadRequest(field, reason)
            : Results.Problem(detail: $"{field} {reason}", statusCode: bad.StatusCode);
        await result.ExecuteAsync(context);
    }

    /// <summary>The field and the reason, in the API's own words: JSON names and plain types, never .NET type names.</summary>
    public static (string Field, string Reason) Explain(BadHttpRequestException error)
    {
        if (error.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return ("Content-Type", "must be application/json: send the body as JSON with the header Content-Type: application/json");
        if (BindFailure().Match(error.Message) is { Success: true } bind)
            return (bind.Groups["name"].Value, $"must be {PlainType(bind.Groups["type"].Value)}; got \"{bind.Groups["value"].Value}\"");
        if (RequiredMissing().Match(error.Message) is { Success: true } missing)
            return (missing.Groups["name"].Value, "is required");
        if (error.InnerException is JsonException json)
            return (string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.'),
                "is not valid JSON for this route, or has the wrong type (see /openapi/v1.json)");
        if (error.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
            return ("body", "is missing or is not valid JSON for this route (see /openapi/v1.json)");
        return ("request", "could not be read (see /openapi/v1.json)");
    }

    private static string PlainType(string dotnetType) => Unwrap(dotnetType) switch
    {
        "int" or "long" or "Int32" or "Int64" => "a whole number",
        "double" or "float" or "decimal" or "Double" => "a number",
        "bool" or "Boolean" => "true or false",
        "DateTimeOffset" or "DateTime" => "an ISO 8601 time, for example 2026-01-31T12:00:00Z",
        "TimeSpan" => "a duration such as 00:30:00",
        "Guid" => "a GUID",
        _ => "a valid value",
    };

    private static string Unwrap(string type) =>
        type.StartsWith("Nullable<", StringComparison.Ordinal) ? type[9..^1] : type.TrimEnd('?');

    private static Task WriteStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status404NotFound => $"no route {context.Request.Method} {context.Request.Path} (the API is listed at /openapi/v1.json)",
            StatusCodes.Status405MethodNotAllowed => $"{context.Request.Path} does not take {context.Request.Method} (see /openapi/v1.json)",
            StatusCodes.Status415UnsupportedMediaType => "send the body as JSON with the header Content-Type: application/json",
            _ => null,
        };
        return Results.Problem(detail, statusCode: status).ExecuteAsync(context);
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[^"]+)" from "(?<value>.*)"\.$""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""^Required parameter "(?<type>[^ "]+) (?<name>[^"]+)" was not provided""")]
    private static partial Regex RequiredMissing();
}

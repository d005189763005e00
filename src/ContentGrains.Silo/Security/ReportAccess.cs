using ContentGrains.Abstractions;

namespace ContentGrains.Silo.Security;

/// <summary>
/// The second half of a report route's scope check: the route let any read key in (<see cref="RouteScopes"/>), and once
/// the endpoint has the report, an exact one needs admin (<see cref="RouteScopes.ForReport"/>). A key without it gets the
/// same 403 problem the middleware answers, naming the scope. With no keys configured nothing is checked, as everywhere.
/// </summary>
public static class ReportAccess
{
    /// <summary>Null when the request may read the report; else the 403 to answer.</summary>
    public static IResult? Denied(HttpContext context, ReportEntry report)
    {
        if (context.Items[ApiKeyMiddleware.ScopesItem] is not IReadOnlySet<string> scopes) return null;
        var scope = RouteScopes.ForReport(report.Epsilon is not null);
        if (scopes.Contains(scope)) return null;
        var kind = report.Epsilon is null ? "an exact report" : "a private report";
        return ScopeProblem.Result(StatusCodes.Status403Forbidden, "Forbidden",
            $"report {report.Id} is {kind}: reading it needs the '{scope}' scope, which the API key '{context.Items[ApiKeyMiddleware.KeyNameItem]}' lacks", scope);
    }
}

namespace ContentGrains.Silo.Security;

/// <summary>
/// The one shape of a refused key's answer (401 or 403): problem details with the scope the request needed, whether the
/// route refused it (<see cref="ApiKeyMiddleware"/>) or the report it asked for (<see cref="ReportAccess"/>).
/// </summary>
public static class ScopeProblem
{
    public static IResult Result(int status, string title, string detail, string scope) =>
        Results.Json(new { title, status, detail, scope }, statusCode: status, contentType: "application/problem+json");
}

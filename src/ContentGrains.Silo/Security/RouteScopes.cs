using ContentGrains.Core.Security;

namespace ContentGrains.Silo.Security;

/// <summary>
/// The one table of which scope each route needs. Every request passes through <see cref="Required"/> in
/// <see cref="ApiKeyMiddleware"/>; a route added later is covered without being listed: a GET under /v1 needs read,
/// any other write needs admin unless it is one of the few ingest writes below. A person's export and the privacy audit
/// are reads, but of everything held about people: they need admin. A stored report's route needs read here; which
/// report it is decides the rest (<see cref="ForReport"/>, checked by the report endpoints once they have the report).
/// </summary>
public static class RouteScopes
{
    /// <summary>The scope a request needs, or null when the route is open (health probes, the OpenAPI document).</summary>
    public static string? Required(string method, PathString path)
    {
        if (path.StartsWithSegments("/dashboard")) return ApiScope.Admin;
        if (path.StartsWithSegments("/metrics")) return ApiScope.Metrics;
        if (path.StartsWithSegments("/reports")) return ApiScope.Read; // report pages carry the same data as GET /v1/reports/{id}
        if (!path.StartsWithSegments("/v1")) return null;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) return IsPersonalRead(Segments(path)) ? ApiScope.Admin : ApiScope.Read;
        if (HttpMethods.IsDelete(method)) return ApiScope.Admin;
        return IsIngest(method, Segments(path)) ? ApiScope.Ingest : ApiScope.Admin;
    }

    /// <summary>
    /// The scope reading a stored report needs: an exact report (exact counts per small cell can single people out) is for
    /// operators (admin); a differentially private one is for anyone with read.
    /// </summary>
    public static string ForReport(bool isPrivate) => isPrivate ? ApiScope.Read : ApiScope.Admin;

    /// <summary>The engine's input: events, item metadata, and the feedback clients report as they serve users.</summary>
    private static bool IsIngest(string method, string[] s) => (HttpMethods.IsPost(method), HttpMethods.IsPut(method)) switch
    {
        (true, _) => s is ["v1", "events"] or ["v1", "items"] or ["v1", "experiments", _, "assign" or "outcomes"]
            or ["v1", "channels", _, "sends"],
        (_, true) => s is ["v1", "items", _] or ["v1", "users", _, "settings" or "consent"],
        _ => false,
    };

    /// <summary>Reads that hand out a person's whole record, or the record of privacy actions.</summary>
    private static bool IsPersonalRead(string[] s) => s is ["v1", "users", _, "export"] or ["v1", "privacy", ..];

    private static string[] Segments(PathString path) =>
        (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
}

using ContentGrains.Core.Security;

namespace ContentGrains.Silo.Security;

/// <summary>
/// When API keys are configured, every route <see cref="RouteScopes"/> does not leave open needs a key holding the
/// route's scope: in the X-Api-Key header (API clients), as "Authorization: Bearer …" (what Prometheus' scrape
/// configuration sends), or for a browser once as ?apiKey=… on the dashboard or a report page, which then keeps it in an
/// HTTP-only, same-site cookie for that part of the site. No key or an unknown key is 401; a key without the scope is 403.
/// With no keys configured the silo is reachable on loopback only (<see cref="OpenBindPolicy"/>) and nothing is checked.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyRing keys)
{
    public const string Header = "X-Api-Key";
    public const string Cookie = "cg-api-key";
    public const string QueryKey = "apiKey";
    private const string BearerPrefix = "Bearer ";
    /// <summary>Where a request's key name is left for the middleware after this one (<see cref="KeyRateLimits"/>).</summary>
    public const string KeyNameItem = "cg.api-key";
    /// <summary>Where a request's tenant is left for the endpoints (<see cref="Api.TenantGrains"/>); absent means the default tenant.</summary>
    public const string TenantItem = "cg.tenant";
    /// <summary>Where a request's key's scopes are left for endpoints whose scope depends on what they find (<see cref="ReportAccess"/>); absent when no keys are configured.</summary>
    public const string ScopesItem = "cg.scopes";

    public Task InvokeAsync(HttpContext context)
    {
        if (keys.IsEmpty) return next(context); // before the route's scope: that costs a split of the path per request
        var scope = RouteScopes.Required(context.Request.Method, context.Request.Path);
        if (scope is null) return next(context);

        var (presented, fromQuery) = Presented(context.Request);
        var entry = keys.Find(presented);
        if (entry is null)
            return Problem(context, StatusCodes.Status401Unauthorized, "Unauthorized",
                $"send an API key with the '{scope}' scope in the {Header} header", scope);
        if (!entry.Scopes.Contains(scope))
            return Problem(context, StatusCodes.Status403Forbidden, "Forbidden",
                $"the API key '{entry.Name}' lacks the '{scope}' scope this route needs", scope);
        if (fromQuery) RememberInCookie(context, presented!);
        context.Items[KeyNameItem] = entry.Name; // the rate limit's partition
        context.Items[TenantItem] = entry.Tenant;
        context.Items[ScopesItem] = entry.Scopes;
        return next(context);
    }

    private static (string? Key, bool FromQuery) Presented(HttpRequest request)
    {
        if (request.Headers[Header].ToString() is { Length: > 0 } header) return (header, false);
        if (request.Headers.Authorization.ToString() is { } authorization && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return (authorization[BearerPrefix.Length..].Trim(), false);
        if (BrowserPath(request.Path) is not null && request.Query[QueryKey].ToString() is { Length: > 0 } query) return (query, true);
        return (request.Cookies[Cookie], false);
    }

    private static void RememberInCookie(HttpContext context, string key) =>
        context.Response.Cookies.Append(Cookie, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = BrowserPath(context.Request.Path),
        });

    /// <summary>The parts of the site a browser opens (the dashboard, report pages), where a key may come once in the query.</summary>
    private static string? BrowserPath(PathString path) =>
        path.StartsWithSegments("/dashboard") ? "/dashboard" : path.StartsWithSegments("/reports") ? "/reports" : null;

    private static Task Problem(HttpContext context, int status, string title, string detail, string scope) =>
        ScopeProblem.Result(status, title, detail, scope).ExecuteAsync(context);
}

using ContentGrains.Abstractions;
using ContentGrains.Core.Reports;
using ContentGrains.Silo.Security;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Content reports: POST /v1/reports starts one (admin; 202 with its entry and Location), GET /v1/reports lists them with
/// the privacy budget, GET /v1/reports/{id} answers the report's JSON once done (202 with the entry while it runs), and
/// GET /reports/{id} the HTML page with its charts, drawn on the server (no script, nothing fetched from elsewhere).
/// Each tenant has its own reports, numbering and privacy budget (<see cref="Core.Tenants.TenantJobs"/>). An exact report
/// is read with the admin scope, a private one with read (<see cref="ReportAccess"/>).
/// </summary>
public static class ReportsEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;
    private static readonly IReadOnlySet<string> SpecFields = UnknownFields.Of<ReportSpec>();

    public sealed record StartAnswer(ReportEntry Report, IReadOnlyList<FieldError> Warnings);

    public sealed record ListAnswer(IReadOnlyList<ReportEntry> Reports, PrivacyBudgetView Budget);

    public static void MapReports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/reports", Start).WithName("StartReport")
            .WithSummary("Start a content report (topic × format × channel × hour × segment, findings, experiments, bandits, sentiment, segments); with epsilon it is differentially private and spends from the budget")
            .Accepts<ReportSpec>("application/json").Produces<StartAnswer>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/v1/reports", async (TenantGrains grains) =>
                Results.Ok(new ListAnswer(await Grain(grains).ListAsync(), await Grain(grains).GetBudgetAsync())))
            .WithName("ListReports").WithSummary("Every report's entry, newest first, and the privacy budget").Produces<ListAnswer>();
        app.MapGet("/v1/reports/{id}", GetJson).WithName("GetReport")
            .WithSummary("The report as JSON once done; 202 with its entry while it runs. An exact report needs the admin scope, a private one read")
            .Produces<ContentReport>().ProducesProblem(StatusCodes.Status403Forbidden)
            .Produces<ReportEntry>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/reports/{id}", GetPage).WithName("GetReportPage")
            .WithSummary("The report as an HTML page with its charts (inline SVG)").Produces<string>(contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IReportsGrain Grain(TenantGrains grains) => grains.Job<IReportsGrain>();

    private static async Task<IResult> Start(HttpRequest request, TenantGrains grains)
    {
        var spec = new ReportSpec();
        var warnings = new List<FieldError>();
        if (request.ContentLength is not 0)
        {
            var (document, parseError) = await RequestJson.ParseAsync(request, MaxBodyBytes);
            if (parseError is not null) return parseError;
            using var json = document!;
            warnings.AddRange(UnknownFields.In(json.RootElement, SpecFields).Select(f => new FieldError(f, UnknownFields.Reason("a report request", SpecFields))));
            var (read, readError) = RequestJson.Read<ReportSpec>(json.RootElement);
            if (readError is not null) return readError;
            spec = read!;
        }
        var start = await Grain(grains).StartAsync(spec);
        if (start.Invalid is { } invalid) return Problems.BadRequest(invalid.Field, invalid.Reason);
        if (start.OverBudget is { } over)
            return Results.Problem($"{over.Field} {over.Reason}", statusCode: StatusCodes.Status409Conflict, title: "Privacy budget exceeded",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [over.Field] = [over.Reason] } });
        return Results.Accepted($"/v1/reports/{start.Entry!.Id}", new StartAnswer(start.Entry, warnings));
    }

    private static async Task<IResult> GetJson(string id, TenantGrains grains, HttpContext context)
    {
        if (await Grain(grains).GetAsync(id) is not { } document) return NotFound(id);
        if (ReportAccess.Denied(context, document.Entry) is { } denied) return denied;
        if (document.Json is null)
            return document.Entry.Status == "failed" ? Results.Problem($"report {id} failed: {document.Entry.Error}", statusCode: StatusCodes.Status500InternalServerError)
                : Results.Accepted($"/v1/reports/{id}", document.Entry);
        return Results.Bytes(document.Json, "application/json");
    }

    private static async Task<IResult> GetPage(string id, TenantGrains grains, HttpContext context)
    {
        if (await Grain(grains).GetAsync(id) is not { } document) return NotFound(id);
        if (ReportAccess.Denied(context, document.Entry) is { } denied) return denied;
        if (document.Json is null)
            return Results.Content($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Report {SvgCharts.Esc(id)}</title></head><body><p>Report {SvgCharts.Esc(id)} is {SvgCharts.Esc(document.Entry.Status)}{SvgCharts.Esc(document.Entry.Error is null ? "" : ": " + document.Entry.Error)}.</p></body></html>",
                "text/html; charset=utf-8", statusCode: document.Entry.Status == "failed" ? 500 : 202);
        return Results.Content(ReportPage.Render(ContentReportJson.FromBytes(document.Json)), "text/html; charset=utf-8");
    }

    private static IResult NotFound(string id) => Results.Problem($"report {id} does not exist", statusCode: StatusCodes.Status404NotFound);
}

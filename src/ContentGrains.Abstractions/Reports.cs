namespace ContentGrains.Abstractions;

/// <summary>
/// Every experiment created (key 0), so jobs over the log can compute each person's arms without being told which
/// experiments exist. Experiments created before this directory existed are not listed until created again.
/// </summary>
public interface IExperimentDirectoryGrain : IGrainWithIntegerKey
{
    Task AddAsync(string experimentId);
    Task<IReadOnlyList<string>> ListAsync();
}

/// <summary>The contribution bounds of a private report; each null takes its default.</summary>
[GenerateSerializer, Immutable, Alias("cg.ReportBounds")]
public sealed record ReportBounds(
    [property: Id(0)] int? MaxCellsPerPerson = null,
    [property: Id(1)] int? MaxImpressionsPerCell = null,
    [property: Id(2)] int? MaxClicksPerCell = null,
    [property: Id(3)] int? MaxDwellsPerCell = null,
    [property: Id(4)] double? MaxDwellSeconds = null);

/// <summary>
/// What a report covers: the window [from, to), the experiments to include (none named: every experiment in the
/// directory), and privacy: with epsilon set, every aggregate is noised and epsilon is spent from the budget.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ReportSpec")]
public sealed record ReportSpec(
    [property: Id(0)] DateTimeOffset? From = null,
    [property: Id(1)] DateTimeOffset? To = null,
    [property: Id(2)] double? Epsilon = null,
    [property: Id(3)] string? Mechanism = null,
    [property: Id(4)] double? Delta = null,
    [property: Id(5)] IReadOnlyList<string>? Experiments = null,
    [property: Id(6)] long? MinImpressions = null,
    [property: Id(7)] ReportBounds? Bounds = null);

/// <summary>A report's entry: status "running", "done" or "failed" (with the error), its privacy spend, and when.</summary>
[GenerateSerializer, Immutable, Alias("cg.ReportEntry")]
public sealed record ReportEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Status,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? FinishedAt,
    [property: Id(4)] double? Epsilon,
    [property: Id(5)] double Delta,
    [property: Id(6)] string? Error,
    [property: Id(7)] int Findings);

/// <summary>The privacy budget: limits from configuration, what private reports have spent.</summary>
[GenerateSerializer, Immutable, Alias("cg.PrivacyBudgetView")]
public sealed record PrivacyBudgetView(
    [property: Id(0)] double EpsilonLimit,
    [property: Id(1)] double EpsilonSpent,
    [property: Id(2)] double EpsilonLeft,
    [property: Id(3)] double DeltaLimit,
    [property: Id(4)] double DeltaSpent);

/// <summary>Starting a report: the entry, or the field and reason it was refused for (bad input, or over the budget: Conflict).</summary>
[GenerateSerializer, Immutable, Alias("cg.ReportStart")]
public sealed record ReportStart(
    [property: Id(0)] ReportEntry? Entry,
    [property: Id(1)] FieldError? Invalid = null,
    [property: Id(2)] FieldError? OverBudget = null);

/// <summary>A report's entry and, once done, the report as JSON (the Core record <c>ContentReport</c>).</summary>
[GenerateSerializer, Immutable, Alias("cg.ReportDocument")]
public sealed record ReportDocument([property: Id(0)] ReportEntry Entry, [property: Id(1)] byte[]? Json);

/// <summary>
/// Content reports (key "default"): starts report jobs, keeps their entries and the privacy budget in storage, and
/// stores each finished report in the model store, so a restart keeps both.
/// </summary>
public interface IReportsGrain : IGrainWithStringKey
{
    Task<ReportStart> StartAsync(ReportSpec spec);
    Task<IReadOnlyList<ReportEntry>> ListAsync();
    Task<ReportDocument?> GetAsync(string reportId);
    Task<PrivacyBudgetView> GetBudgetAsync();
}

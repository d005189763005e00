using System.Net.Http.Json;
using System.Text.Json;
using ContentGrains.Cli.Import;
using ContentGrains.Core.Simulation;
using ContentGrains.Core.Variants;

namespace ContentGrains.Cli.Simulation;

/// <summary>One variant of a planted headline test as the engine reports it (GET /v1/items/{id}/variants).</summary>
public sealed record HeadlineVariantStanding(string VariantId, bool Planted, long Impressions, long Clicks, double Mean, double ProbabilityBest);

/// <summary>
/// One planted headline test against the engine's verdict: the planted variant, the engine's state (running,
/// winner-declared, stopped), the variant it declared (null while running), whether that is the planted one, and each
/// variant's counts and posterior.
/// </summary>
public sealed record HeadlineOutcome(string ItemId, string Planted, string State, string? Declared, bool? Right, string Leader,
    IReadOnlyList<HeadlineVariantStanding> Variants);

/// <summary>The planted headline truth against the engine: per item, and the share right among the tests with a declared winner.</summary>
public sealed record HeadlineSummary(double Lift, int VariantsPerItem, int Items, int Declared, int Right, double? RightShareOfDeclared,
    int LeaderIsPlanted, IReadOnlyList<HeadlineOutcome> Outcomes)
{
    public static HeadlineSummary Of(PlantedHeadlines planted, int variantsPerItem, IReadOnlyList<HeadlineOutcome> outcomes)
    {
        var declared = outcomes.Count(o => o.Declared is not null);
        var right = outcomes.Count(o => o.Right == true);
        return new HeadlineSummary(planted.Lift, variantsPerItem, outcomes.Count, declared, right, declared == 0 ? null : (double)right / declared,
            outcomes.Count(o => o.Leader == o.Planted), outcomes);
    }
}

/// <summary>
/// The headline side of the simulation: the variants each planted item is created with (v0, v1, … with made-up headlines;
/// the engine is never told which is planted), and the engine's verdict on each test read back after the run.
/// </summary>
public static class HeadlineOutcomes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record StandingBody(string VariantId, long Impressions, long Clicks, double Mean, double ProbabilityBest);
    private sealed record TestBody(string State, string? Served, List<StandingBody> Variants);

    public static IReadOnlyList<ImportVariant>? VariantsOf(PlantedHeadlines planted, SimItem item) =>
        planted.For(item.Traits.Index) is { } test
            ? Enumerable.Range(0, test.Variants).Select(v => new ImportVariant(PlantedHeadlineItem.VariantId(v), $"{item.Title} (take {v + 1})")).ToList()
            : null;

    public static async Task<HeadlineSummary> ReadAsync(HttpClient http, PlantedHeadlines planted, int variantsPerItem, CancellationToken cancel)
    {
        var outcomes = new List<HeadlineOutcome>(planted.Items.Count);
        foreach (var item in planted.Items)
        {
            using var response = await http.GetAsync($"v1/items/{item.ItemId}/variants", cancel);
            if (!response.IsSuccessStatusCode)
                throw new TargetUnavailableException($"GET variants of {item.ItemId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancel)}");
            var test = await response.Content.ReadFromJsonAsync<TestBody>(Json, cancel)
                ?? throw new TargetUnavailableException($"GET variants of {item.ItemId} answered an empty body");
            outcomes.Add(Outcome(item, test));
        }
        return HeadlineSummary.Of(planted, variantsPerItem, outcomes);
    }

    private static HeadlineOutcome Outcome(PlantedHeadlineItem item, TestBody test)
    {
        // The engine's own decision only: a test still running has none (nobody stops a test during a simulation).
        var declared = test.State == VariantTestState.WinnerDeclared.Name() ? test.Served : null;
        var leader = test.Variants.MaxBy(v => v.ProbabilityBest)?.VariantId ?? "";
        var variants = test.Variants.Select(v => new HeadlineVariantStanding(v.VariantId, v.VariantId == item.PlantedVariantId, v.Impressions, v.Clicks,
            v.Mean, v.ProbabilityBest)).ToList();
        return new HeadlineOutcome(item.ItemId, item.PlantedVariantId, test.State, declared, declared is null ? null : declared == item.PlantedVariantId,
            leader, variants);
    }
}

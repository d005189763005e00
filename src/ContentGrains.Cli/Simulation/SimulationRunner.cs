using ContentGrains.Cli.Import;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Cli.Simulation;

/// <summary>
/// `contentgrains simulate` against a running engine: creates the world's items (POST /v1/items), then simulates the
/// last <c>days</c> days up to yesterday (the engine takes no timestamps more than 5 minutes ahead), printing a table row
/// per day, retraining between days when asked, and writing the JSON report. With an in-memory policy
/// (<see cref="SimulateOptions.Policy"/>) the same world and visits run with no engine.
/// </summary>
public sealed class SimulationRunner(SimulateOptions options, TextWriter output, TextWriter errors)
{
    public const int ItemBatch = 5_000;

    public async Task<int> RunAsync(CancellationToken cancel = default)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-options.Days);
        var settings = new WorldSettings { Seed = options.Seed, Users = options.Users, Items = options.Items, Topics = options.Topics, Start = start, Segments = options.Segments,
            HeadlineItems = options.VariantItems, HeadlineVariants = options.HeadlineVariants, HeadlineLift = options.HeadlineLift };
        var world = new SimWorld(settings);
        if (options.Groups is not null) PlantedGroupsFile.Write(options.Groups, world.People);
        return options.Policy == SimulateOptions.EnginePolicy ? await AgainstEngineAsync(world, cancel) : await InMemoryAsync(world, cancel);
    }

    private async Task<int> AgainstEngineAsync(SimWorld world, CancellationToken cancel)
    {
        var engine = new Uri(options.Url!.ToString().TrimEnd('/') + "/");
        using var http = new HttpClient { BaseAddress = engine, Timeout = TimeSpan.FromMinutes(30) };
        if (options.ApiKey is not null) http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
        await using var target = new HttpImportTarget(engine, options.ApiKey);

        var stored = await CreateItemsAsync(world, target, cancel);
        WriteHeader(world, stored);
        var source = new EngineFeedSource(http, target, options.Channel);
        var days = await SimulateDaysAsync(world, source, new EngineTrainer(http), cancel);

        var headlines = world.Headlines.Items.Count == 0 ? null : await HeadlineOutcomes.ReadAsync(http, world.Headlines, options.HeadlineVariants, cancel);
        Finish(new SimulationReport(engine.ToString().TrimEnd('/'), world.Settings, options.FeedSize, options.Channel, options.RetrainEveryDay, stored,
            days, ReportTotals.Of(days.Select(d => d.Figures).ToList()),
            new EventCounts(source.Sent, source.Accepted, source.Duplicates, source.Rejected, source.FirstRejection), headlines));
        return 0;
    }

    /// <summary>The same world and visits with an in-memory policy making the feeds: the yardsticks the engine is measured against.</summary>
    private async Task<int> InMemoryAsync(SimWorld world, CancellationToken cancel)
    {
        IFeedSource source = options.Policy switch
        {
            SimulateOptions.InformedPolicy => new InformedLearnerFeedSource(world, options.Seed, options.LearnerSamples),
            SimulateOptions.OraclePolicy => new OracleFeedSource(world),
            _ => new RandomFeedSource(world, options.Seed),
        };
        WriteHeader(world, world.Items.Count);
        var days = await SimulateDaysAsync(world, source, trainer: null, cancel);
        Finish(new SimulationReport($"in-memory:{options.Policy}", world.Settings, options.FeedSize, options.Channel, false, world.Items.Count,
            days, ReportTotals.Of(days.Select(d => d.Figures).ToList()), new EventCounts(0, 0, 0, 0, null)));
        return 0;
    }

    private void WriteHeader(SimWorld world, int stored) =>
        output.WriteLine($"simulate: {options.Users} people, {stored} items on {world.Settings.Topics} topics, {options.Days} days from {world.Settings.Start:yyyy-MM-dd}, " +
                         $"feeds of {options.FeedSize} on '{options.Channel}', seed {options.Seed}" +
                         (options.Policy == SimulateOptions.EnginePolicy ? "" : $", policy {options.Policy} (in memory)") +
                         $"{(options.RetrainEveryDay ? $", retraining {options.FeedKind ?? "the feed model"} every day" : "")}" +
                         $"{(options.RetrainClickEveryDay ? ", retraining the click model every day" : "")}" + Environment.NewLine + SimulationReport.TableHeader);

    /// <summary>Each day's visits, a table row per day, and the retraining between days when asked (<paramref name="trainer"/> null: none).</summary>
    private async Task<List<ReportedDay>> SimulateDaysAsync(SimWorld world, IFeedSource source, EngineTrainer? trainer, CancellationToken cancel)
    {
        // A run stamp keeps this run's event ids apart from an earlier run's with the same seed on the same engine.
        var prefix = $"sim{options.Seed}-{DateTime.UtcNow:yyyyMMddHHmmss}";
        using var log = options.Impressions is null ? null : new ImpressionLog(options.Impressions);
        var simulation = new AudienceSimulation(world, source, options.FeedSize, options.Channel, prefix, options.Parallel) { VisitDone = log is null ? null : log.Write };
        var days = new List<ReportedDay>();
        for (var day = 0; day < options.Days; day++)
        {
            var report = await simulation.RunDayAsync(day, cancel);
            output.WriteLine(SimulationReport.TableRow(report));
            string? trained = null;
            if (trainer is not null && options.RetrainEveryDay && day < options.Days - 1)
            {
                trained = await trainer.TrainAsync(cancel, kind: options.FeedKind);
                output.WriteLine($"     retrained after day {day}: {trained}");
            }
            if (trainer is not null && options.RetrainClickEveryDay && day < options.Days - 1)
            {
                var click = await trainer.TrainAsync(cancel, EngineTrainer.ClickModel);
                trained = trained is null ? $"click: {click}" : $"{trained}; click: {click}";
                output.WriteLine($"     click model retrained after day {day}: {click}");
            }
            days.Add(new ReportedDay(report, trained));
        }
        return days;
    }

    private void Finish(SimulationReport result)
    {
        WriteTotals(result);
        if (options.Out is not null) result.Save(options.Out);
    }

    private async Task<int> CreateItemsAsync(SimWorld world, HttpImportTarget target, CancellationToken cancel)
    {
        var stored = 0;
        foreach (var batch in world.Items.Chunk(ItemBatch))
        {
            var result = await target.SendItemsAsync(
                batch.Select(i => new ImportItem(i.Id, i.Title, i.Text, i.Tags, PublishedAt: i.Traits.PublishedAt,
                    Variants: HeadlineOutcomes.VariantsOf(world.Headlines, i))).ToList(), cancel);
            if (result.Rejected.Count > 0)
                throw new TargetUnavailableException($"the engine refused item {batch[result.Rejected[0].Index].Id}: {result.Rejected[0].Field} {result.Rejected[0].Reason}");
            stored += result.Accepted;
        }
        return stored;
    }

    private void WriteTotals(SimulationReport report)
    {
        var t = report.Totals;
        var e = report.Events;
        output.WriteLine($"total: {t.Impressions} impressions, {t.Clicks} clicks, CTR {t.Ctr:F4}, oracle p {t.MeanOracleProbability:F4}, " +
                         $"oracle CTR {t.OracleCtr:F4}, random CTR {t.RandomCtr:F4} (CTR is {t.CtrShareOfOracle:P1} of the oracle's)");
        if (options.Policy == SimulateOptions.EnginePolicy)
            output.WriteLine($"events: {e.Sent} sent, {e.Accepted} accepted, {e.Duplicates} duplicates, {e.Rejected} rejected");
        if (e.FirstRejection is not null) errors.WriteLine($"simulate: the engine rejected events, e.g. {e.FirstRejection}");
        if (report.Headlines is { } h)
            output.WriteLine($"headlines: {h.Items} planted tests (lift {h.Lift:P0}), {h.Declared} winners declared, {h.Right} of them the planted variant" +
                             (h.RightShareOfDeclared is { } share ? $" ({share:P1})" : "") + $"; the planted variant leads in {h.LeaderIsPlanted}");
    }
}

using System.Diagnostics;
using ContentGrains.Core.Click;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;

namespace ContentGrains.Core.Registry;

/// <summary>
/// What a click-model run needs: the registry name and version, an item's tags and publish time, the champion to beat,
/// the live profile's settings (so the replayed tag lift is the feed's), the feed's settings (so every model is
/// judged against the weighted ranking that serves without one), and the feed registry's history (each logged feed's rows
/// get the embedding score of the embedding model in force when it was shown, as the feed scored it; before any, or
/// under another kind, the score stays missing). Without a history every score stays missing.
/// </summary>
public sealed record ClickTrainingRequest(
    string Name, long Version, DateTimeOffset Now, Func<string, (IReadOnlyList<string> Tags, DateTimeOffset? PublishedAt)?> ItemOf, long? ChampionVersion,
    Profiles.ProfileSettings? Profile = null, Feed.FeedSettings? Feed = null, FeedModelHistory? FeedModels = null);

/// <summary>
/// One click-model run, the same shape as <see cref="ModelTrainingRun"/>: reads the log in pages through
/// <see cref="ClickLogReplay"/> (a quarter of the memory bound for a page, the rest for the rows), holds out the newest
/// <see cref="HeldOutShare"/> of the shown feeds, fits on the older ones, scores the candidate and the champion on the
/// same held-out feeds (AUC over all rows, log-loss, group AUC), lets the gate decide, and stores the artifact with its
/// checksum either way. Every candidate has to beat the weighted ranking that serves without a click model
/// (<see cref="Baseline"/>, and per feed, <see cref="FeedLift"/>) and then the champion (<see cref="ChampionGate.JudgeClick"/>).
/// When the candidate is rejected and the ranking beats the champion itself on these feeds, the outcome says the
/// champion should retire (<see cref="ChampionGate.Retirement"/>); retiring it is the caller's, as publishing is.
/// The published model is the one trained without the held-out feeds.
/// </summary>
public sealed class ClickTrainingRun(IEventLog log, IModelStore store, TrainingSettings settings, IClickModelTrainer trainer, IClickModelLoader loader)
{
    public const string Kind = "click";
    public const double HeldOutShare = 0.2;
    /// <summary>What serves without a click model, as the gate names it.</summary>
    private const string RankingName = Feed.FeedPipeline.HeuristicName;
    private readonly ChampionGate gate = new(settings.GateTolerance);

    public async Task<TrainingOutcome> RunAsync(ClickTrainingRequest request, TrainingProgress progress, CancellationToken cancellation)
    {
        progress.Enter("reading");
        var feedModels = request.FeedModels ?? FeedModelHistory.None;
        var read = await ReadAsync(request, feedModels, progress, cancellation).ConfigureAwait(false);
        var (train, heldOut) = Split(read.Feeds);

        cancellation.ThrowIfCancellationRequested();
        progress.Enter("training");
        var clock = Stopwatch.StartNew();
        var fit = await Task.Run(() => trainer.Fit(train, settings.Seed), cancellation).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;

        cancellation.ThrowIfCancellationRequested();
        progress.Enter("evaluating");
        var candidate = loader.Load(fit.Artifact);
        var asServed = ClickRows.AtScoringSlot(heldOut); // rankings are compared at the slot the feed scores at
        var metrics = Evaluate(candidate, heldOut, asServed);
        var ranking = WeightedRowScorer.For(request.Feed ?? new Feed.FeedSettings(), heldOut);
        var champion = await LoadChampionAsync(request, cancellation).ConfigureAwait(false);
        var championMetrics = champion is null ? null : Evaluate(champion, heldOut, asServed);
        var decision = gate.JudgeClick(metrics, Baseline(train, heldOut, ranking, asServed), FeedLift.Between(asServed, candidate.Score, ranking.Score), RankingName,
            request.ChampionVersion, championMetrics);
        var retirement = decision.Accepted || champion is null || request.ChampionVersion is not { } serving ? null
            : ChampionGate.Retirement(serving, FeedLift.Between(asServed, champion.Score, ranking.Score), RankingName);

        progress.Enter("storing");
        var bytes = fit.Artifact.ToBytes();
        var version = new ModelVersion(request.Name, request.Version, Kind, request.Now, read.EventsRead, read.People, read.Items,
            (int)read.Feeds.Sum(f => f.Labels.Sum()), Math.Round(seconds, 3), bytes.Length, read.Window, metrics, fit.Device,
            ArtifactChecksum.Of(bytes), decision.Accepted ? VersionStatus.Accepted : VersionStatus.Rejected,
            $"{decision.Reason} (model {fit.Artifact.ModelVersion}, {train.Count} feeds trained, {heldOut.Count} held out{EmbeddingNote(feedModels)})");
        await store.SaveAsync(version, bytes, CancellationToken.None).ConfigureAwait(false);
        return new TrainingOutcome(version, decision, retirement);
    }

    /// <summary>
    /// AUC over every held-out row and group AUC over the feeds with a click and a miss, both with every row at the slot the
    /// live feed scores at (<see cref="ClickRows.AtScoringSlot"/>: the feed ranks before it knows slots, so a model is judged
    /// on what it can know); log-loss on the rows as logged, as a probability is meant for the slot shown. HeldOutUsers
    /// counts the feeds with a click and a miss.
    /// </summary>
    public static VersionMetrics Evaluate(IClickScorer scorer, IReadOnlyList<ClickImpression> heldOut) =>
        Evaluate(scorer, heldOut, ClickRows.AtScoringSlot(heldOut));

    /// <summary><see cref="Evaluate(IClickScorer, IReadOnlyList{ClickImpression})"/> with the held-out feeds at the scoring slot made once by the caller.</summary>
    private static VersionMetrics Evaluate(IClickScorer scorer, IReadOnlyList<ClickImpression> heldOut, IReadOnlyList<ClickImpression> asServed)
    {
        var (rows, labels) = ClickRows.Stack(heldOut);
        var logLoss = labels.Length == 0 ? (double?)null : ClickMetrics.LogLossSum(scorer.Score(rows), labels) / labels.Length;
        var scores = scorer.Score(ClickRows.Stack(asServed).Rows);
        var scorable = heldOut.Count(f => ImpressionMetrics.IsScorable(f.Labels));
        double? groupAuc = scorable == 0 ? null : ClickMetrics.Of(asServed, scorer.Score, probabilities: true).GroupAuc;
        double? auc = ImpressionMetrics.IsScorable(labels) ? ImpressionMetrics.Auc(scores, labels) : null;
        return new VersionMetrics(null, null, scorable, auc, logLoss, groupAuc);
    }

    /// <summary>
    /// What serves without a click model, on the held-out feeds: the weighted ranking's AUC and group AUC
    /// (<paramref name="rankingScorer"/>, made for these feeds; <paramref name="asServed"/> is them at the scoring slot), and the
    /// log-loss of predicting the training feeds' click rate for every row.
    /// </summary>
    public static VersionMetrics Baseline(IReadOnlyList<ClickImpression> train, IReadOnlyList<ClickImpression> heldOut, WeightedRowScorer rankingScorer,
        IReadOnlyList<ClickImpression> asServed)
    {
        var ranking = Evaluate(rankingScorer, heldOut, asServed);
        var trainRows = train.Sum(f => f.CandidateCount);
        var rate = trainRows == 0 ? 0.5f : train.Sum(f => f.Labels.Sum()) / trainRows;
        var labels = heldOut.SelectMany(f => f.Labels).ToArray();
        double? baseLoss = labels.Length == 0 ? null : ClickMetrics.LogLossSum(Enumerable.Repeat(rate, labels.Length).ToArray(), labels) / labels.Length;
        return ranking with { LogLoss = baseLoss };
    }

    private async Task<ReadResult> ReadAsync(ClickTrainingRequest request, FeedModelHistory feedModels, TrainingProgress progress, CancellationToken cancellation)
    {
        var bound = new TrainingLogReader(log, settings.MemoryBoundBytes, ModelTrainingRun.NonHumanExclusion(settings), settings.Tenant);
        var total = await log.CountAsync(cancellation).ConfigureAwait(false);
        var replay = new ClickLogReplay(request.ItemOf, ClickLogReplay.DefaultSessionWindow, request.Profile, feedModels.At);
        var feeds = new List<ClickImpression>();
        var (people, items) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        LogWindow? window = null;
        long after = 0, eventsRead = 0, rowBytes = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var page = await bound.ReadPageAsync(after, cancellation).ConfigureAwait(false);
            foreach (var logged in page)
            {
                window = LogWindow.Extend(window, logged.Sequence, logged.Event.Timestamp);
                if (logged.Event.Type != Events.EventType.Impression) continue;
                people.Add(logged.Event.UserId);
                items.Add(logged.Event.ItemId);
            }
            if (page.Count > 0)
                await feedModels.PrepareAsync(page.Min(l => l.Event.Timestamp), page.Max(l => l.Event.Timestamp), cancellation).ConfigureAwait(false);
            foreach (var feed in replay.Add(page.Select(l => l.Event).Where(e => !bound.Exclusion.Excludes(e))))
            {
                feeds.Add(feed);
                rowBytes += (feed.Rows.Length + feed.Labels.Length) * sizeof(float);
            }
            eventsRead += page.Count;
            if (rowBytes > settings.MemoryBoundBytes - settings.MemoryBoundBytes / 4)
                throw new InvalidOperationException($"the click rows ({rowBytes:N0} bytes after {eventsRead:N0} events) outgrew the training memory bound " +
                                                    $"of {settings.MemoryBoundBytes:N0} bytes; raise ContentGrains:Engine:Training:MemoryBoundBytes");
            progress.Read(new LogReadProgress(eventsRead, Math.Max(total, eventsRead)));
            if (page.Count < bound.PageEvents) break;
            after = page[^1].Sequence;
        }
        if (feeds.Count < 2)
            throw new InvalidOperationException($"the event log holds {feeds.Count} shown feeds whose {replay.SessionWindow.TotalMinutes:0}-minute session has ended; " +
                                                "a click model needs at least 2 (log impressions, then engagements)");
        return new ReadResult(feeds, window, eventsRead, people.Count, items.Count);
    }

    /// <summary>Which feed-model versions' vectors gave the embedding scores, when any did.</summary>
    private static string EmbeddingNote(FeedModelHistory feedModels) =>
        feedModels.Used.Count == 0 ? "" : $", embedding scores in force at each feed from v{string.Join(", v", feedModels.Used)}";

    /// <summary>The newest share of the feeds (in time) is held out; at least one on each side.</summary>
    private static (List<ClickImpression> Train, List<ClickImpression> HeldOut) Split(List<ClickImpression> feeds)
    {
        var ordered = feeds.OrderBy(f => f.Time).ToList();
        var heldOut = Math.Clamp((int)Math.Round(ordered.Count * HeldOutShare), 1, ordered.Count - 1);
        return (ordered[..^heldOut], ordered[^heldOut..]);
    }

    /// <summary>The champion's scorer, or null without one, or when its artifact is gone or was trained on another feature row (it cannot be compared).</summary>
    private async Task<IClickScorer?> LoadChampionAsync(ClickTrainingRequest request, CancellationToken cancellation)
    {
        if (request.ChampionVersion is not { } champion) return null;
        var bytes = await store.LoadAsync(request.Name, champion, cancellation).ConfigureAwait(false);
        if (bytes is null) return null;
        try { return loader.Load(ClickArtifact.Parse(bytes)); }
        catch (InvalidDataException) { return null; }
    }

    private sealed record ReadResult(List<ClickImpression> Feeds, LogWindow? Window, long EventsRead, int People, int Items);
}

using ContentGrains.Abstractions;
using ContentGrains.Core.Channels;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Log;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Segments;

namespace ContentGrains.Grains;

/// <summary>
/// One person's live profile and feed (key: user id). State lives in memory; snapshots go to storage on the
/// snapshot schedule, and activation replays the log after the snapshot, so no accepted event is lost.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", ContentGrainsNames.SnapshotStorage)] IPersistentState<UserState> state,
    UserGrainServices silo) : Grain, IUserGrain, IUserEventsGrain, IUserChannelsGrain
{
    private readonly SnapshotSchedule snapshots = new(silo.Options.SnapshotEveryEvents);
    private Core.Simulation.SimRandom? variantDraws; // made on the first headline test shown: most people never need one

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists) SharedStrings.Share(state.State.Profile, silo.Catalog.Current); // the snapshot's JSON made a string per id
        var missed = await silo.Log.ReadUserAsync(UserId, state.State.Applied.ReplayFrom, cancellationToken);
        if (missed.Count > 0)
        {
            // Tags from this silo's catalog copy: no call to the single catalog grain on every activation,
            // unless the copy lacks an item (created within the last CatalogRefresh).
            var catalogNow = await silo.Catalog.GetAsync();
            if (missed.Any(m => catalogNow.Find(m.Event.ItemId) is null)) catalogNow = await silo.Catalog.GetAsync(fresh: true);
            Apply(missed.Select(m => (new LoggedInteraction(m.Sequence, SharedStrings.Of(m.Event, catalogNow)),
                catalogNow.Find(m.Event.ItemId)?.Tags ?? (IReadOnlyList<string>)[])), replay: true);
        }
        this.StartSnapshotTimer(state, snapshots, silo.Options.SnapshotInterval);
    }

    public Task ApplyAsync(IReadOnlyList<TaggedEventMessage> events)
    {
        var shared = silo.Catalog.Current;
        var due = Apply(events.Select(t => (new LoggedInteraction(t.Event.Sequence, SharedStrings.Of(t.Event.ToInteraction(), shared)), t.ItemTags)), replay: false);
        return due ? state.WriteIfDirtyAsync(snapshots) : Task.CompletedTask;
    }

    public Task<Feed> GetFeedAsync(int count, string? channel) => BuildFeedAsync(silo.Pipeline, count, channel);

    public async Task<Feed?> GetExperimentFeedAsync(int count, string? channel, string experimentId)
    {
        // The pre-exposure covariate for CUPED: the person's clicks so far (only the first exposure's value is kept).
        var clicksSoFar = state.State.Profile.EventCounts.GetValueOrDefault(EventType.Click.Name());
        var assignment = await GrainFactory.GetGrain<IExperimentGrain>(experimentId).AssignAsync(UserId, clicksSoFar);
        if (assignment is null) return null;
        var armPipeline = assignment.Feed is null ? silo.Pipeline : new FeedPipeline(ExperimentMapping.ToVariant(assignment.Feed).ApplyTo(silo.Options.Feed));
        return await BuildFeedAsync(armPipeline, count, channel) with { Experiment = experimentId, Arm = assignment.Arm };
    }

    private async Task<Feed> BuildFeedAsync(FeedPipeline feedPipeline, int count, string? channel)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var now = silo.Clock.GetUtcNow();
        var model = await silo.Models.GetAsync();
        var user = silo.Updater.FeedUserAt(UserId, state.State.Profile, now);
        var click = silo.ClickModels.Current;
        var ranked = feedPipeline.Build(await silo.Catalog.GetAsync(), model, user, now, count, channel, click, silo.Rules.Current);
        var tests = await silo.Variants.GetAsync();
        EngineMetrics.FeedDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("model_kind", model?.Kind ?? FeedPipeline.HeuristicName));
        return new Feed(UserId, ranked.Select(r => new FeedItem(r.ItemId, r.Score, r.Reason, PickVariant(tests, r.ItemId))).ToList(),
            FeedPipeline.NameOf(model, click), ServedModels.Of(model, click));
    }

    /// <summary>The headline variant to show for an item under test, from this silo's copy of its posteriors; null otherwise.</summary>
    private ShownVariant? PickVariant(IReadOnlyDictionary<string, Core.Variants.VariantPosteriors> tests, string itemId) =>
        tests.TryGetValue(itemId, out var test) ? VariantMapping.ToShown(test.Pick(silo.Options.Variants.MinShare, variantDraws ??= new((ulong)Random.Shared.NextInt64()))) : null;

    public Task<UserProfileView> GetProfileAsync()
    {
        var profile = state.State.Profile;
        return Task.FromResult(new UserProfileView(
            UserId,
            new Dictionary<string, long>(profile.EventCounts),
            silo.Updater.InterestsAt(profile, silo.Clock.GetUtcNow()).ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 6)),
            profile.Recent.Select(h => new RecentInteraction(h.ItemId, h.Type.Name(), h.Timestamp, h.Channel)).ToList(),
            new Dictionary<string, DateTimeOffset>(profile.LastActivityByChannel)));
    }

    public async Task<UserSegment> GetSegmentAsync()
    {
        var served = silo.Segments.Current;
        var items = await silo.Catalog.GetAsync();
        var signals = new PersonSignalsBuilder(silo.Options.InterestHalfLife).FromProfile(state.State.Profile, id => items.Find(id)?.Format, silo.Clock.GetUtcNow());
        var assigned = served?.Model.Assign(signals);
        return new UserSegment(UserId, assigned?.Segment, assigned is null ? null : Math.Round(assigned.Distance, 6), served?.Version);
    }

    public async Task<IReadOnlyList<FieldError>> PutSettingsAsync(UserSettings settings)
    {
        var (_, problem) = PersonTimeZone.Find(settings.TimeZone);
        if (problem is not null) return [new FieldError("timeZone", problem)];
        state.State.Exposure.TimeZone = settings.TimeZone!;
        await state.WriteStateAsync();
        return [];
    }

    public Task<UserSettings> GetSettingsAsync() => Task.FromResult(new UserSettings(state.State.Exposure.TimeZone));

    public Task<ExposureMessage> GetExposureAsync() => Task.FromResult(ExposureMessage.From(state.State.Exposure));

    /// <summary>Sends are not in the event log, so a recorded one is written to storage at once.</summary>
    public async Task<string?> RecordSendAsync(string channel, ChannelRulesSpec rules, string itemId, DateTimeOffset at)
    {
        var (checkedRules, errors) = ChannelMapping.ToRules(rules);
        if (checkedRules is null) return $"rules: {errors[0].Field} {errors[0].Reason}";
        var exposure = state.State.Exposure;
        var refusal = exposure.WasSent(channel, itemId) ? SendRefusals.Duplicate
            : exposure.Refusal(channel, checkedRules, at, PersonTimeZone.Of(exposure.TimeZone));
        if (refusal is not null) return refusal;
        exposure.Record(ChannelSend.Of(channel, itemId, at));
        await state.WriteStateAsync();
        return null;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.WriteIfDirtyAsync(snapshots);

    /// <summary>Applies the events not applied before; true when a snapshot is due.</summary>
    private bool Apply(IEnumerable<(LoggedInteraction Logged, IReadOnlyList<string> Tags)> events, bool replay)
    {
        var applied = 0;
        foreach (var (logged, tags) in events)
        {
            if (!state.State.Applied.TryMark(logged.Sequence, replay)) continue;
            silo.Updater.Apply(state.State.Profile, logged.Event, tags);
            state.State.Exposure.Apply(logged.Event);
            applied++;
        }
        return snapshots.Record(applied);
    }
}

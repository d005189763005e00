using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Log;
using ContentGrains.Core.Profiles;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One person's live profile and feed (key: user id). State lives in memory; snapshots go to storage on the
/// snapshot schedule, and activation replays the log after the snapshot, so no accepted event is lost.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", ContentGrainsNames.SnapshotStorage)] IPersistentState<UserState> state,
    IEventLog log,
    CatalogCache catalog,
    ModelCache models,
    ClickModelCache clickModels,
    RuleBookCache rules,
    IOptions<EngineOptions> options,
    TimeProvider clock) : Grain, IUserGrain, IUserEventsGrain
{
    private readonly ProfileUpdater updater = new(options.Value.Profile);
    private readonly FeedPipeline pipeline = new(options.Value.Feed);
    private readonly SnapshotSchedule snapshots = new(options.Value.SnapshotEveryEvents);

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists) SharedStrings.Share(state.State.Profile, catalog.Current); // the snapshot's JSON made a string per id
        var missed = await log.ReadUserAsync(UserId, state.State.Applied.ReplayFrom, cancellationToken);
        if (missed.Count > 0)
        {
            // Tags from this silo's catalog copy: no call to the single catalog grain on every activation,
            // unless the copy lacks an item (created within the last CatalogRefresh).
            var catalogNow = await catalog.GetAsync();
            if (missed.Any(m => catalogNow.Find(m.Event.ItemId) is null)) catalogNow = await catalog.GetAsync(fresh: true);
            Apply(missed.Select(m => (new LoggedInteraction(m.Sequence, SharedStrings.Of(m.Event, catalogNow)),
                catalogNow.Find(m.Event.ItemId)?.Tags ?? (IReadOnlyList<string>)[])), replay: true);
        }
        this.StartSnapshotTimer(state, snapshots, options.Value.SnapshotInterval);
    }

    public Task ApplyAsync(IReadOnlyList<TaggedEventMessage> events)
    {
        var shared = catalog.Current;
        var due = Apply(events.Select(t => (new LoggedInteraction(t.Event.Sequence, SharedStrings.Of(t.Event.ToInteraction(), shared)), t.ItemTags)), replay: false);
        return due ? state.WriteIfDirtyAsync(snapshots) : Task.CompletedTask;
    }

    public Task<Feed> GetFeedAsync(int count, string? channel) => BuildFeedAsync(pipeline, count, channel);

    public async Task<Feed?> GetExperimentFeedAsync(int count, string? channel, string experimentId)
    {
        // The pre-exposure covariate for CUPED: the person's clicks so far (only the first exposure's value is kept).
        var clicksSoFar = state.State.Profile.EventCounts.GetValueOrDefault(EventType.Click.Name());
        var assignment = await GrainFactory.GetGrain<IExperimentGrain>(experimentId).AssignAsync(UserId, clicksSoFar);
        if (assignment is null) return null;
        var armPipeline = assignment.Feed is null ? pipeline : new FeedPipeline(ExperimentMapping.ToVariant(assignment.Feed).ApplyTo(options.Value.Feed));
        return await BuildFeedAsync(armPipeline, count, channel) with { Experiment = experimentId, Arm = assignment.Arm };
    }

    private async Task<Feed> BuildFeedAsync(FeedPipeline feedPipeline, int count, string? channel)
    {
        var now = clock.GetUtcNow();
        var model = await models.GetAsync();
        var user = updater.FeedUserAt(UserId, state.State.Profile, now);
        var click = clickModels.Current;
        var ranked = feedPipeline.Build(await catalog.GetAsync(), model, user, now, count, channel, click, rules.Current);
        return new Feed(UserId, ranked.Select(r => new FeedItem(r.ItemId, r.Score, r.Reason)).ToList(), FeedPipeline.NameOf(model, click),
            ServedModels.Of(model, click));
    }

    public Task<UserProfileView> GetProfileAsync()
    {
        var profile = state.State.Profile;
        return Task.FromResult(new UserProfileView(
            UserId,
            new Dictionary<string, long>(profile.EventCounts),
            updater.InterestsAt(profile, clock.GetUtcNow()).ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 6)),
            profile.Recent.Select(h => new RecentInteraction(h.ItemId, h.Type.Name(), h.Timestamp, h.Channel)).ToList(),
            new Dictionary<string, DateTimeOffset>(profile.LastActivityByChannel)));
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
            updater.Apply(state.State.Profile, logged.Event, tags);
            applied++;
        }
        return snapshots.Record(applied);
    }
}

using ContentGrains.Abstractions;
using ContentGrains.Core.Channels;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Log;
using ContentGrains.Core.Privacy;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Segments;
using ContentGrains.Core.Topics;

namespace ContentGrains.Grains;

/// <summary>
/// One person's live profile and feed (key: user id). State lives in memory; snapshots go to storage on the
/// snapshot schedule, and activation replays the log after the snapshot, so no accepted event is lost.
/// The person's privacy runs here too (<see cref="IUserPrivacyGrain"/>), in turn with the events applied to them: their
/// consent (from the consent store, read on activation) decides whether a profile is built and the feed is personal.
/// </summary>
// Migrates (the activation rebalancer, a silo's shutdown) with its state as grain storage's bytes: MigrationCodecs.
public sealed class UserGrain(
    [PersistentState("user", ContentGrainsNames.SnapshotStorage)] IPersistentState<UserState> state,
    UserGrainServices silo) : Grain, IUserGrain, IUserEventsGrain, IUserChannelsGrain, IUserPrivacyGrain, IUserSnapshotGrain, ISnapshotTimerOwner
{
    /// <summary>The most events one export page holds.</summary>
    public const int MaxExportPage = 10_000;

    private readonly SnapshotSchedule snapshots = new(silo.Options.SnapshotEveryEvents, silo.Options.SnapshotTimerMinEvents);
    private Core.Simulation.SimRandom? variantDraws; // made on the first headline test shown: most people never need one

    private Consent consent = Consent.Granted;

    private string UserId => this.GetPrimaryKeyString();
    /// <summary>The person's tenant, from their key: the catalog and experiments they see are that tenant's only.</summary>
    private string Tenant => Core.Tenants.TenantKeys.TenantOf(UserId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Consent and the log after the snapshot in one read where the log keeps consent (SQLite, PostgreSQL): most
        // activations are of people first seen, and each paid two reads on two connections.
        var read = await silo.Log.ReadUserActivationAsync(UserId, state.State.Applied.ReplayFrom, cancellationToken);
        consent = (read.ConsentRead ? read.Consent : await silo.Privacy.Consent.GetAsync(UserId, cancellationToken)) ?? Consent.Granted;
        if (state.RecordExists) SharedStrings.Share(state.State.Profile, silo.Catalog.CurrentOf(Tenant)); // the snapshot's JSON made a string per id
        await ApplyMissedAsync(read.Events, exposure: true);
        state.State.Compact(); // the JSON reader's maps and lists grew by doubling
        snapshots.UseTimer(this);
    }

    /// <summary>The silo's timer, not a grain timer: an activation that once had a grain timer keeps about 320 B for it (<see cref="SnapshotTimers"/>).</summary>
    IDisposable ISnapshotTimerOwner.ArmSnapshotTimer() => silo.SnapshotTimers.Arm<IUserSnapshotGrain>(UserId, SnapshotGrainExtensions.SpreadOver(silo.Options.SnapshotInterval));

    /// <summary>The silo's snapshot timer fired: written when the timer writes (enough unsaved events, <see cref="EngineOptions.SnapshotTimerMinEvents"/>).</summary>
    public Task WriteSnapshotIfDirtyAsync() => state.SnapshotTimerFiredAsync(snapshots);

    /// <summary>Applies the log's events after the snapshot (all of them when <see cref="UserState.Applied"/> is empty).</summary>
    private async Task ReplayAsync(CancellationToken cancellationToken, bool exposure = true) =>
        await ApplyMissedAsync(await silo.Log.ReadUserAsync(UserId, state.State.Applied.ReplayFrom, cancellationToken), exposure);

    /// <summary>Applies events read from the log (a replay), with the tags of their items.</summary>
    private async Task ApplyMissedAsync(IReadOnlyList<LoggedInteraction> missed, bool exposure)
    {
        if (missed.Count == 0) return;
        // Tags from this silo's catalog copy: no call to the single catalog grain on every activation,
        // unless the copy lacks an item (created within the last CatalogRefresh).
        var catalogNow = await silo.Catalog.GetAsync(Tenant);
        if (missed.Any(m => catalogNow.Find(m.Event.ItemId) is null)) catalogNow = await silo.Catalog.GetAsync(Tenant, fresh: true);
        Apply(missed.Select(m => (new LoggedInteraction(m.Sequence, SharedStrings.Of(m.Event, catalogNow)),
            catalogNow.Find(m.Event.ItemId)?.Tags ?? (IReadOnlyList<string>)[])), replay: true, exposure);
    }

    public Task ApplyAsync(IReadOnlyList<TaggedEventMessage> events)
    {
        var shared = silo.Catalog.CurrentOf(Tenant);
        var due = Apply(events.Select(t => (new LoggedInteraction(t.Event.Sequence, SharedStrings.Of(t.Event.ToInteraction(), shared)), SharedStrings.Tags(t.ItemTags))), replay: false);
        return due ? state.WriteIfDirtyAsync(snapshots) : Task.CompletedTask;
    }

    public Task<Feed> GetFeedAsync(int count, string? channel, FeedFilter? filter = null) => BuildFeedAsync(silo.Pipeline, count, channel, filter);

    public async Task<Feed?> GetExperimentFeedAsync(int count, string? channel, string experimentId, FeedFilter? filter = null)
    {
        // The pre-exposure covariate for CUPED: the person's clicks so far (only the first exposure's value is kept).
        var clicksSoFar = state.State.ReadProfile().EventCounts.GetValueOrDefault(EventType.Click.Name());
        var assignment = await GrainFactory.GetGrain<IExperimentGrain>(Core.Tenants.TenantKeys.Qualify(Tenant, experimentId)).AssignAsync(UserId, clicksSoFar);
        if (assignment is null) return null;
        var armPipeline = assignment.Feed is null ? silo.Pipeline : new FeedPipeline(ExperimentMapping.ToVariant(assignment.Feed).ApplyTo(silo.Options.Feed));
        return await BuildFeedAsync(armPipeline, count, channel, filter) with { Experiment = experimentId, Arm = assignment.Arm };
    }

    private async Task<Feed> BuildFeedAsync(FeedPipeline feedPipeline, int count, string? channel, FeedFilter? requested)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var now = silo.Clock.GetUtcNow();
        var filter = Core.Candidates.ItemFilter.Of(requested?.Tags, requested?.ExcludeTags, requested?.Formats);
        if (!consent.Personalisation)
            return new Feed(UserId, NonPersonalFeed.Build(feedPipeline, await silo.Catalog.GetAsync(Tenant), UserId, now, count, channel, filter)
                .Select(r => new FeedItem(r.ItemId, r.Score, r.Reason)).ToList(), NonPersonalFeed.ModelName, []);
        var model = await silo.Models.GetAsync(Tenant);
        var served = silo.Topics.CurrentOf(Tenant);
        var profile = state.State.ReadProfile();
        var user = silo.Updater.FeedUserAt(UserId, profile, now) with { Topics = TopicSharesAt(served, now, profile) };
        var click = silo.ClickModels.CurrentOf(Tenant);
        var ranked = feedPipeline.Build(await silo.Catalog.GetAsync(Tenant), model, user, now, count, channel, click, silo.Rules.CurrentOf(Tenant), served,
            click is null ? null : silo.CtrModels.ClickPriorOf(Tenant), filter);
        var tests = await silo.Variants.GetAsync();
        EngineMetrics.FeedDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("model_kind", model?.Kind ?? FeedPipeline.HeuristicName));
        // A loop, not Select: the lambda captured the grain and the tests, so a closure, a delegate and an iterator per feed.
        var items = new List<FeedItem>(ranked.Count);
        for (var i = 0; i < ranked.Count; i++) items.Add(new FeedItem(ranked[i].ItemId, ranked[i].Score, ranked[i].Reason, PickVariant(tests, ranked[i].ItemId)));
        return new Feed(UserId, items, FeedPipeline.NameOf(model, click), ServedModels.Of(model, click));
    }

    /// <summary>The headline variant to show for an item under test, from this silo's copy of its posteriors; null otherwise.</summary>
    private ShownVariant? PickVariant(IReadOnlyDictionary<string, Core.Variants.VariantPosteriors> tests, string itemId) =>
        tests.TryGetValue(itemId, out var test) ? VariantMapping.ToShown(test.Pick(silo.Options.Variants.MinShare, variantDraws ??= new((ulong)Random.Shared.NextInt64()))) : null;

    public Task<UserProfileView> GetProfileAsync()
    {
        var profile = state.State.ReadProfile();
        return Task.FromResult(new UserProfileView(
            UserId,
            new Dictionary<string, long>(profile.EventCounts),
            silo.Updater.InterestsAt(profile, silo.Clock.GetUtcNow()).ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 6)),
            profile.Recent.Select(h => new RecentInteraction(h.ItemId, h.Type.Name(), h.Timestamp, h.Channel)).ToList(),
            new Dictionary<string, DateTimeOffset>(profile.LastActivityByChannel)));
    }

    public async Task<UserSegment> GetSegmentAsync()
    {
        var served = silo.Segments.CurrentOf(Tenant);
        if (!consent.Personalisation) return new UserSegment(UserId, null, null, served?.Version); // no profile, no segment
        var items = await silo.Catalog.GetAsync(Tenant);
        var signals = new PersonSignalsBuilder(silo.Options.InterestHalfLife).FromProfile(state.State.ReadProfile(), id => items.Find(id)?.Format, silo.Clock.GetUtcNow());
        var assigned = served?.Model.Assign(signals);
        return new UserSegment(UserId, assigned?.Segment, assigned is null ? null : Math.Round(assigned.Distance, 6), served?.Version);
    }

    public async Task<UserTopics> GetTopicsAsync()
    {
        // A person asking for their topics may wait for this silo's first load; a feed never does.
        var served = silo.Topics.CurrentOf(Tenant) ?? await silo.Topics.RefreshAsync(Tenant);
        var shares = TopicSharesAt(served, silo.Clock.GetUtcNow(), state.State.ReadProfile());
        return new UserTopics(UserId, served?.Version,
            shares.Select(s => new TopicShareView(s.Topic, served!.NameOf(s.Topic) ?? "", Math.Round(s.Share, 6))).ToList());
    }

    private IReadOnlyList<TopicShare> TopicSharesAt(TopicBook? served, DateTimeOffset now, Core.Profiles.UserProfile profile) =>
        silo.TopicInterests.At(state.State.Topics, served, profile.Recent, now);

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

    public async Task<UserErasure> EraseAsync(string requestedBy)
    {
        var erased = await silo.Privacy.Erasure.EraseUserAsync(UserId);
        var hadSnapshot = state.RecordExists;
        if (hadSnapshot) await state.ClearStateAsync(); // the row goes (DeleteStateOnClear), not just its payload
        state.State = new UserState();
        snapshots.Saved();
        var consentKept = consent.WithdrawsAnything;
        if (!consentKept)
        {
            await silo.Privacy.Consent.DeleteAsync(UserId);
            consent = Consent.Granted;
        }
        var now = silo.Clock.GetUtcNow();
        await AuditAsync(PrivacyActions.Delete, requestedBy, now, $"events erased: {erased}; snapshot erased: {hadSnapshot}; consent kept: {consentKept}");
        this.DeactivateOnIdle();
        return new UserErasure(UserId, erased, hadSnapshot, consentKept, now, AfterErasure());
    }

    private string AfterErasure() => (consent.Tracking, consent.Personalisation) switch
    {
        (false, _) => "events for this id are refused from now on: the person withdrew consent to tracking, and that consent is kept",
        (true, false) => "events for this id arriving from now on are accepted as a new person's, without a profile: the person withdrew consent to personalisation, and that consent is kept",
        _ => "events for this id arriving from now on are accepted as a new person's",
    };

    public async Task<UserExport> ExportAsync(string requestedBy)
    {
        var now = silo.Clock.GetUtcNow();
        await AuditAsync(PrivacyActions.Export, requestedBy, now, "profile, settings, segment, consent, exposure and events");
        var exposure = state.State.Exposure;
        return new UserExport(UserId, now, await GetProfileAsync(), await GetSettingsAsync(), await GetSegmentAsync(), ConsentView(),
            new ExposureView(exposure.Sends.Select(s => new SendView(s.Channel, s.ItemId, s.At, s.OpenedAt, s.ClickedAt)).ToList(),
                exposure.SeeLess.Select(m => new SeeLessView(m.Key, m.Value)).ToList()));
    }

    public async Task<ExportedEventsPage> GetEventsPageAsync(long afterSequence, int limit)
    {
        if (limit is < 1 or > MaxExportPage)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"an export page holds 1 to {MaxExportPage} events");
        var page = await silo.Privacy.Erasure.ReadUserPageAsync(UserId, afterSequence, limit);
        return new ExportedEventsPage(page.Select(ToExported).ToList(), page.Count < limit ? null : page[^1].Sequence);
    }

    private static ExportedEvent ToExported(LoggedInteraction logged)
    {
        var e = logged.Event;
        return new ExportedEvent(logged.Sequence, e.EventId, e.ItemId, e.Type.Name(), e.Timestamp, e.Channel, e.DwellSeconds, e.Value, e.Text, e.Variant);
    }

    public Task<ConsentView> GetConsentAsync() => Task.FromResult(ConsentView());

    /// <summary>
    /// Stored first, so the log refuses from this moment. Tracking withdrawn: the person's events are erased from the log
    /// and everything learnt from them goes (profile, "see less" marks, opens and clicks of sends). Personalisation
    /// withdrawn: the profile goes and is not built while withdrawn. Granted again: the profile is rebuilt from the log.
    /// </summary>
    public async Task<ConsentView> PutConsentAsync(bool personalisation, bool tracking, string requestedBy)
    {
        var now = silo.Clock.GetUtcNow();
        var before = consent;
        consent = new Consent(personalisation, tracking, now);
        await silo.Privacy.Consent.PutAsync(UserId, consent);
        long erased = 0;
        if (!tracking) erased = await ForgetBehaviourAsync();
        else if (!personalisation) (state.State.Profile, state.State.Topics) = (new(), new());
        else if (before.WithdrawsAnything) await RebuildProfileAsync();
        await state.WriteStateAsync();
        snapshots.Saved();
        await AuditAsync(PrivacyActions.Consent, requestedBy, now, $"personalisation: {personalisation}; tracking: {tracking}; events erased: {erased}");
        return ConsentView();
    }

    private async Task<long> ForgetBehaviourAsync()
    {
        var erased = await silo.Privacy.Erasure.EraseUserAsync(UserId);
        state.State.Profile = new();
        state.State.Topics = new();
        state.State.Applied = new();
        state.State.Exposure.SeeLess.Clear();
        foreach (var send in state.State.Exposure.Sends) (send.OpenedAt, send.ClickedAt) = (null, null);
        return erased;
    }

    /// <summary>The profile from every stored event; the exposure already holds them, so it is left as it is.</summary>
    private Task RebuildProfileAsync()
    {
        state.State.Profile = new();
        state.State.Topics = new();
        state.State.Applied = new();
        return ReplayAsync(CancellationToken.None, exposure: false);
    }

    private ConsentView ConsentView() => new(consent.Personalisation, consent.Tracking, consent.UpdatedAt);

    private Task AuditAsync(string action, string requestedBy, DateTimeOffset at, string detail) =>
        silo.Privacy.Audit.AppendAsync(new PrivacyAuditEntry(action, PersonHash.Of(UserId), requestedBy, at, detail, Tenant));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.WriteOnDeactivationAsync(snapshots);

    /// <summary>Applies the events not applied before (to the exposure too unless told otherwise); true when a snapshot is due.</summary>
    private bool Apply(IEnumerable<(LoggedInteraction Logged, IReadOnlyList<string> Tags)> events, bool replay, bool exposure = true)
    {
        var applied = 0;
        var served = silo.Topics.CurrentOf(Tenant);
        foreach (var (logged, tags) in events)
        {
            if (!state.State.Applied.TryMark(logged.Sequence, replay)) continue;
            if (consent.Personalisation)
            {
                silo.Updater.Apply(state.State.Profile, logged.Event, tags);
                silo.TopicInterests.Apply(state.State.Topics, served, logged.Event);
            }
            if (exposure) state.State.Exposure.Apply(logged.Event);
            applied++;
        }
        return snapshots.Record(applied);
    }
}

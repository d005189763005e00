using ContentGrains.Abstractions;
using ContentGrains.Core.Channels;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One channel (key: channel id): its rules in grain storage, its plans and the record of its sends. A plan covers one
/// page of the audience (the people the send-time model saw in the log, in id order) over at most a week, choosing among
/// <see cref="ChannelsOptions.CandidateItems"/> items; each person's exposure comes from their user grain, and sends are
/// recorded there, so caps and gaps hold across channels. The send-time model lives in memory and is learned again from
/// the log when stale (on the thread pool: the injected grain factory, not the activation's, asks for time zones there).
/// </summary>
public sealed class ChannelGrain(
    [PersistentState("channel", ContentGrainsNames.SnapshotStorage)] IPersistentState<ChannelState> state,
    IEventLog log,
    CatalogCache catalog,
    IPersonSegments segments,
    IGrainFactory grains,
    IOptions<EngineOptions> options,
    TimeProvider clock) : Grain, IChannelGrain
{
    private SendTimeFit? fit;
    private DateTimeOffset learnedAt;
    private (IReadOnlyList<PlanItem> Items, DateTimeOffset At)? candidates;

    private string Id => this.GetPrimaryKeyString();
    /// <summary>The channel's tenant, from its key: it learns from, plans for and records sends to that tenant's people only.</summary>
    private string Tenant => TenantKeys.TenantOf(Id);
    /// <summary>The channel as events and exposure name it (the log holds the channel as the client sent it).</summary>
    private string Name => TenantKeys.IdOf(Id);
    private ChannelsOptions Channels => options.Value.Channels;

    public async Task<IReadOnlyList<FieldError>> PutRulesAsync(ChannelRulesSpec spec)
    {
        var (rules, errors) = ChannelMapping.ToRules(spec);
        if (rules is null) return errors;
        (state.State.Rules, state.State.UpdatedAt) = (rules, clock.GetUtcNow());
        await state.WriteStateAsync();
        return [];
    }

    public Task<ChannelView?> GetAsync() => Task.FromResult(state.State.Rules is { } rules
        ? new ChannelView(Id, ChannelMapping.ToSpec(rules), state.State.UpdatedAt, fit is null ? null : Summary(fit))
        : null);

    public async Task<SendTimeSummary> LearnAsync()
    {
        var learner = new SendTimeLearner(log, Channels.LogPageEvents, Channels.OpenWindow, ZoneOfAsync, segments, Channels.SendTime,
            e => TenantKeys.Belongs(Tenant, e.UserId));
        fit = await Task.Run(() => learner.LearnAsync(CancellationToken.None));
        learnedAt = clock.GetUtcNow();
        return Summary(fit);
    }

    public async Task<ChannelPlan?> PlanAsync(int horizonHours, string? afterPerson, int persons)
    {
        if (state.State.Rules is not { } rules) return null;
        if (fit is null || clock.GetUtcNow() - learnedAt > Channels.SendTimeMaxAge) await LearnAsync();
        var page = Page(fit!.Persons, afterPerson is null ? null : TenantKeys.Qualify(Tenant, afterPerson), Math.Min(persons, Channels.MaxPersonsPerPlan));
        var from = clock.GetUtcNow();
        var planner = new ChannelPlanner(Name, rules, fit.Model, await CandidatesAsync(), from, horizonHours);
        var people = await Task.WhenAll(page.Select(PersonAsync));
        var entries = planner.Plan(people).Select(e => new PlannedSend(e.ItemId, e.PersonId, e.Segment, e.SendAt,
            Math.Round(e.ExpectedOpens, 6), Math.Round(e.ExpectedClicks, 6), e.Cost)).ToList();
        var next = page.Count > 0 && page.Count == Math.Min(persons, Channels.MaxPersonsPerPlan) && fit.Persons[^1] != page[^1] ? page[^1] : null;
        return new ChannelPlan(Id, from, horizonHours, entries, page.Count, planner.Items.Select(i => i.ItemId).ToList(), next,
            entries.Sum(e => e.ExpectedOpens), entries.Sum(e => e.ExpectedClicks), entries.Sum(e => e.Cost));
    }

    public async Task<SendsResult?> RecordSendsAsync(IReadOnlyList<SendSpec> sends)
    {
        if (state.State.Rules is not { } rules) return null;
        var spec = ChannelMapping.ToSpec(rules);
        var now = clock.GetUtcNow();
        var outcomes = await Task.WhenAll(sends.Select(async (send, index) =>
        {
            var bad = EventValidator.CheckId("personId", send.PersonId) ?? EventValidator.CheckId("itemId", send.ItemId);
            if (bad is not null) return new SendRefusal(index, send.PersonId, $"{bad.Field}: {bad.Reason}");
            var refusal = await grains.GetGrain<IUserChannelsGrain>(TenantKeys.Qualify(Tenant, send.PersonId!))
                .RecordSendAsync(Name, spec, TenantKeys.Qualify(Tenant, send.ItemId!), send.At ?? now);
            return refusal is null ? null : new SendRefusal(index, send.PersonId, refusal);
        }));
        var refused = outcomes.OfType<SendRefusal>().ToList();
        return new SendsResult(sends.Count - refused.Count, refused);
    }

    private async Task<PlanPerson> PersonAsync(string personId)
    {
        var exposure = await grains.GetGrain<IUserChannelsGrain>(personId).GetExposureAsync();
        return new PlanPerson(personId, await segments.SegmentOfAsync(personId), exposure.ToExposure());
    }

    private async ValueTask<TimeZoneInfo> ZoneOfAsync(string personId) =>
        PersonTimeZone.Of((await grains.GetGrain<IUserGrain>(personId).GetSettingsAsync()).TimeZone);

    /// <summary>The best items by smoothed CTR among the catalog's most popular and freshest, with their formats; cached a few minutes.</summary>
    private async Task<IReadOnlyList<PlanItem>> CandidatesAsync()
    {
        if (candidates is { } c && clock.GetUtcNow() - c.At < Channels.CandidatesFor) return c.Items;
        var snapshot = await catalog.GetAsync(Tenant);
        var half = Channels.CatalogCandidates / 2;
        var ids = snapshot.ByPopularity.Take(half).Concat(snapshot.ByFreshness.Take(half)).Distinct()
            .Select(slot => snapshot.Entries[slot].ItemId).ToList();
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IItemGrain>(id).GetAsync()));
        var items = views.OfType<ItemView>().Select(v => new PlanItem(v.ItemId, v.Metadata?.Format, v.Stats.SmoothedCtr))
            .OrderByDescending(i => i.CtrPrior).ThenBy(i => i.ItemId, StringComparer.Ordinal).Take(Channels.CandidateItems).ToList();
        candidates = (items, clock.GetUtcNow());
        return items;
    }

    private static List<string> Page(IReadOnlyList<string> persons, string? after, int count)
    {
        var start = 0;
        if (after is not null)
        {
            start = ((List<string>)persons).BinarySearch(after, StringComparer.Ordinal);
            start = start >= 0 ? start + 1 : ~start;
        }
        return persons.Skip(start).Take(count).ToList();
    }

    private SendTimeSummary Summary(SendTimeFit f)
    {
        var (hour, rate) = f.Model.BestHourOfDay(Name);
        return new SendTimeSummary(learnedAt, f.EventsRead, (long)f.Model.Sends, (long)f.Model.Opens, f.Model.Persons, hour, Math.Round(rate, 6));
    }
}

namespace ContentGrains.Core.Simulation;

/// <summary>
/// The ground truth: the probability that a person clicks an item in a slot, given what the visit has done so far.
/// P(click) = examine(slot) × attraction(person, item, time) × fatigue(session, item), where
/// examine(k) = PositionDecay^k; attraction = sigmoid(intercept + slope × affinity + quality) × freshness, affinity being
/// the item's topic weights dotted with the person's tastes, divided by their strongest taste (so 1 = their favourite topic);
/// fatigue = FatigueDecay^(clicks on the item's primary topic this session) × RepeatFactor when already shown this session.
/// An item the person clicked on an earlier visit has probability 0.
/// </summary>
public sealed class ClickOracle(WorldSettings settings)
{
    public double Examine(int slot) => Math.Pow(settings.PositionDecay, slot);

    public double Affinity(SimPerson person, ItemTraits item)
    {
        var sum = 0.0;
        for (var i = 0; i < item.Topics.Length; i++) sum += item.TopicWeights[i] * person.Tastes[item.Topics[i]];
        return sum / person.MaxTaste;
    }

    public double Freshness(ItemTraits item, DateTimeOffset at)
    {
        var ageDays = Math.Max(0, (at - item.PublishedAt).TotalDays);
        return settings.FreshnessFloor + (1 - settings.FreshnessFloor) * Math.Exp(-ageDays / settings.FreshnessDays);
    }

    /// <summary>The chance of a click once the item is examined, before this visit's fatigue.</summary>
    public double Attraction(SimPerson person, ItemTraits item, DateTimeOffset at)
    {
        var logit = settings.AttractionIntercept + settings.AttractionSlope * Affinity(person, item) + item.Quality;
        return Freshness(item, at) / (1 + Math.Exp(-logit));
    }

    public double Fatigue(SessionState session, ItemTraits item) =>
        Math.Pow(settings.FatigueDecay, session.ClicksOn(item.PrimaryTopic)) * (session.WasShown(item.Index) ? settings.RepeatFactor : 1);

    /// <summary>The chance of a click once examined, in this visit's state: 0 for an item consumed before; times the person's planted <see cref="PersonState.AppealFactor"/>.</summary>
    public double Appeal(SimPerson person, PersonState state, SessionState session, ItemTraits item, DateTimeOffset at) =>
        state.Consumed.Contains(item.Index) ? 0 : Math.Min(1, Attraction(person, item, at) * Fatigue(session, item) * state.AppealFactor);

    public double ClickProbability(SimPerson person, PersonState state, SessionState session, ItemTraits item, int slot, DateTimeOffset at) =>
        Examine(slot) * Appeal(person, state, session, item, at);

    /// <summary>Probability of coming back on the day after a visit with <paramref name="clicks"/> clicks.</summary>
    public double ReturnProbability(SimPerson person, int clicks) =>
        Math.Min(1, person.Activity * (settings.ReturnBase + settings.ReturnGain * Math.Min(1, clicks / settings.ClicksToSatisfy)));

    /// <summary>Probability of visiting on <paramref name="day"/> given the person's last visit.</summary>
    public double VisitProbability(SimPerson person, PersonState state, int day) =>
        state.LastVisitDay is null && day == 0 ? person.Activity
        : state.LastVisitDay == day - 1 ? ReturnProbability(person, state.LastVisitClicks)
        : person.Activity * settings.LapsedReturn;

    /// <summary>The chance that a send on <paramref name="channel"/> at the person's local hour of day is opened (the planted best hours of <see cref="WorldSettings.ChannelBestHours"/>).</summary>
    public double OpenProbability(string channel, double localHour)
    {
        if (!settings.ChannelBestHours.TryGetValue(channel, out var best)) return settings.OpenRate * settings.OffHourOpenShare;
        // The best hour is the whole hour from best:00 to best+1:00, so its middle is the peak.
        var distance = Math.Abs(localHour - (best + 0.5)) % 24;
        distance = Math.Min(distance, 24 - distance);
        var peak = Math.Exp(-distance * distance / (2 * settings.BestHourSpread * settings.BestHourSpread));
        return settings.OpenRate * (settings.OffHourOpenShare + (1 - settings.OffHourOpenShare) * peak);
    }
}

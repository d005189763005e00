using ContentGrains.Core.Channels;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using Xunit;

namespace ContentGrains.Core.Tests.Channels;

public sealed class SendTimeModelTests
{
    private static SendTimeModel TwoPeople()
    {
        var model = new SendTimeModel(new SendTimeSettings());
        for (var i = 0; i < 10; i++) model.Add("email", "g", "p", 5, opened: i < 8);
        for (var i = 0; i < 10; i++) model.Add("email", "g", "q", 6, opened: i < 2);
        return model;
    }

    [Fact]
    public void Each_level_shrinks_to_the_next_by_its_strength()
    {
        var model = TwoPeople();
        // Overall 10 opens of 20 sends = 0.5. At hour 5 (8 of 10 opened): global (8 + 100 × 0.5) / 110 = 0.527273,
        // channel (8 + 100 × 0.527273) / 110 = 0.552066, group (8 + 50 × 0.552066) / 60 = 0.593388,
        // person p (8 + 10 × 0.593388) / 20 = 0.696694.
        Assert.Equal(0.696694, model.OpenRate("email", "g", "p", 5), 6);
        Assert.Equal(0.593388, model.OpenRate("email", "g", "q", 5), 6); // q was never sent at 5: their group's rate
        Assert.Equal(0.552066, model.OpenRate("email", "other", "q", 5), 6); // an unknown group: the channel's
        Assert.Equal(0.552066, model.OpenRate("email", null, null, 5), 6);
        Assert.Equal(0.527273, model.OpenRate("sms", "g", "p", 5), 6); // an unknown channel: the global curve
        Assert.Equal(0.5, model.OpenRate("email", "g", "p", 100), 6); // an hour nobody was sent at: the overall rate
    }

    [Fact]
    public void The_best_hour_of_day_pools_the_weeks_days()
    {
        var model = TwoPeople();
        Assert.Equal(5, model.BestHourOfDay("email").Hour);
        Assert.Equal((8 + 50.0) / 110, model.BestHourOfDay("email").OpenRate, 9);
        Assert.Equal(2, model.Persons);
    }

    [Fact]
    public void Beyond_the_person_bound_sends_still_count_for_the_group()
    {
        var model = new SendTimeModel(new SendTimeSettings { MaxPersons = 1 });
        model.Add("email", "g", "p", 5, true);
        model.Add("email", "g", "q", 5, false);
        Assert.Equal(1, model.Persons);
        Assert.Equal(2, model.Sends);
        Assert.Equal(model.OpenRate("email", "g", null, 5), model.OpenRate("email", "g", "q", 5));
    }

    [Fact]
    public async Task The_learner_pairs_impressions_with_later_engagement_on_the_same_channel()
    {
        var monday = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        Interaction E(string type, string item, DateTimeOffset at, string channel = "email") =>
            new($"e{at.Ticks}{type}{item}{channel}", "u1", item, EventTypes.TryParse(type, out var t) ? t : throw new ArgumentException(type), at, channel, 0, null, null);
        var log = new ListLog([
            E("impression", "a", monday),                              // 09:00 Tokyo, Monday: hour 9
            E("click", "a", monday.AddHours(1)),                        // opened within the window
            E("impression", "b", monday.AddHours(12)),                  // 21:00 Tokyo
            E("view", "b", monday.AddHours(13), channel: "web"),        // another channel: not an open of the email
            E("impression", "c", monday.AddHours(24)),                  // Tuesday 09:00 Tokyo
            E("click", "c", monday.AddHours(24 + 49)),                  // after the 48 h window: ignored
        ]);
        var learner = new SendTimeLearner(log, pageEvents: 2, TimeSpan.FromHours(48), _ => ValueTask.FromResult(PersonTimeZone.Of("Asia/Tokyo")),
            NoSegments.Instance, new SendTimeSettings());

        var fit = await learner.LearnAsync(CancellationToken.None);

        Assert.Equal(6, fit.EventsRead);
        Assert.Equal(3, fit.Model.Sends);
        Assert.Equal(1, fit.Model.Opens);
        Assert.Equal(["u1"], fit.Persons);
        Assert.Equal(9, fit.Model.BestHourOfDay("email").Hour);
        Assert.True(fit.Model.OpenRate("email", null, "u1", 9) > fit.Model.OpenRate("email", null, "u1", 24 + 9));
    }

    /// <summary>A log held in a list, read in pages like the real one.</summary>
    internal sealed class ListLog(IReadOnlyList<Interaction> events) : IEventLog
    {
        public Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default) =>
            Task.FromResult<IReadOnlyList<LoggedInteraction>>(events.Select((e, i) => new LoggedInteraction(i + 1, e))
                .Where(l => l.Sequence > afterSequence).Take(limit).ToList());

        public Task<long> CountAsync(CancellationToken cancellation = default) => Task.FromResult((long)events.Count);
        public Task<long[]> AppendAsync(IReadOnlyList<Interaction> batch, CancellationToken cancellation = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default) => throw new NotSupportedException();
    }
}

using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Profiles;

public sealed class RecentlyShownProfileTests
{
    private readonly ProfileUpdater updater = new(new ProfileSettings { RecentlyShownCapacity = 10, RecentlyShownFor = TimeSpan.FromHours(2) });

    [Fact]
    public void An_impression_is_recently_shown_until_the_person_engages_or_it_ages_out()
    {
        var profile = new UserProfile();
        updater.Apply(profile, Event(EventType.Impression, "a", T0), []);
        updater.Apply(profile, Event(EventType.Impression, "b", T0), []);
        updater.Apply(profile, Event(EventType.Click, "b", T0.AddMinutes(1)), []);

        Assert.Equal(["a"], updater.FeedUserAt("user-1", profile, T0.AddHours(1)).RecentlyShown);
        Assert.Equal(T0.AddMinutes(1), updater.FeedUserAt("user-1", profile, T0.AddHours(1)).LastSeen);

        updater.Apply(profile, Event(EventType.Impression, "c", T0.AddHours(3)), []);
        Assert.Equal(["c"], updater.FeedUserAt("user-1", profile, T0.AddHours(3)).RecentlyShown); // "a" is 3 h old: past the 2 h
    }

    [Fact]
    public void Age_is_measured_back_from_the_persons_latest_event_when_the_servers_clock_is_ahead_of_the_events()
    {
        // Past traffic replayed (or a client clock running behind): the visit at T0 is still one session five days later.
        var profile = new UserProfile();
        updater.Apply(profile, Event(EventType.Impression, "a", T0), []);
        updater.Apply(profile, Event(EventType.Impression, "b", T0.AddMinutes(90)), []);

        Assert.Equal(["a", "b"], updater.FeedUserAt("user-1", profile, T0.AddDays(5)).RecentlyShown.Order());
        // On the person's clock "a" is 2 h 30 min older than their latest event, past the 2 h.
        updater.Apply(profile, Event(EventType.Impression, "c", T0.AddMinutes(150)), []);
        Assert.Equal(["b", "c"], updater.FeedUserAt("user-1", profile, T0.AddDays(5)).RecentlyShown.Order());
    }

    [Fact]
    public void By_default_an_item_stays_behind_for_the_visit_not_until_the_next_visit()
    {
        // Passed over on yesterday's visit (23 h before today's first impression): back in today's feeds. Shown 10 min ago
        // in today's visit: still behind. At the former 24 h both were behind on every daily visit.
        var byDefault = new ProfileUpdater(new ProfileSettings());
        var profile = new UserProfile();
        byDefault.Apply(profile, Event(EventType.Impression, "yesterday", T0), []);
        byDefault.Apply(profile, Event(EventType.Impression, "today", T0.AddHours(23)), []);

        Assert.Equal(TimeSpan.FromHours(1), new ProfileSettings().RecentlyShownFor);
        Assert.Equal(["today"], byDefault.FeedUserAt("user-1", profile, T0.AddHours(23).AddMinutes(10)).RecentlyShown);
    }

    [Fact]
    public void An_impression_logged_after_a_later_engagement_does_not_count()
    {
        var profile = new UserProfile();
        updater.Apply(profile, Event(EventType.Click, "a", T0.AddMinutes(5)), []);
        updater.Apply(profile, Event(EventType.Impression, "a", T0), []);

        Assert.Empty(profile.RecentlyShown);
    }

    [Fact]
    public void The_set_is_bounded_and_forgets_the_oldest_first()
    {
        var profile = new UserProfile();
        for (var i = 0; i < 11; i++)
            updater.Apply(profile, Event(EventType.Impression, $"i{i}", T0.AddSeconds(i)), []);

        // Capacity 10: the 11th trims to 9, dropping i0 and i1.
        Assert.Equal(Enumerable.Range(2, 9).Select(i => $"i{i}").Order(), profile.RecentlyShown.Keys.Order());
    }
}

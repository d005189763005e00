using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// A grain holds a snapshot timer only while it has unsaved events: armed by the first unsaved event, released by
/// the write, armed again only when a failed write left events unsaved.
/// </summary>
public sealed class SnapshotScheduleTests
{
    private sealed class FakeTimer : IDisposable
    {
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    private readonly List<FakeTimer> armed = [];

    private SnapshotSchedule Schedule(int everyEvents = 200)
    {
        var schedule = new SnapshotSchedule(everyEvents);
        schedule.UseTimer(() =>
        {
            var timer = new FakeTimer();
            armed.Add(timer);
            return timer;
        });
        return schedule;
    }

    [Fact]
    public void A_clean_grain_holds_no_timer_and_the_first_unsaved_event_arms_one()
    {
        var schedule = Schedule();
        Assert.False(schedule.TimerArmed);
        Assert.Empty(armed);

        Assert.False(schedule.Record(1));
        Assert.True(schedule.TimerArmed);
        Assert.False(schedule.Record(5)); // still one timer for any number of unsaved events
        Assert.Single(armed);
        Assert.Equal(6, schedule.Unsaved);
    }

    [Fact]
    public void Recording_nothing_arms_nothing()
    {
        var schedule = Schedule();
        Assert.False(schedule.Record(0));
        Assert.False(schedule.TimerArmed);
    }

    [Fact]
    public void A_write_releases_the_timer_and_the_next_event_arms_a_new_one()
    {
        var schedule = Schedule();
        schedule.Record(3);
        schedule.Saved();
        Assert.False(schedule.TimerArmed);
        Assert.True(armed[0].Disposed);

        schedule.Record(1);
        Assert.Equal(2, armed.Count);
        Assert.False(armed[1].Disposed);
    }

    [Fact]
    public void A_timer_that_fired_without_saving_arms_again_and_one_that_saved_does_not()
    {
        var schedule = Schedule();
        schedule.Record(2);
        schedule.TimerFired(); // the write failed: the events are still unsaved
        Assert.True(armed[0].Disposed);
        Assert.True(schedule.TimerArmed);
        Assert.Equal(2, armed.Count);

        schedule.Saved();
        schedule.TimerFired();
        Assert.False(schedule.TimerArmed);
        Assert.Equal(2, armed.Count);
    }

    [Fact]
    public void Events_replayed_before_the_timer_is_set_up_arm_it_when_it_is()
    {
        var schedule = new SnapshotSchedule(200);
        schedule.Record(4); // activation replays the log before OnActivateAsync sets up the timer
        var created = 0;
        schedule.UseTimer(() => { created++; return new FakeTimer(); });
        Assert.Equal(1, created);
        Assert.True(schedule.TimerArmed);
    }

    private sealed class TimerOwner : ISnapshotTimerOwner
    {
        public int Armed { get; private set; }
        public IDisposable ArmSnapshotTimer()
        {
            Armed++;
            return new FakeTimer();
        }
    }

    [Fact]
    public void A_grain_that_owns_its_timer_is_asked_to_arm_it_once_per_dirty_spell()
    {
        var schedule = new SnapshotSchedule(200);
        var owner = new TimerOwner();
        schedule.UseTimer(owner);
        Assert.Equal(0, owner.Armed); // clean: nothing armed
        schedule.Record(2);
        schedule.Record(3);
        Assert.Equal(1, owner.Armed);
        schedule.Saved();
        schedule.Record(1);
        Assert.Equal(2, owner.Armed);
    }

    [Fact]
    public void Below_the_timer_minimum_a_tick_writes_nothing_and_only_the_next_event_arms_it_again()
    {
        var schedule = new SnapshotSchedule(200, timerMinimum: 5);
        var created = 0;
        schedule.UseTimer(() => { created++; return new FakeTimer(); });
        schedule.Record(3);
        Assert.False(schedule.TimerWrites); // 3 unsaved: the tick leaves them to the log
        schedule.TimerFired();
        Assert.False(schedule.TimerArmed); // no timer ticks on for a grain that may sit idle for minutes
        Assert.True(schedule.IsDirty);     // still written on deactivation

        schedule.Record(2);
        Assert.Equal(2, created);
        Assert.True(schedule.TimerWrites); // 5 unsaved: this tick writes
        schedule.TimerFired();             // …and failed: armed again to retry
        Assert.True(schedule.TimerArmed);
    }

    [Fact]
    public void The_due_count_still_asks_for_an_immediate_write()
    {
        var schedule = Schedule(everyEvents: 3);
        Assert.False(schedule.Record(2));
        Assert.True(schedule.Record(1));
    }
}

/// <summary>The configured idle ages of user and item grains, and the collection quantum, reach Orleans' collection options.</summary>
public sealed class GrainCollectionAgesTests
{
    private static GrainCollectionOptions Resolve(Action<EngineOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddContentGrainsEngine();
        services.Configure(configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
    }

    [Fact]
    public void User_and_item_grains_get_their_own_collection_age()
    {
        var collection = Resolve(o => (o.UserCollectionAge, o.ItemCollectionAge) = (TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(3)));
        Assert.Equal(TimeSpan.FromMinutes(7), collection.ClassSpecificCollectionAge[typeof(UserGrain).FullName!]);
        Assert.Equal(TimeSpan.FromMinutes(3), collection.ClassSpecificCollectionAge[typeof(ItemGrain).FullName!]);
    }

    [Fact]
    public void The_defaults_are_ten_minutes_for_people_and_five_for_items()
    {
        var collection = Resolve(_ => { });
        Assert.Equal(TimeSpan.FromMinutes(10), collection.ClassSpecificCollectionAge[typeof(UserGrain).FullName!]);
        Assert.Equal(TimeSpan.FromMinutes(5), collection.ClassSpecificCollectionAge[typeof(ItemGrain).FullName!]);
    }

    [Fact]
    public void An_age_below_the_collection_quantum_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve(o => (o.CollectionQuantum, o.UserCollectionAge) = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10))));
        Assert.Contains("UserCollectionAge", error.Message);
        Assert.Contains("collection quantum", error.Message);
    }

    [Fact]
    public void Idle_collection_runs_every_minute_unless_configured_and_a_zero_quantum_is_refused()
    {
        // A minute, as Orleans' own (EngineOptions says why not the 1 s of session 15).
        Assert.Equal(TimeSpan.FromMinutes(1), Resolve(_ => { }).CollectionQuantum);
        Assert.Equal(TimeSpan.FromSeconds(5), Resolve(o => o.CollectionQuantum = TimeSpan.FromSeconds(5)).CollectionQuantum);
        var error = Assert.Throws<InvalidOperationException>(() => Resolve(o => o.CollectionQuantum = TimeSpan.Zero));
        Assert.Contains("ContentGrains:Engine:CollectionQuantum must be above zero", error.Message);
    }
}

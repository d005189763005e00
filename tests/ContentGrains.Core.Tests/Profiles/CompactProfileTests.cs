using System.Text.Json;
using ContentGrains.Core.Data;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Tests.Feed;

namespace ContentGrains.Core.Tests.Profiles;

/// <summary>
/// The compact profile (lazily made maps, <see cref="UserProfile.Compact"/> after each snapshot, the history as structs)
/// holds and does what the plain one did: the same values, the same feed input, the same JSON.
/// </summary>
public class CompactProfileTests
{
    private static readonly DateTimeOffset T0 = Given.T0;
    private static readonly ProfileUpdater Updater = new(new ProfileSettings());

    [Fact]
    public void A_history_entry_writes_and_reads_the_json_the_record_wrote()
    {
        var entry = new HistoryEntry("m1", EventType.Like, new DateTimeOffset(2026, 1, 31, 13, 0, 0, TimeSpan.FromHours(1)), "web");

        var json = JsonSerializer.Serialize(entry);

        // The record class wrote its four properties in this order; the instant now always reads back in UTC.
        Assert.Equal("""{"ItemId":"m1","Type":4,"Timestamp":"2026-01-31T12:00:00+00:00","Channel":"web"}""", json);
        Assert.Equal(entry, JsonSerializer.Deserialize<HistoryEntry>(json));
        Assert.Equal(entry, JsonSerializer.Deserialize<HistoryEntry>("""{"ItemId":"m1","Type":4,"Timestamp":"2026-01-31T13:00:00+01:00","Channel":"web"}"""));
        Assert.Equal(T0, entry.Timestamp);
    }

    [Fact]
    public void Compacting_drops_empty_maps_keeps_every_value_and_the_next_events_apply_as_before()
    {
        var (plain, compact) = (new UserProfile(), new UserProfile());
        foreach (var e in Mixed()) Apply([plain, compact], e);
        var jsonBefore = JsonSerializer.Serialize(plain);

        compact.Compact();

        Assert.Equal(jsonBefore, JsonSerializer.Serialize(compact)); // the getters make the dropped maps again, empty: {} as before
        compact.Compact();
        AssertSameFeedInput(plain, compact, T0.AddDays(1));
        // Events after the compaction: an impression (shown set and impressions made again), an engagement, a dislike.
        Apply([plain, compact], Given.Event(EventType.Impression, "z1", T0.AddHours(5), channel: "app"), "noir");
        Apply([plain, compact], Given.Event(EventType.Click, "z1", T0.AddHours(6), channel: "app"), "noir");
        Apply([plain, compact], Given.Event(EventType.Dislike, "a", T0.AddHours(7)), "drama");
        Assert.Equal(JsonSerializer.Serialize(plain), JsonSerializer.Serialize(compact));
        AssertSameFeedInput(plain, compact, T0.AddDays(2));
    }

    [Fact]
    public void A_compacted_profile_with_no_events_of_a_kind_makes_no_map_for_a_feed()
    {
        var profile = new UserProfile();
        Updater.Apply(profile, Given.Event(EventType.View, "a", T0), ["drama"]);
        profile.Compact();

        var feedUser = Updater.FeedUserAt("u", profile, T0.AddHours(1));

        Assert.Equal(["a"], feedUser.History);
        Assert.Empty(feedUser.RecentlyShown);
        // Reading the profile for a feed left the empty maps unmade: their slots are still null, so the JSON shows them
        // only through the getters, which make them now.
        var fields = typeof(UserProfile).GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
        Assert.Null(fields.Single(f => f.Name == "disliked").GetValue(profile));
        Assert.Null(fields.Single(f => f.Name == "recentlyShown").GetValue(profile));
        Assert.Null(fields.Single(f => f.Name == "tagImpressions").GetValue(profile));
        Assert.NotNull(fields.Single(f => f.Name == "consumed").GetValue(profile));
    }

    [Fact]
    [Trait("data", "ml-100k")]
    public void Profiles_of_ml100k_people_compacted_at_every_snapshot_and_reloaded_equal_the_plain_profiles()
    {
        var people = Ml100kPeople(200);
        var now = people.SelectMany(p => p).Max(e => e.Event.Timestamp).AddDays(1);
        var catalog = FeedCatalog.Snapshot();
        foreach (var events in people)
        {
            var (plain, compact) = (new UserProfile(), new UserProfile());
            for (var i = 0; i < events.Count; i++)
            {
                Apply([plain, compact], events[i].Event, events[i].Tags);
                if (i % 10 == 9) compact.Compact(); // a snapshot every 10 events
                if (i == events.Count / 2) // a restart: the snapshot's JSON read back, its strings shared, compacted
                {
                    compact = JsonSerializer.Deserialize<UserProfile>(JsonSerializer.Serialize(compact))!;
                    SharedStrings.Share(compact, catalog);
                    compact.Compact();
                }
            }
            compact.Compact();
            AssertSameFeedInput(plain, compact, now);
            Assert.Equal(plain.Recent, compact.Recent);
            Assert.Equal(Sorted(plain.EventCounts), Sorted(compact.EventCounts));
            Assert.Equal(Sorted(plain.Consumed), Sorted(compact.Consumed));
            Assert.Equal(Sorted(plain.TagImpressions), Sorted(compact.TagImpressions));
            Assert.Equal(plain.ActiveHours.ValuesAt(now, TimeSpan.FromDays(14)), compact.ActiveHours.ValuesAt(now, TimeSpan.FromDays(14)));
        }
    }

    private static void Apply(UserProfile[] profiles, Interaction e, params string[] tags)
    {
        foreach (var profile in profiles) Updater.Apply(profile, e, tags);
    }

    internal static void AssertSameFeedInput(UserProfile expected, UserProfile actual, DateTimeOffset now)
    {
        var (a, b) = (Updater.FeedUserAt("u", expected, now), Updater.FeedUserAt("u", actual, now));
        Assert.Equal(a.History, b.History);
        Assert.Equal(a.Interests, b.Interests);
        Assert.Equal(a.Excluded.Order(StringComparer.Ordinal), b.Excluded.Order(StringComparer.Ordinal));
        Assert.Equal(a.RecentlyShown.Order(StringComparer.Ordinal), b.RecentlyShown.Order(StringComparer.Ordinal));
        Assert.Equal(a.LastSeen, b.LastSeen);
        foreach (var tag in expected.TagImpressions.Keys.Concat(expected.Interests.Keys))
            Assert.Equal(a.Response.LiftOf(tag), b.Response.LiftOf(tag));
    }

    internal static List<KeyValuePair<string, T>> Sorted<T>(Dictionary<string, T> map) => map.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();

    /// <summary>Every kind of map in use: impressions, engagements on two channels, a dislike, out-of-order events.</summary>
    internal static IEnumerable<Interaction> Mixed() =>
    [
        Given.Event(EventType.Impression, "a", T0), Given.Event(EventType.Impression, "b", T0), Given.Event(EventType.Impression, "c", T0, channel: "app"),
        Given.Event(EventType.Click, "a", T0.AddMinutes(2)), Given.Event(EventType.Dwell, "a", T0.AddMinutes(3), 90),
        Given.Event(EventType.Like, "d", T0.AddMinutes(9), channel: "app"), Given.Event(EventType.View, "e", T0.AddMinutes(5)),
        Given.Event(EventType.Dislike, "f", T0.AddMinutes(12)), Given.Event(EventType.Share, "b", T0.AddHours(1)),
    ];

    /// <summary>
    /// The first <paramref name="count"/> ml-100k people's ratings in time order with their items' genres as tags: 4-5 a
    /// like, 2-3 a view, 1 a dislike, and an impression a minute before every third rating (ml-100k logs none), so that
    /// the shown set, impressions and dislikes are exercised too.
    /// </summary>
    internal static List<List<(Interaction Event, string[] Tags)>> Ml100kPeople(int count)
    {
        var folder = SharedData.Ml100k;
        var items = AtomicFile.Read(Path.Combine(folder, "ml-100k.item"));
        var (itemColumn, classColumn) = (items.ColumnOf("item_id"), items.ColumnOf("class"));
        var tags = items.Rows.ToDictionary(r => r[itemColumn], r => r[classColumn].ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        var inter = AtomicFile.Read(Path.Combine(folder, "ml-100k.inter"));
        var (user, item, rating, time) = (inter.ColumnOf("user_id"), inter.ColumnOf("item_id"), inter.ColumnOf("rating"), inter.ColumnOf("timestamp"));
        var people = inter.Rows.GroupBy(r => r[user], StringComparer.Ordinal).OrderBy(g => int.Parse(g.Key, System.Globalization.CultureInfo.InvariantCulture)).Take(count);
        Assert.Equal(count, people.Count());
        return people.Select(g => g
            .OrderBy(r => long.Parse(r[time], System.Globalization.CultureInfo.InvariantCulture)).ThenBy(r => r[item], StringComparer.Ordinal)
            .SelectMany((r, i) =>
            {
                var at = DateTimeOffset.FromUnixTimeSeconds(long.Parse(r[time], System.Globalization.CultureInfo.InvariantCulture));
                var stars = double.Parse(r[rating], System.Globalization.CultureInfo.InvariantCulture);
                var type = stars >= 4 ? EventType.Like : stars >= 2 ? EventType.View : EventType.Dislike;
                var itemTags = tags.GetValueOrDefault(r[item]) ?? [];
                var rated = (new Interaction($"r{g.Key}-{i}", g.Key, r[item], type, at, "web", 0, stars, null), itemTags);
                return i % 3 == 0
                    ? [(new Interaction($"i{g.Key}-{i}", g.Key, r[item], EventType.Impression, at.AddMinutes(-1), "app", 0, null, null), itemTags), rated]
                    : new[] { rated };
            }).ToList()).ToList();
    }
}

namespace ContentGrains.Core.Simulation;

/// <summary>One generated event of the bulk data set: indices instead of ids, so nothing is allocated per row but the row.</summary>
public readonly record struct BulkEvent(long Sequence, long User, long Item, string Type, DateTimeOffset Timestamp, double DwellSeconds, bool Liked, string Channel = "web");

/// <summary>
/// A stream of events for scale benchmarks, in constant memory. Each visit picks a person (a skewed draw, so some people
/// are far more active) who then sees <see cref="VisitLength"/> items, each of a topic drawn from their tastes and an
/// item of that topic (a skewed draw over the topic's items, so some are far more popular); the oracle's attraction
/// decides a click, then dwell and a like. People and items are rebuilt from the seed when needed and only 65,536 of each
/// are kept (a direct-mapped cache: memory stays fixed whatever the world's size). Timestamps rise evenly from
/// <c>end − span</c> to <c>end</c>; in a world with planted segments a visit instead moves to its person's habit hour
/// (± an hour) on that day, 30 s per item, and mostly the person's channel, so hours and channels carry the group's habits.
/// <para>With <c>interactionsOnly</c> each event is one click (a RecBole interaction, liked or not); otherwise the stream holds
/// impressions, and for a click the click, its dwell and maybe a like, until exactly <c>count</c> events.</para>
/// </summary>
public sealed class BulkEventGenerator(WorldSettings settings, long count, DateTimeOffset end, TimeSpan span, bool interactionsOnly)
{
    /// <summary>Skew of the person and item draws: rank ∝ u^skew.</summary>
    public const double Skew = 2.5;
    /// <summary>Items one person sees per visit (building a person costs a Dirichlet draw, so it is shared by a visit).</summary>
    public const int VisitLength = 10;

    private const int CacheSize = 1 << 16;

    private readonly WorldGenerator world = new(settings);
    private readonly ClickOracle oracle = new(settings);
    private readonly SimPerson?[] people = new SimPerson?[CacheSize];
    private readonly ItemTraits?[] items = new ItemTraits?[CacheSize];

    public IEnumerable<BulkEvent> Events()
    {
        var random = SimRandom.For(settings.Seed, SimRandom.Streams.Bulk, 0);
        var start = end - span;
        var step = span.Ticks / Math.Max(1, count);
        long written = 0;
        while (written < count)
        {
            var person = Person(random.SkewedRank(settings.Users, Skew));
            var visitAt = person.Segment < 0 ? (DateTimeOffset?)null : AtHabitHour(start + TimeSpan.FromTicks(step * written), person, random);
            var channel = person.Channel is { } home ? PlantedSegments.VisitChannel(home, random) : "web";
            for (var seen = 0; seen < VisitLength && written < count; seen++)
            {
                var at = visitAt is { } visit ? visit + TimeSpan.FromSeconds(30 * seen) : start + TimeSpan.FromTicks(step * written);
                var topic = random.Pick(person.Tastes);
                var ofTopic = world.ItemsOfTopic(topic);
                if (ofTopic == 0) continue; // fewer items than topics: this topic has none
                var item = Item(world.ItemOfTopic(topic, random.SkewedRank(ofTopic, Skew)));
                var attraction = oracle.Attraction(person, item, at);
                var clicked = random.Chance(attraction);
                if (!interactionsOnly) yield return new BulkEvent(written++, person.Index, item.Index, "impression", at, 0, false, channel);
                if (!clicked) continue;
                var dwell = Math.Round(5 + 150 * attraction * Math.Exp(0.5 * random.Normal()), 1);
                var liked = random.Chance(settings.LikeGivenClick * attraction);
                if (interactionsOnly)
                {
                    yield return new BulkEvent(written++, person.Index, item.Index, "click", at, dwell, liked, channel);
                    continue;
                }
                foreach (var type in liked ? ["click", "dwell", "like"] : new[] { "click", "dwell" })
                {
                    if (written >= count) yield break;
                    yield return new BulkEvent(written++, person.Index, item.Index, type, at, type == "dwell" ? dwell : 0, liked, channel);
                }
            }
        }
    }

    /// <summary>The person's habit hour (± an hour) on the day of <paramref name="at"/>, a day earlier when that is after the end.</summary>
    private DateTimeOffset AtHabitHour(DateTimeOffset at, SimPerson person, SimRandom random)
    {
        var hour = Math.Clamp(person.HabitHour + random.Normal(), 0, 23.5);
        var visit = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero) + TimeSpan.FromHours(hour);
        var last = visit + TimeSpan.FromSeconds(30 * VisitLength);
        return last > end ? visit.AddDays(-1) : visit;
    }

    private SimPerson Person(long index)
    {
        ref var slot = ref people[index & (CacheSize - 1)];
        return slot is { } cached && cached.Index == index ? cached : slot = world.Person(index);
    }

    private ItemTraits Item(long index)
    {
        ref var slot = ref items[index & (CacheSize - 1)];
        return slot is { } cached && cached.Index == index ? cached : slot = world.Traits(index);
    }
}

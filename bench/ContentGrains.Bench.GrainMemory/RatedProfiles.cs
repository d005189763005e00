using ContentGrains.Core.Data;
using ContentGrains.Core.Events;
using ContentGrains.Grains;

namespace ContentGrains.Bench.GrainMemory;

/// <summary>
/// People's real events from a RecBole folder (<c>*.inter</c> with ratings, <c>*.item</c> with a <c>class</c> column of
/// tags): each person's rated items in time order, as the import sends them (a rating of 4 or more is a like, anything
/// lower a view: the CLI's RatingRule), with each item's tags as the ingest path attaches them.
/// </summary>
public sealed class RatedProfiles
{
    private readonly List<(string Item, double Rating, long UnixSeconds)>[] people;
    private readonly Dictionary<string, string[]> tags;

    private RatedProfiles(List<(string, double, long)>[] people, Dictionary<string, string[]> tags) => (this.people, this.tags) = (people, tags);

    public int People => people.Length;
    /// <summary>The items with their tags, to put in the catalog before people's events arrive (as an import does).</summary>
    public IReadOnlyDictionary<string, string[]> ItemTags => tags;
    public double EventsPerPerson => people.Average(p => p.Count);

    /// <param name="last">Keep each person's last this many events (0: all), for the memory of a shorter history.</param>
    public static RatedProfiles Load(string folder, int last = 0)
    {
        var inter = AtomicFile.Read(Directory.GetFiles(folder, "*.inter").Single());
        var item = AtomicFile.Read(Directory.GetFiles(folder, "*.item").Single());
        var (itemColumn, classColumn) = (item.ColumnOf("item_id"), item.ColumnOf("class"));
        var tags = item.Rows.ToDictionary(r => r[itemColumn], r => r[classColumn].ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        var (user, rated, rating, time) = (inter.ColumnOf("user_id"), inter.ColumnOf("item_id"), inter.ColumnOf("rating"), inter.ColumnOf("timestamp"));
        var people = inter.Rows
            .GroupBy(r => r[user], StringComparer.Ordinal)
            .Select(g => g.Select(r => (r[rated], double.Parse(r[rating], System.Globalization.CultureInfo.InvariantCulture),
                    (long)double.Parse(r[time], System.Globalization.CultureInfo.InvariantCulture)))
                .OrderBy(e => e.Item3).TakeLast(last > 0 ? last : int.MaxValue).ToList())
            .ToArray();
        return new RatedProfiles(people, tags);
    }

    /// <summary>
    /// Person <paramref name="index"/> (cycling through the data set) as the events a user grain receives, with fresh
    /// strings for ids and channels: in a silo each event's strings come from its own HTTP request. Log sequences
    /// count up from <paramref name="firstSequence"/>.
    /// </summary>
    public List<TaggedEventMessage> EventsOf(int index, string userId, long firstSequence)
    {
        var sequence = firstSequence;
        var events = new List<TaggedEventMessage>();
        foreach (var (itemId, rating, unix) in people[index % people.Length])
        {
            var type = rating >= 4 ? EventType.Like : EventType.View;
            var logged = new LoggedEventMessage(sequence++, $"e{sequence}", userId, new string(itemId.AsSpan()), type,
                DateTimeOffset.FromUnixTimeSeconds(unix), new string("web".AsSpan()), 0, rating, null);
            events.Add(new TaggedEventMessage(logged, tags.GetValueOrDefault(itemId) ?? []));
        }
        return events;
    }
}

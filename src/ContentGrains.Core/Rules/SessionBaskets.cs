using ContentGrains.Core.Data;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Rules;

/// <summary>
/// Cuts each person's positive events (see <see cref="TrainingSetBuilder.IsPositive"/>) into sessions: a new session
/// starts when more than <see cref="Gap"/> passed since the person's previous event. Sessions, not whole histories,
/// are the baskets because "read together" means read in one sitting: a whole history of a heavy reader holds
/// hundreds of items, which makes almost every pair co-occur and the itemset count explode (on ml-100k at 1%
/// support whole histories give billions of itemsets; 30-minute sessions give a few thousand).
/// Events may arrive in any order (the log is in arrival order, not time order): each person's events are
/// sorted by time when the baskets are built. Memory: one (user, item, time) triple per positive event.
/// </summary>
public sealed class SessionBaskets(TimeSpan gap)
{
    public static readonly TimeSpan DefaultGap = TimeSpan.FromMinutes(30);

    private readonly IdMap users = new();
    private readonly IdMap items = new();
    private readonly List<List<(long Time, int Item)>> eventsByUser = [];

    public TimeSpan Gap { get; } = gap > TimeSpan.Zero
        ? gap
        : throw new ArgumentOutOfRangeException(nameof(gap), gap, "the session gap must be positive");

    public long EventsAdded { get; private set; }

    /// <summary>Bytes the added events hold, for the job's memory bound.</summary>
    public long EstimatedBytes => EventsAdded * 16 + (users.Count + items.Count) * 160L;

    public void Add(Interaction e)
    {
        if (!TrainingSetBuilder.IsPositive(e.Type)) return;
        Add(e.UserId, e.ItemId, e.Timestamp);
    }

    public void Add(string userId, string itemId, DateTimeOffset time)
    {
        var u = users.GetOrAdd(userId);
        if (u == eventsByUser.Count) eventsByUser.Add([]);
        eventsByUser[u].Add((time.ToUnixTimeMilliseconds(), items.GetOrAdd(itemId)));
        EventsAdded++;
    }

    public Baskets Build()
    {
        var rows = new List<int[]>();
        var gapMs = (long)Gap.TotalMilliseconds;
        foreach (var events in eventsByUser)
        {
            events.Sort((a, b) => a.Time.CompareTo(b.Time));
            var start = 0;
            for (var i = 1; i <= events.Count; i++)
            {
                if (i < events.Count && events[i].Time - events[i - 1].Time <= gapMs) continue;
                rows.Add(Baskets.Distinct(events.GetRange(start, i - start).Select(e => e.Item)));
                start = i;
            }
        }
        return new Baskets(items, rows);
    }
}

using ContentGrains.Core.Events;

namespace ContentGrains.Core.Kpis;

/// <summary>One cohort's retention: people first seen on <see cref="Day"/>, and the share of them active again on day 1
/// and day 7 after it. A day not yet covered by the data (after its last event's day) is null, not 0.</summary>
public sealed record CohortRetention(string Day, long People, ProportionInterval? Day1, ProportionInterval? Day7);

/// <summary>
/// Day-1 and day-7 retention by cohort. A person's cohort is the UTC day of their first event; they are retained on
/// day d when they have any event on cohort day + d (classic "day-N" retention, not "on or after"). Events may come in
/// any order: each person keeps their earliest day and a 64-bit mask of the days active after it (24 bytes per person
/// plus the dictionary's entry, about 100 bytes in all), so memory grows with people, not events.
/// </summary>
public sealed class RetentionCohorts
{
    private const int MaskDays = 64;
    private readonly Dictionary<string, PersonDays> people = new(StringComparer.Ordinal);
    private int lastDay = int.MinValue;

    public int People => people.Count;

    public void Add(Interaction e) => Add(e.UserId, e.Timestamp);

    public void Add(string personId, DateTimeOffset at)
    {
        var day = DayNumber(at);
        lastDay = Math.Max(lastDay, day);
        if (!people.TryGetValue(personId, out var known))
        {
            people[personId] = new PersonDays(day, 1);
            return;
        }
        people[personId] = known.With(day);
    }

    /// <summary>Cohorts whose first day lies in [from, to] (either may be null: open), oldest first.</summary>
    public IReadOnlyList<CohortRetention> Cohorts(DateOnly? from = null, DateOnly? to = null, double confidence = 0.95)
    {
        var cohorts = new SortedDictionary<int, (long People, long Day1, long Day7)>();
        foreach (var person in people.Values)
        {
            cohorts.TryGetValue(person.FirstDay, out var c);
            cohorts[person.FirstDay] = (c.People + 1, c.Day1 + person.ActiveOn(1), c.Day7 + person.ActiveOn(7));
        }
        var fromDay = from is { } f ? f.DayNumber : int.MinValue;
        var toDay = to is { } t ? t.DayNumber : int.MaxValue;
        return cohorts
            .Where(kv => kv.Key >= fromDay && kv.Key <= toDay)
            .Select(kv => new CohortRetention(
                DateOnly.FromDayNumber(kv.Key).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                kv.Value.People,
                kv.Key + 1 <= lastDay ? ProportionInterval.Wilson(kv.Value.Day1, kv.Value.People, confidence) : null,
                kv.Key + 7 <= lastDay ? ProportionInterval.Wilson(kv.Value.Day7, kv.Value.People, confidence) : null))
            .ToList();
    }

    public static int DayNumber(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime).DayNumber;

    /// <summary>The first active day and bit d set when active on first day + d.</summary>
    private readonly record struct PersonDays(int FirstDay, ulong Mask)
    {
        public PersonDays With(int day)
        {
            if (day >= FirstDay) return day - FirstDay < MaskDays ? this with { Mask = Mask | 1UL << (day - FirstDay) } : this;
            var shift = FirstDay - day;
            return new PersonDays(day, (shift < MaskDays ? Mask << shift : 0) | 1);
        }

        public long ActiveOn(int offset) => (long)((Mask >> offset) & 1);
    }
}

using ContentGrains.Core.Kpis;

namespace ContentGrains.Core.Tests.Kpis;

public sealed class RetentionCohortsTests
{
    private static readonly DateTimeOffset D0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private static DateTimeOffset Day(int d, int hour = 0) => D0.AddDays(d).AddHours(hour);

    [Fact]
    public void Day_1_and_day_7_retention_by_cohort_on_a_hand_built_log()
    {
        var cohorts = new RetentionCohorts();
        cohorts.Add("b", Day(2));          // out of order: b's first day (0) comes later
        cohorts.Add("a", Day(0));
        cohorts.Add("a", Day(1, 3));
        cohorts.Add("a", Day(7));
        cohorts.Add("b", Day(0, 5));
        cohorts.Add("c", Day(1));
        cohorts.Add("c", Day(2));
        cohorts.Add("c", Day(9));          // c started on day 1: day 9 is its day 8, not its day 7
        cohorts.Add("a", Day(8));
        cohorts.Add("e", Day(9));          // the last day: e's day 1 is not observed yet

        var result = cohorts.Cohorts();

        Assert.Equal(["2026-03-02", "2026-03-03", "2026-03-11"], result.Select(c => c.Day));
        var first = result[0];           // a and b
        Assert.Equal(2, first.People);
        Assert.Equal((1, 2), (first.Day1!.Successes, first.Day1.Trials));  // a on day 1; b came back on day 2 only
        Assert.Equal((1, 2), (first.Day7!.Successes, first.Day7.Trials));  // a on day 7
        var second = result[1];          // c
        Assert.Equal((1, 1), (second.Day1!.Successes, second.Day1.Trials));
        Assert.Equal((0, 1), (second.Day7!.Successes, second.Day7.Trials));
        Assert.Null(result[2].Day1);
        Assert.Null(result[2].Day7);
    }

    [Fact]
    public void Cohorts_are_filtered_by_their_first_day()
    {
        var cohorts = new RetentionCohorts();
        for (var d = 0; d < 10; d++) cohorts.Add($"p{d}", Day(d));
        var result = cohorts.Cohorts(DateOnly.FromDateTime(Day(3).UtcDateTime), DateOnly.FromDateTime(Day(5).UtcDateTime));
        Assert.Equal(["2026-03-05", "2026-03-06", "2026-03-07"], result.Select(c => c.Day));
        Assert.All(result, c => Assert.Equal(0, c.Day1!.Successes));
    }
}

using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Tests.Simulation;

public class PlantedSentimentSpikesTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Spikes_fall_on_known_items_and_days_in_the_second_half_and_lift_the_negative_share_there()
    {
        var planted = new PlantedSentimentSpikes(Seed: 1, CommentedItems: 20, Spikes: 4, Days: 30, End: End, Users: 100);
        var spikes = planted.Planted();
        var comments = planted.Comments().ToList();

        Assert.Equal([0L, 5, 10, 15], spikes.Select(s => s.Item));
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero), planted.FirstDay);
        Assert.All(spikes, s => Assert.InRange(s.Day, planted.FirstDay.AddDays(15), planted.FirstDay.AddDays(29)));
        Assert.All(spikes, s => Assert.Equal(s.UsualShare + 0.5, s.SpikeShare, 12));
        Assert.True(comments.Zip(comments.Skip(1)).All(p => p.First.At <= p.Second.At), "comments come in time order");
        Assert.All(comments, c => Assert.InRange(c.At, planted.FirstDay, planted.FirstDay.AddDays(30)));
        foreach (var s in spikes)
        {
            var day = comments.Where(c => c.Item == s.Item && c.At >= s.Day && c.At < s.Day.AddDays(1)).ToList();
            Assert.InRange(day.Count, 20, 60);
            Assert.InRange(day.Count(c => c.Negative) / (double)day.Count, s.SpikeShare - 0.25, s.SpikeShare + 0.25);
        }
        Assert.All(comments, c => Assert.Contains(c.Text, Texts(c.Negative ? CommentPhrases.Negative : CommentPhrases.Positive, c.Item)));
    }

    /// <summary>The bank's texts with each of the four words of the item's primary topic (item j's is j mod 20).</summary>
    private static IEnumerable<string> Texts(IReadOnlyList<string> bank, long item) =>
        bank.SelectMany(p => TopicVocabulary.Topics[(int)(item % 20)].Words.Take(4).Select(w => string.Format(p, w)));

    [Fact]
    public void The_same_seed_gives_the_same_comments_and_a_bad_setting_is_named()
    {
        var a = new PlantedSentimentSpikes(2, 5, 1, 10, End, 50).Comments().Take(50).ToList();
        var b = new PlantedSentimentSpikes(2, 5, 1, 10, End, 50).Comments().Take(50).ToList();

        Assert.Equal(a, b);
        Assert.Equal("Spikes", new PlantedSentimentSpikes(2, 5, 6, 10, End, 50).Problem()?.Field);
        Assert.Equal("Days", new PlantedSentimentSpikes(2, 5, 1, 3, End, 50).Problem()?.Field);
        Assert.Null(new PlantedSentimentSpikes(2, 5, 1, 10, End, 50).Problem());
    }
}

using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Performance;

namespace ContentGrains.Core.Tests.Performance;

public sealed class MindCtrSplitTests
{
    private static readonly DateTimeOffset Cutoff = new(2019, 11, 14, 0, 0, 0, TimeSpan.Zero);

    private static MindImpression Shown(string id, DateTimeOffset time, params (string News, bool Clicked)[] candidates) =>
        new(id, "U1", time, [], candidates.Select(c => new MindCandidate(c.News, c.Clicked)).ToList());

    private static MindCtrSplit Split() => MindCtrSplit.Build(
        [
            Shown("3", new(2019, 11, 14, 9, 0, 0, TimeSpan.Zero), ("N1", true), ("N4", true), ("N2", false)),
            Shown("1", new(2019, 11, 10, 10, 0, 0, TimeSpan.Zero), ("N1", true), ("N3", false)),
            Shown("2", new(2019, 11, 11, 12, 0, 0, TimeSpan.Zero), ("N1", false), ("N2", false)),
        ],
        [new MindNews("N1", "sports", "soccer", "Two words", "An abstract of six words here"), new MindNews("N2", "sports", "golf", "Golf", "")],
        Cutoff);

    [Fact]
    public void Articles_first_shown_before_the_cutoff_train_on_their_traffic_before_it()
    {
        var training = Split().Training.ToDictionary(e => e.Facts.ItemId);

        Assert.Equal(["N1", "N2", "N3"], training.Keys.Order());
        Assert.Equal(new CtrOutcome(2, 1), training["N1"].Outcome);
        Assert.Equal(new CtrOutcome(1, 0), training["N2"].Outcome);
        Assert.Equal(new CtrFacts("N1", "sports", null, null, 10, 2, 6, new CreatorHistory(0, 0), null), training["N1"].Facts);
    }

    [Fact]
    public void The_category_record_counts_only_what_was_shown_before_the_article()
    {
        var training = Split().Training.ToDictionary(e => e.Facts.ItemId);

        // N2 first shown on the 11th: sports had N1's one impression, clicked, on the 10th.
        Assert.Equal(new CreatorHistory(1, 1), training["N2"].Facts.Creator);
        Assert.Null(training["N2"].Facts.TextWords);
        Assert.Null(training["N3"].Facts.Creator);
    }

    [Fact]
    public void Articles_first_shown_from_the_cutoff_are_the_test_with_all_their_traffic()
    {
        var split = Split();

        var test = Assert.Single(split.Test);
        Assert.Equal(new CtrExample(new CtrFacts("N4", null, null, null, 9, null, null, null, null), new CtrOutcome(1, 1)), test);
        Assert.Equal(["N1", "N2"], split.Texts.Keys.Order());
    }
}

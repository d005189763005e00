using ContentGrains.Core.Click;

namespace ContentGrains.Core.Tests.Click;

public sealed class CoClickProfileTests
{
    [Fact]
    public void A_history_like_the_clickers_histories_lifts_the_item_and_an_unrelated_one_does_not()
    {
        var profile = new CoClickProfile();
        // Four people: two read "a" before, two read "b". Both "a" readers clicked X.
        profile.AddPerson(["a"]);
        profile.AddPerson(["a"]);
        profile.AddPerson(["b"]);
        profile.AddPerson(["b"]);
        profile.AddClick("X", ["a"]);
        profile.AddClick("X", ["a"]);

        // P(a) = 2/4; P(a | clicked X) smoothed = (2 + 1 · ½) / (2 + 1) = 5/6; lift = (5/6) / (1/2) = 5/3.
        Assert.Equal((float)Math.Log(5.0 / 3), profile.Score("X", ["a"])!.Value, 5);
        // "b" never co-occurred with X: its lift is below 1, which counts as 0.
        Assert.Equal(0f, profile.Score("X", ["b"]));
        // Mean over the history's items: (log 5/3 + 0) / 2.
        Assert.Equal((float)(Math.Log(5.0 / 3) / 2), profile.Score("X", ["a", "b"])!.Value, 5);
        Assert.Null(profile.Score("X", []));
    }
}

using ContentGrains.Core.Data;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Tests.Models;

public class UserKnnModelTests
{
    // Users: u0 {0, 1}, u1 {0, 1, 2}, u2 {3}, u3 {0}.
    private static readonly InteractionSet Train = InteractionSet.FromPairs(4, 4, [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 3), (3, 0)]);

    [Fact]
    public void Scores_by_hand()
    {
        // History {0, 1} is u0's own set, so u0 is skipped. cos(u1) = 2 / sqrt(2·3), cos(u3) = 1 / sqrt(2·1); u2 shares nothing.
        var model = new UserKnnModel(neighbours: 10);
        model.Fit(Train);
        var scores = new float[4];

        model.ScoreHistory([0, 1], scores);

        var (u1, u3) = ((float)(2 / Math.Sqrt(6)), (float)(1 / Math.Sqrt(2)));
        Assert.Equal(u1 + u3, scores[0], 5);
        Assert.Equal(u1, scores[1], 5);
        Assert.Equal(u1, scores[2], 5);
        Assert.Equal(0f, scores[3]);
    }

    [Fact]
    public void Keeps_the_most_similar_users_and_scores_a_training_user_as_their_history()
    {
        var model = new UserKnnModel(neighbours: 1);
        model.Fit(Train);
        var fromUser = new float[4];
        var fromHistory = new float[4];

        model.Score(0, fromUser);
        model.ScoreHistory(Train.ItemsOf(0), fromHistory);

        Assert.Equal(fromHistory, fromUser);
        var u1 = (float)(2 / Math.Sqrt(6)); // u1 (0.816) is kept, u3 (0.707) is not
        Assert.Equal(u1, fromUser[0], 5);
        Assert.Equal(u1, fromUser[2], 5);
    }
}

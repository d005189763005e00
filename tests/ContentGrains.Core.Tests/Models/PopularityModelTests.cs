using ContentGrains.Core.Data;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Tests.Models;

public class PopularityModelTests
{
    [Fact]
    public void Scores_items_by_training_user_count_for_everyone()
    {
        var train = InteractionSet.FromPairs(3, 4, [(0, 1), (1, 1), (2, 1), (0, 3), (2, 3), (1, 0)]);
        var model = new PopularityModel();
        model.Fit(train);
        var scores = new float[4];

        model.Score(2, scores);

        Assert.Equal([1f, 3f, 0f, 2f], scores);
    }

    [Fact]
    public void Refuses_to_score_before_fitting()
    {
        Assert.Throws<InvalidOperationException>(() => new PopularityModel().Score(0, new float[2]));
    }
}

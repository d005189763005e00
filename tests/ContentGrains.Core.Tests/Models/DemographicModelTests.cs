using ContentGrains.Core.Data;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Tests.Models;

public class DemographicModelTests
{
    private const string UserFile =
        "user_id:token\tgender:token\toccupation:token\n" +
        "u0\tM\tstudent\nu1\tM\tother\nu2\tF\tstudent\nu3\tF\tother\n";

    // u0 {0, 1}, u1 {0}, u2 {2}, u3 {2}: global shares p = (2/4, 1/4, 2/4).
    private static readonly InteractionSet Train = InteractionSet.FromPairs(4, 3, [(0, 0), (0, 1), (1, 0), (2, 2), (3, 2)]);

    private static DemographicModel FittedModel(double shrinkage = 2)
    {
        var users = new IdMap();
        foreach (var id in new[] { "u0", "u1", "u2", "u3" })
            users.GetOrAdd(id);
        var table = FeatureTable.Build(AtomicFile.Parse(new StringReader(UserFile)), users, new FeatureTableOptions(MinDocumentFrequency: 1));
        var model = new DemographicModel(table, shrinkage);
        model.Fit(Train);
        return model;
    }

    [Fact]
    public void Mean_of_the_shrunk_shares_of_the_users_groups()
    {
        // m = 2. Men (u0, u1): item counts (2, 1, 0) → ((2 + 1) / 4, (1 + 0.5) / 4, (0 + 1) / 4) = (0.75, 0.375, 0.25).
        // Students (u0, u2): (1, 1, 1) → ((1 + 1) / 4, (1 + 0.5) / 4, (1 + 1) / 4) = (0.5, 0.375, 0.5).
        var scores = new float[3];

        FittedModel().Score(0, scores);

        Assert.Equal([0.625f, 0.375f, 0.375f], scores);
    }

    [Fact]
    public void Without_features_it_is_popularity()
    {
        var scores = new float[3];

        FittedModel().ScoreFeatures([], scores);

        Assert.Equal([0.5f, 0.25f, 0.5f], scores);
    }

    [Fact]
    public void Without_shrinkage_a_group_scores_its_own_shares()
    {
        var model = FittedModel(shrinkage: 0);
        Assert.True(model.UserFeatures.TryGetFeature("gender=F", out var women));
        var scores = new float[3];

        model.ScoreFeatures([women], scores);

        Assert.Equal([0f, 0f, 1f], scores); // u2 and u3 both took item 2 only
    }

    [Fact]
    public void Scores_a_new_user_from_their_side_file_cells()
    {
        var scores = new float[3];

        FittedModel().ScoreFields(new Dictionary<string, string> { ["gender"] = "M", ["occupation"] = "student", ["zip_code"] = "x" }, scores);

        Assert.Equal([0.625f, 0.375f, 0.375f], scores);
    }

    [Fact]
    public void Without_a_user_file_the_context_is_refused_naming_the_file()
    {
        var context = new ModelContext(new IdMap(), new IdMap());

        var error = Assert.Throws<InvalidOperationException>(() => DemographicModel.FromContext(context));

        Assert.Contains(".user", error.Message);
    }
}

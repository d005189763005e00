using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;
using ContentGrains.Core.Models.Ranking;

namespace ContentGrains.Core.Tests.Models;

public class HybridModelTests
{
    private const int Users = 80, Items = 40;

    /// <summary>
    /// Two tastes: even users take items 0-19, odd users 20-39, ten items each plus one from the other half; each
    /// user's eleven items are shuffled into train (8), validation (2) and test (1).
    /// </summary>
    private static GivenSplit TwoTastes()
    {
        var random = new Random(11);
        var (train, valid, test) = (new List<(int, int)>(), new List<(int, int)>(), new List<(int, int)>());
        for (var user = 0; user < Users; user++)
        {
            var own = user % 2 * 20;
            var items = Enumerable.Range(own, 20).OrderBy(_ => random.Next()).Take(10).Append((own + 20 + random.Next(20)) % Items)
                .OrderBy(_ => random.Next()).ToArray();
            for (var k = 0; k < items.Length; k++)
                (k < 8 ? train : k < 10 ? valid : test).Add((user, items[k]));
        }
        var (userIds, itemIds) = (new IdMap(), new IdMap());
        for (var u = 0; u < Users; u++)
            userIds.GetOrAdd($"u{u}");
        for (var i = 0; i < Items; i++)
            itemIds.GetOrAdd($"i{i}");
        InteractionSet Set(List<(int, int)> pairs) => InteractionSet.FromPairs(Users, Items, pairs);
        return GivenSplit.FromSets(userIds, itemIds, Set(train), Set(valid), Set(test));
    }

    private static readonly HybridOptions Small = new(CandidatesPerScorer: 5, UserKnnNeighbours: 10,
        Ranker: new RankerOptions(Trees: 5, Leaves: 4, MinRowsInLeaf: 20, LinearIterations: 30));

    private static HybridModel Fitted(GivenSplit split, HybridOptions? options = null)
    {
        var model = new HybridModel(ModelContext.Of(split), options ?? Small);
        model.Fit(split.Train);
        return model;
    }

    [Fact]
    public void Scoring_a_users_train_history_gives_that_users_scores()
    {
        var split = TwoTastes();
        var model = Fitted(split);
        var (fromUser, fromHistory) = (new float[Items], new float[Items]);

        for (var user = 0; user < Users; user++)
        {
            model.Score(user, fromUser);
            model.ScoreHistory(split.Train.ItemsOf(user), fromHistory);
            Assert.Equal(fromHistory, fromUser);
        }
    }

    [Fact]
    public void Items_outside_the_candidates_score_below_every_candidate()
    {
        var split = TwoTastes();
        var model = Fitted(split);
        var (candidates, rows, scores) = (new List<int>(), new List<float>(), new float[Items]);

        for (var user = 0; user < Users; user++)
        {
            model.Features.Build(split.Train.ItemsOf(user), candidates, rows, new float[Items]);
            model.Score(user, scores);
            var lowestCandidate = candidates.Min(item => scores[item]);
            var highestOther = Enumerable.Range(0, Items).Except(candidates).Max(item => scores[item]);
            Assert.InRange(candidates.Count, 5, 3 * 5 + 2 * 5); // five per base scorer, overlapping
            Assert.True(highestOther < lowestCandidate, $"user {user}: {highestOther} is not below {lowestCandidate}");
        }
    }

    /// <summary>The share of each user's top 5 unseen items (train and validation excluded) that are of the user's taste.</summary>
    private static double OwnTasteShare(IRecommenderModel model, GivenSplit split)
    {
        var (own, listed) = (0, 0);
        var scores = new float[Items];
        var top = new int[5];
        for (var user = 0; user < Users; user++)
        {
            model.Score(user, scores);
            foreach (var item in split.Train.ItemsOf(user))
                scores[item] = float.NegativeInfinity;
            foreach (var item in split.Valid.ItemsOf(user))
                scores[item] = float.NegativeInfinity;
            var count = TopK.Select(scores, top);
            own += top[..count].Count(item => item / 20 == user % 2);
            listed += count;
        }
        return own / (double)listed;
    }

    [Fact]
    public void Recommends_the_users_own_taste()
    {
        var split = TwoTastes();
        var model = Fitted(split);

        // Half the unseen items are of the other taste, so a random top 5 would be about 1/3 the user's own.
        Assert.True(OwnTasteShare(model, split) > 0.95, $"{OwnTasteShare(model, split):F3}");
    }

    [Fact]
    public void A_saved_model_scores_any_history_as_the_fitted_one()
    {
        var split = TwoTastes();
        var model = Fitted(split);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = HybridModel.Load(stream);

        var (expected, actual) = (new float[Items], new float[Items]);
        foreach (var history in new[] { split.Train.ItemsOf(0).ToArray(), split.Train.ItemsOf(1).ToArray(), [3, 25], [] })
        {
            model.ScoreHistory(history, expected);
            loaded.ScoreHistory(history, actual);
            Assert.Equal(expected, actual);
        }
        Assert.Throws<InvalidOperationException>(() => loaded.Score(0, actual)); // a loaded model knows histories, not users
    }

    [Fact]
    public void Learns_from_a_hold_out_of_train_when_there_is_no_validation_set()
    {
        var split = TwoTastes();
        var model = new HybridModel(new ModelContext(split.Users, split.Items), Small);
        model.Fit(split.Train);

        // One held-out item per user here (12.5 % of 8) against two validation items: a little less to learn from.
        Assert.True(OwnTasteShare(model, split) > 0.9, $"{OwnTasteShare(model, split):F3}");
    }

    [Fact]
    public void Hold_out_moves_a_share_of_each_users_items()
    {
        var train = InteractionSet.FromPairs(3, 10, [.. Enumerable.Range(0, 8).Select(i => (0, i)), (1, 0), (1, 1), (2, 5)]);

        var (kept, heldOut) = HybridModel.HoldOut(train, fraction: 0.25, seed: 1);

        Assert.Equal([6, 1, 1], [kept.CountOf(0), kept.CountOf(1), kept.CountOf(2)]);
        Assert.Equal([2, 1, 0], [heldOut.CountOf(0), heldOut.CountOf(1), heldOut.CountOf(2)]);
        for (var user = 0; user < 3; user++)
            Assert.Equal(train.ItemsOf(user).ToArray(), kept.ItemsOf(user).ToArray().Concat(heldOut.ItemsOf(user).ToArray()).Order());
    }
}

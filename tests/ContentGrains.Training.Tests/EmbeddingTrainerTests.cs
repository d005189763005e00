using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Models;
using ContentGrains.Training.Embedding;

namespace ContentGrains.Training.Tests;

public class EmbeddingTrainerTests
{
    /// <summary>Small and quick for the block data; no early stopping (no validation set).</summary>
    private static readonly EmbeddingOptions SmallOptions = new() { Dimensions = 8, LearningRate = 0.01, BatchUsers = 8, MaxEpochs = 60 };

    /// <summary>Tags say which block an item is in ("left" for the first half, "right" for the second); no text.</summary>
    private static ItemMetadata BlockTags(BlockData data) =>
        new(["left", "right"], Enumerable.Range(0, data.ItemCount).Select(i => new[] { i < data.ItemCount / 2 ? 0 : 1 }).ToArray(), 0, []);

    private static EmbeddingModel Fit(BlockData data, int seed = 3)
    {
        var model = new EmbeddingModel(new EmbeddingTrainer(SmallOptions, seed), BlockTags(data));
        model.Fit(data.Train);
        return model;
    }

    [Fact]
    public void Ranks_each_users_held_out_block_items_above_the_other_block()
    {
        var data = new BlockData();
        var model = Fit(data);

        var scores = new float[data.ItemCount];
        for (var user = 0; user < data.UserCount; user++)
        {
            model.Score(user, scores);
            var lowestHeldOut = data.HeldOut.ItemsOf(user).ToArray().Min(item => scores[item]);
            var highestOtherBlock = data.OtherBlockItems(user).Max(item => scores[item]);
            Assert.True(lowestHeldOut > highestOtherBlock, $"user {user}: held-out items score from {lowestHeldOut}, other block up to {highestOtherBlock}");
        }
        Assert.Equal(60, model.LastFit!.EpochsRun);
        Assert.Contains(model.LastFit.Device, new[] { "cpu", "cuda" });
        Assert.False(model.LastFit.RowUpdates); // 40 items fit the full softmax: dense Adam, as before
        Assert.Equal(60L * data.Train.UserCount, model.LastFit.ExamplesTrained);
    }

    [Fact]
    public void A_catalog_larger_than_the_softmax_trains_on_sampled_candidates()
    {
        // 40 items, at most 10 in the softmax: each step scores the batch's targets plus 10 drawn items.
        var data = new BlockData();
        var model = new EmbeddingModel(new EmbeddingTrainer(SmallOptions with { SoftmaxItems = 10 }, 3), BlockTags(data));
        model.Fit(data.Train);

        var scores = new float[data.ItemCount];
        var correct = 0;
        for (var user = 0; user < data.UserCount; user++)
        {
            model.Score(user, scores);
            var heldOut = data.HeldOut.ItemsOf(user).ToArray();
            correct += heldOut.Count(item => scores[item] > data.OtherBlockItems(user).Max(other => scores[other]));
        }
        Assert.True(correct >= 0.9 * data.HeldOut.Count, $"{correct} of {data.HeldOut.Count} held-out items outrank the whole other block");
        Assert.True(model.LastFit!.RowUpdates); // sampled softmax: only the touched id rows are updated (RowAdam)
    }

    [Fact]
    public void The_example_budget_stops_training_mid_epoch()
    {
        // Two full epochs plus 5 users of a third: the step that crosses the budget is the last (batches of 8 users).
        var data = new BlockData();
        var users = data.Train.UserCount;
        var budget = 2L * users + 5;
        var model = new EmbeddingModel(new EmbeddingTrainer(SmallOptions with { ExampleBudget = budget }, 3), BlockTags(data));
        model.Fit(data.Train);

        Assert.Equal(3, model.LastFit!.EpochsRun);
        Assert.Equal(2L * users + Math.Min(SmallOptions.BatchUsers, users), model.LastFit.ExamplesTrained);
    }

    [Fact]
    public void A_budget_of_no_examples_is_refused_by_name()
    {
        var data = new BlockData();
        var model = new EmbeddingModel(new EmbeddingTrainer(SmallOptions with { ExampleBudget = 0 }, 3), BlockTags(data));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(data.Train));
        Assert.Equal("ExampleBudget", error.ParamName);
    }

    [Fact]
    public void History_scores_are_the_user_vector_dotted_with_every_item_vector()
    {
        var data = new BlockData();
        var model = Fit(data);
        int[] history = [3, 1, 25, 3];

        var user = new float[model.Dimensions];
        model.UserVector(history, user);
        var scores = new float[model.ItemCount];
        model.ScoreHistory(history, scores);
        for (var item = 0; item < model.ItemCount; item++)
            Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Dot(user, model.ItemVectorOf(item)), scores[item]);

        // The user vector is the mean of the distinct items' input vectors.
        var d = model.Dimensions;
        for (var f = 0; f < d; f++)
            Assert.Equal((model.InputVectors[1 * d + f] + model.InputVectors[3 * d + f] + model.InputVectors[25 * d + f]) / 3, user[f], 5);
    }

    [Fact]
    public void The_next_event_changes_the_scores_without_retraining()
    {
        var model = Fit(new BlockData());
        var before = new float[model.ItemCount];
        var after = new float[model.ItemCount];
        model.ScoreHistory([1, 2], before);
        model.ScoreHistory([1, 2, 30, 31, 32], after); // three items of the other block arrive
        Assert.True(after[35] - after[5] > before[35] - before[5], "items of the new block gain on the old block");
    }

    [Fact]
    public void One_seed_gives_the_same_model_on_the_cpu_and_round_trips_bit_for_bit()
    {
        var data = new BlockData();
        var first = Fit(data);
        var second = Fit(data);
        Assert.Equal(first.ItemVectors.ToArray(), second.ItemVectors.ToArray());
        Assert.Equal(first.InputVectors.ToArray(), second.InputVectors.ToArray());
        Assert.NotEqual(first.ItemVectors.ToArray(), Fit(data, seed: 4).ItemVectors.ToArray());

        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ModelFormats.Write(writer, first);
        var loaded = (EmbeddingModel)ModelFormats.Read(new BinaryReader(new MemoryStream(stream.ToArray())));
        var expected = new float[first.ItemCount];
        var actual = new float[first.ItemCount];
        first.ScoreHistory([4, 7, 33], expected);
        loaded.ScoreHistory([4, 7, 33], actual);
        Assert.Equal(expected, actual);
        Assert.Equal(first.EmbedItem(["right"], []), loaded.EmbedItem(["right"], []));
    }

    [Fact]
    public void Untouched_items_get_their_vector_from_their_tags_alone()
    {
        var data = new BlockData();
        // Item 39 (right block) loses every training interaction: its vector must come from its tag only.
        var pairs = Enumerable.Range(0, data.UserCount)
            .SelectMany(u => data.Train.ItemsOf(u).ToArray().Where(i => i != 39).Select(i => (u, i))).ToList();
        var train = Core.Data.InteractionSet.FromPairs(data.UserCount, data.ItemCount, pairs);
        var model = new EmbeddingModel(new EmbeddingTrainer(SmallOptions with { IdDropout = 0.5 }, 3), BlockTags(data));
        model.Fit(train);

        Assert.Equal(model.EmbedItem(["right"], []), model.ItemVectorOf(39).ToArray());
        var scores = new float[data.ItemCount];
        model.ScoreHistory([20, 21, 22], scores); // a right-block user
        Assert.True(scores[39] > Enumerable.Range(0, data.ItemCount / 2).Max(i => scores[i]), "the cold right item outranks every left item");
    }

    [Fact]
    public void Bad_options_and_mismatched_metadata_name_the_problem()
    {
        var data = new BlockData();
        var fraction = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new EmbeddingModel(new EmbeddingTrainer(SmallOptions with { TargetFraction = 1 }), BlockTags(data)).Fit(data.Train));
        Assert.Equal("TargetFraction", fraction.ParamName);
        var mismatch = Assert.Throws<ArgumentException>(() =>
            new EmbeddingModel(new EmbeddingTrainer(SmallOptions), ItemMetadata.None(3)).Fit(data.Train));
        Assert.Contains("the item metadata 3", mismatch.Message);
    }
}

using ContentGrains.Core.Data;

namespace ContentGrains.Training.Tests;

public class BprModelTests
{
    /// <summary>
    /// Small and quick for the block data. The L2 term matters: a user's held-out items are among the negatives they
    /// are trained against, and without it enough epochs memorise those pairs and push the held-out items down.
    /// </summary>
    private static readonly BprOptions SmallOptions = new()
    {
        Dimension = 8,
        LearningRate = 0.01,
        BatchSize = 64,
        L2 = 0.01,
        MaxEpochs = 40,
    };

    [Fact]
    public void Ranks_each_users_held_out_block_items_above_the_other_block()
    {
        var data = new BlockData();
        var model = new BprModel(SmallOptions, seed: 3);

        model.Fit(data.Train);

        var scores = new float[data.ItemCount];
        for (var user = 0; user < data.UserCount; user++)
        {
            model.Score(user, scores);
            var lowestHeldOut = Min(scores, data.HeldOut.ItemsOf(user).ToArray());
            var highestOtherBlock = Max(scores, data.OtherBlockItems(user));
            Assert.True(lowestHeldOut > highestOtherBlock,
                $"user {user}: held-out items score from {lowestHeldOut}, other block up to {highestOtherBlock}");
        }
    }

    [Fact]
    public void Early_stopping_keeps_the_best_validation_epoch()
    {
        var data = new BlockData();
        var options = SmallOptions with { MaxEpochs = 60, EvaluateEvery = 2, Patience = 2 };
        var model = new BprModel(options, validation: data.HeldOut, seed: 3);

        model.Fit(data.Train);

        var report = model.LastFit!;
        Assert.InRange(report.BestEpoch, 2, report.EpochsRun);
        Assert.Equal(0, report.BestEpoch % options.EvaluateEvery);
        // The kept factors are the best epoch's: recomputing the validation NDCG from them gives the reported value.
        var ndcg = BprTrainer.ValidationNdcg(model.UserFactors.ToArray(), model.ItemFactors.ToArray(), model.Dimension,
            data.Train, data.HeldOut, options.ValidationK);
        Assert.Equal(report.BestValidationNdcg, ndcg, 12);
        Assert.True(ndcg > 0.9, $"validation NDCG {ndcg}"); // the block structure is easy to learn
    }

    [Fact]
    public void Same_seed_gives_identical_factors_and_another_seed_does_not()
    {
        var data = new BlockData();

        var first = new BprModel(SmallOptions, seed: 11);
        first.Fit(data.Train);
        var second = new BprModel(SmallOptions, seed: 11);
        second.Fit(data.Train);
        var other = new BprModel(SmallOptions, seed: 12);
        other.Fit(data.Train);

        Assert.Equal(first.ItemFactors.ToArray(), second.ItemFactors.ToArray());
        Assert.Equal(first.UserFactors.ToArray(), second.UserFactors.ToArray());
        Assert.NotEqual(first.ItemFactors.ToArray(), other.ItemFactors.ToArray());
    }

    [Fact]
    public void Save_then_load_gives_identical_scores_and_factors()
    {
        var data = new BlockData();
        var model = new BprModel(SmallOptions with { MaxEpochs = 5 }, seed: 5);
        model.Fit(data.Train);

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = BprModel.Load(stream);

        Assert.Equal(stream.Length, stream.Position); // the whole file was read
        Assert.Equal((model.UserCount, model.ItemCount, model.Dimension), (loaded.UserCount, loaded.ItemCount, loaded.Dimension));
        Assert.Equal(model.ItemFactors.ToArray(), loaded.ItemFactors.ToArray());
        var expected = new float[data.ItemCount];
        var actual = new float[data.ItemCount];
        for (var user = 0; user < data.UserCount; user++)
        {
            model.Score(user, expected);
            loaded.Score(user, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Load_rejects_a_stream_that_is_not_a_factor_file()
    {
        using var stream = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.Throws<InvalidDataException>(() => BprModel.Load(stream));
    }

    [Fact]
    public void Item_factors_are_the_rows_that_scores_are_dot_products_of()
    {
        var data = new BlockData();
        var model = new BprModel(SmallOptions with { MaxEpochs = 3 }, seed: 5);
        model.Fit(data.Train);

        var scores = new float[data.ItemCount];
        model.Score(7, scores);

        var user = model.UserFactorsOf(7);
        var item = model.ItemFactorsOf(30);
        var dot = 0f;
        for (var d = 0; d < model.Dimension; d++)
            dot += user[d] * item[d];
        Assert.Equal(dot, scores[30], 1e-5f);
        Assert.Equal(model.ItemFactors.Slice(30 * model.Dimension, model.Dimension).ToArray(), item.ToArray());
    }

    [Fact]
    public void Scoring_before_fitting_fails()
    {
        var model = new BprModel();

        Assert.Throws<InvalidOperationException>(() => model.Score(0, new float[3]));
    }

    private static float Min(float[] scores, IEnumerable<int> items) => items.Min(item => scores[item]);

    private static float Max(float[] scores, IEnumerable<int> items) => items.Max(item => scores[item]);
}

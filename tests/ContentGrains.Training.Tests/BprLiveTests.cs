using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Models;

namespace ContentGrains.Training.Tests;

/// <summary>BPR as a live kind: scored from a user's items (a fold-in), published as bytes, trained by the live trainer.</summary>
[Collection(LiveKindRegistry.Name)]
public class BprLiveTests
{
    private static readonly BprOptions SmallOptions = new()
    {
        Dimension = 8,
        LearningRate = 0.01,
        BatchSize = 64,
        L2 = 0.01,
        MaxEpochs = 40,
    };

    private static BprModel Fitted(BlockData data, BprOptions? options = null)
    {
        var model = new BprModel(options ?? SmallOptions, seed: 3);
        model.Fit(data.Train);
        return model;
    }

    [Fact]
    public void History_scores_rank_the_users_block_above_the_other_block()
    {
        var data = new BlockData();
        var model = Fitted(data);

        var scores = new float[data.ItemCount];
        for (var user = 0; user < data.UserCount; user++)
        {
            model.ScoreHistory(data.Train.ItemsOf(user), scores);
            var lowestHeldOut = data.HeldOut.ItemsOf(user).ToArray().Min(item => scores[item]);
            var highestOtherBlock = data.OtherBlockItems(user).Max(item => scores[item]);
            Assert.True(lowestHeldOut > highestOtherBlock,
                $"user {user}: held-out items score from {lowestHeldOut}, other block up to {highestOtherBlock}");
        }
    }

    [Fact]
    public void The_fold_in_solves_the_weighted_least_squares_system()
    {
        var data = new BlockData();
        var model = Fitted(data, SmallOptions with { FoldInAlpha = 2, FoldInRegularization = 0.5 });
        int[] history = [3, 7, 11];
        var k = model.Dimension;

        var user = new double[k];
        model.FoldIn(history, user, alpha: 2, regularization: 0.5);

        // (QᵀQ + 2 Σ_H q qᵀ + λI) u = 3 Σ_H q with λ = 0.5 · trace(QᵀQ)/k, built here the long way.
        var q = model.ItemFactors.ToArray();
        var gram = new double[k, k];
        for (var item = 0; item < model.ItemCount; item++)
        for (var f = 0; f < k; f++)
        for (var g = 0; g < k; g++)
            gram[f, g] += (double)q[item * k + f] * q[item * k + g];
        var lambda = 0.5 * Enumerable.Range(0, k).Sum(f => gram[f, f]) / k;
        for (var f = 0; f < k; f++)
        {
            var left = lambda * user[f];
            for (var g = 0; g < k; g++)
            {
                var system = gram[f, g] + history.Sum(item => 2.0 * q[item * k + f] * q[item * k + g]);
                left += system * user[g];
            }
            var right = history.Sum(item => 3.0 * q[item * k + f]);
            Assert.Equal(right, left, 6);
        }
    }

    [Fact]
    public void History_scores_are_deterministic_and_ignore_order_and_repeats()
    {
        var data = new BlockData();
        var model = Fitted(data);
        var again = Fitted(data);

        var first = new float[data.ItemCount];
        var second = new float[data.ItemCount];
        var shuffled = new float[data.ItemCount];
        model.ScoreHistory([4, 9, 2, 15], first);
        again.ScoreHistory([4, 9, 2, 15], second);
        model.ScoreHistory([15, 2, 9, 4, 9], shuffled);

        Assert.Equal(first, second);
        Assert.Equal(first, shuffled);
        Assert.NotEqual(0f, first[0]);
    }

    [Fact]
    public void An_empty_history_scores_every_item_zero()
    {
        var model = Fitted(new BlockData());
        var scores = Enumerable.Repeat(1f, model.ItemCount).ToArray();

        model.ScoreHistory([], scores);

        Assert.All(scores, score => Assert.Equal(0f, score));
    }

    [Fact]
    public void The_published_bytes_read_back_through_model_formats_score_identically()
    {
        TrainingKinds.Register();
        var data = new BlockData();
        var model = Fitted(data, SmallOptions with { FoldInAlpha = 5, FoldInRegularization = 2 });

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ModelFormats.Write(writer, model);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var loaded = Assert.IsType<BprModel>(ModelFormats.Read(reader));

        Assert.Equal(stream.Length, stream.Position);
        Assert.Equal((5.0, 2.0), (loaded.Options.FoldInAlpha, loaded.Options.FoldInRegularization));
        var expected = new float[data.ItemCount];
        var actual = new float[data.ItemCount];
        for (var user = 0; user < data.UserCount; user++)
        {
            model.ScoreHistory(data.Train.ItemsOf(user), expected);
            loaded.ScoreHistory(data.Train.ItemsOf(user), actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void The_live_trainer_trains_bpr_for_the_live_epoch_count_once_registered()
    {
        TrainingKinds.Register();
        var data = new BlockData(users: 10, items: 12, heldOutPerUser: 1);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = Enumerable.Range(0, data.UserCount)
            .SelectMany(user => data.Train.ItemsOf(user).ToArray().Select(item => (user, item)))
            .Select((pair, n) => new Interaction($"e{n}", $"u{pair.user}", $"i{pair.item}", EventType.View, start.AddSeconds(n), "web", 0, null, null))
            .ToList();

        var (live, report) = LiveModelTrainer.Train("feed", 1, start, events, BprModel.KindName);

        Assert.Contains(BprModel.KindName, LiveModelTrainer.Kinds);
        Assert.Equal((BprModel.KindName, events.Count, 10, 12), (report.Kind, report.Positives, report.Users, report.Items));
        var bpr = Assert.IsType<BprModel>(live.Scorer);
        Assert.Equal(TrainingKinds.LiveEpochs, bpr.LastFit!.EpochsRun);

        // Silos load the published artifact: it scores histories exactly as the trained one.
        var loaded = LiveModel.FromBytes(live.ToBytes());
        var history = new[] { live.IndexOf("i0"), live.IndexOf("i1") };
        var expected = new float[live.ItemIds.Count];
        var actual = new float[live.ItemIds.Count];
        live.Scorer.ScoreHistory(history, expected);
        loaded.Scorer.ScoreHistory(history, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(BprModel.KindName, loaded.Kind);
    }
}

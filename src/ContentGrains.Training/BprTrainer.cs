using System.Diagnostics;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training;

/// <summary>
/// The training loop of <see cref="BprModel"/>, as RecBole's BPR runs it: each epoch shuffles the training pairs,
/// gives each pair one uniform negative, and takes one Adam step per batch on
/// −mean(log σ(u·i − u·j)) (+ L2 on the batch's embeddings when asked). Every few epochs it ranks all items for the
/// validation users, keeps the weights of the best validation NDCG and stops after a few checks without improvement.
/// </summary>
internal static class BprTrainer
{
    public sealed record Result(float[] UserFactors, float[] ItemFactors, BprFitReport Report);

    public static Result Train(InteractionSet train, InteractionSet? validation, BprOptions options, int seed)
    {
        options.Validate();
        if (validation is not null && (validation.UserCount != train.UserCount || validation.ItemCount != train.ItemCount))
            throw new ArgumentException("The validation set must share the training set's users and items.", nameof(validation));

        torch.set_num_threads(options.Threads);
        var clock = Stopwatch.StartNew();
        var processorTimeAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var random = new Random(seed);
        var dimension = options.Dimension;
        var (pairUsers, pairItems) = TrainingPairs(train);
        var sampler = new UniformNegativeSampler(train, random);

        using var userWeights = SeededTensors.XavierNormal(train.UserCount, dimension, random);
        using var itemWeights = SeededTensors.XavierNormal(train.ItemCount, dimension, random);
        using var optimizer = new AdamOptimizer([userWeights, itemWeights], options.LearningRate);
        using var one = 1.0.ToScalar();
        using var minusOne = (-1.0).ToScalar();

        var order = Enumerable.Range(0, pairUsers.Length).ToArray();
        var best = (Users: Copy(userWeights), Items: Copy(itemWeights), Epoch: 0, Ndcg: double.NaN);
        var checksWithoutImprovement = 0;
        var epoch = 0;
        while (epoch < options.MaxEpochs)
        {
            epoch++;
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start));
                var users = new long[batch.Length];
                var positives = new long[batch.Length];
                var negatives = new long[batch.Length];
                for (var b = 0; b < batch.Length; b++)
                {
                    users[b] = pairUsers[batch[b]];
                    positives[b] = pairItems[batch[b]];
                    negatives[b] = sampler.Sample(pairUsers[batch[b]]);
                }
                Step(userWeights, itemWeights, optimizer, users, positives, negatives, options.L2, one, minusOne);
            }

            if (validation is null || (epoch % options.EvaluateEvery != 0 && epoch != options.MaxEpochs))
                continue;
            var userFactors = Copy(userWeights);
            var itemFactors = Copy(itemWeights);
            var ndcg = ValidationNdcg(userFactors, itemFactors, dimension, train, validation, options.ValidationK);
            if (double.IsNaN(best.Ndcg) || ndcg > best.Ndcg)
            {
                best = (userFactors, itemFactors, epoch, ndcg);
                checksWithoutImprovement = 0;
            }
            else if (++checksWithoutImprovement > options.Patience)
                break;
        }

        if (validation is null)
            best = (Copy(userWeights), Copy(itemWeights), epoch, double.NaN);
        return new Result(best.Users, best.Items, new BprFitReport(epoch, best.Epoch, best.Ndcg, clock.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime - processorTimeAtStart));
    }

    /// <summary>One Adam step on a batch of (user, positive item, negative item) triples.</summary>
    private static void Step(Tensor userWeights, Tensor itemWeights, AdamOptimizer optimizer,
        long[] users, long[] positives, long[] negatives, double l2, Scalar one, Scalar minusOne)
    {
        using var scope = torch.NewDisposeScope();
        var userIndex = torch.tensor(users, dtype: ScalarType.Int64);
        var positiveIndex = torch.tensor(positives, dtype: ScalarType.Int64);
        var negativeIndex = torch.tensor(negatives, dtype: ScalarType.Int64);
        var user = userWeights.index_select(0, userIndex);
        var positive = itemWeights.index_select(0, positiveIndex);
        var negative = itemWeights.index_select(0, negativeIndex);

        // u·i − u·j = u·(i − j), written i + (−1)·j so the alpha is an explicit Scalar.
        var margin = user.mul(positive.add(negative, minusOne)).sum(1);
        var loss = torch.nn.functional.logsigmoid(margin).mean().neg();
        if (l2 > 0)
        {
            var squaredNorms = user.mul(user).sum().add(positive.mul(positive).sum(), one).add(negative.mul(negative).sum(), one);
            using var weight = (l2 / users.Length).ToScalar();
            loss = loss.add(squaredNorms, weight);
        }

        optimizer.ZeroGrad();
        loss.backward();
        optimizer.Step();
    }

    /// <summary>Validation NDCG@k with the full ranking of <see cref="FullRankingEvaluator"/>, training items excluded.</summary>
    internal static double ValidationNdcg(float[] userFactors, float[] itemFactors, int dimension,
        InteractionSet train, InteractionSet validation, int k)
    {
        var evaluator = new FullRankingEvaluator(k);
        var result = evaluator.Evaluate((user, scores) => Scores(userFactors, itemFactors, dimension, user, scores), validation, [train]);
        return result.Metrics.Ndcg;
    }

    /// <summary>scores[i] = user factors · item i's factors.</summary>
    internal static void Scores(float[] userFactors, float[] itemFactors, int dimension, int user, Span<float> scores)
    {
        var userRow = userFactors.AsSpan(user * dimension, dimension);
        var itemCount = itemFactors.Length / dimension;
        for (var item = 0; item < itemCount; item++)
            scores[item] = System.Numerics.Tensors.TensorPrimitives.Dot(userRow, itemFactors.AsSpan(item * dimension, dimension));
    }

    /// <summary>Every training (user, item) pair whose user has at least one item to sample as a negative.</summary>
    private static (int[] Users, int[] Items) TrainingPairs(InteractionSet train)
    {
        var users = new List<int>(train.Count);
        var items = new List<int>(train.Count);
        for (var user = 0; user < train.UserCount; user++)
        {
            if (train.CountOf(user) == train.ItemCount)
                continue;
            foreach (var item in train.ItemsOf(user))
            {
                users.Add(user);
                items.Add(item);
            }
        }
        return (users.ToArray(), items.ToArray());
    }

    private static float[] Copy(Tensor weights) => weights.data<float>().ToArray();
}

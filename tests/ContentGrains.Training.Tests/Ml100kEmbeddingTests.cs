using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;
using Xunit.Abstractions;

namespace ContentGrains.Training.Tests;

/// <summary>The embedding model on RecBole's given ml-100k split (see <see cref="Ml100kEmbedding"/>).</summary>
[Trait("data", "ml-100k")]
public class Ml100kEmbeddingTests(ITestOutputHelper output)
{
    /// <summary>Our BPR's test NDCG@10 on this split (README): the bar the issue sets.</summary>
    private const double BprTestNdcg = 0.3024;

    [Fact]
    public void Test_ndcg_reaches_our_bpr()
    {
        var (split, model) = (Ml100kEmbedding.Split, Ml100kEmbedding.Model);
        var evaluator = new FullRankingEvaluator(10);
        var valid = evaluator.EvaluateValidation(model, split);
        var test = evaluator.EvaluateTest(model, split);
        output.WriteLine($"{model.LastFit}\nvalid {valid}\ntest  {test}");

        Assert.True(test.Metrics.Ndcg >= BprTestNdcg, $"test NDCG@10 {test.Metrics.Ndcg:F4} < BPR's {BprTestNdcg}");
        Assert.Equal(model.LastFit!.BestValidationNdcg, valid.Metrics.Ndcg, 12); // the kept epoch is the reported one
        Assert.Equal(384, model.TextDimensions);
        Assert.Equal(18 + 1, model.TagNames.Count); // ml-100k's 18 genres and "unknown"
    }

    [Fact]
    public void Cold_items_rank_their_own_test_users_items_above_random()
    {
        var (cold, model, _) = Ml100kEmbedding.ColdStart;
        var (amongCold, amongAll) = cold.Evaluate(model.Score, 20);
        var (randomAmongCold, _) = cold.Evaluate(RandomScorer, 20);
        output.WriteLine($"{model.LastFit}\namong cold {amongCold}\namong all  {amongAll}\nrandom     {randomAmongCold}");

        Assert.Equal(166, cold.ColdItemCount);
        Assert.True(amongCold.Metrics.Recall > 2 * randomAmongCold.Metrics.Recall,
            $"cold Recall@20 {amongCold.Metrics.Recall:F4} is not twice random's {randomAmongCold.Metrics.Recall:F4}");
        Assert.True(amongAll.Metrics.Recall > 0, "no cold item reached anyone's top 20 among all items");
    }

    [Fact]
    public void A_cold_items_vector_is_what_embed_item_gives_from_its_genres_and_title()
    {
        var (cold, model, context) = Ml100kEmbedding.ColdStart;
        var metadata = ItemMetadata.From(context); // the encoder caches: the same title vectors as the fit read
        var coldItem = Enumerable.Range(0, cold.IsCold.Count).First(i => cold.IsCold[i]);
        var tags = metadata.TagsOf(coldItem).ToArray().Select(t => metadata.TagNames[t]).ToArray();

        Assert.NotEmpty(tags);
        Assert.Equal(model.EmbedItem(tags, metadata.TextOf(coldItem)), model.ItemVectorOf(coldItem).ToArray());
    }

    [Fact]
    public void The_fitted_model_round_trips_bit_for_bit_and_stays_items_times_dimensions()
    {
        var model = Ml100kEmbedding.Model;
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ModelFormats.Write(writer, model);
        var bytes = stream.ToArray();
        var loaded = (EmbeddingModel)ModelFormats.Read(new BinaryReader(new MemoryStream(bytes)));

        Assert.Equal(model.ItemVectors.ToArray(), loaded.ItemVectors.ToArray());
        Assert.Equal(model.InputVectors.ToArray(), loaded.InputVectors.ToArray());
        int[] history = [0, 10, 100, 1000];
        var (expected, actual) = (new float[model.ItemCount], new float[model.ItemCount]);
        model.ScoreHistory(history, expected);
        loaded.ScoreHistory(history, actual);
        Assert.Equal(expected, actual);
        // Two item matrices (1,682 × 64) in float16, plus the towers' tag vectors and text projections (2 × 384 × 64) in float32.
        var d = model.Dimensions;
        var least = 2L * d * 2 * model.ItemCount + 4L * d * 2 * 384;
        Assert.InRange(bytes.Length, least, least + 4L * d * 2 * 19 + 1024);
        output.WriteLine($"artifact {bytes.Length:N0} bytes");
    }

    private static void RandomScorer(int user, Span<float> scores)
    {
        var random = new Random(user);
        for (var item = 0; item < scores.Length; item++)
            scores[item] = random.NextSingle();
    }
}

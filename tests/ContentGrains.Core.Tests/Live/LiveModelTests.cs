using ContentGrains.Core.Live;
using ContentGrains.Core.Models;
using ContentGrains.Core.Tests.Feed;

namespace ContentGrains.Core.Tests.Live;

public class LiveModelTests
{
    private static readonly int[][] Histories = [[], [0], [4, 0], [1, 2, 5], [0, 1, 2, 3, 4, 5]];

    private static float[] Scores(LiveModel model, int[] history)
    {
        var scores = new float[model.ItemIds.Count];
        model.Scorer.ScoreHistory(history, scores);
        return scores;
    }

    [Theory]
    [InlineData("ease")]
    [InlineData("itemknn")]
    [InlineData("pop")]
    [InlineData("als")]
    [InlineData("hybrid")]
    public void Written_model_reads_back_with_identical_scores_and_similarity(string kind)
    {
        var model = TwoClusters.Model(kind);

        var copy = LiveModel.FromBytes(model.ToBytes());

        Assert.Equal((model.Name, model.Version, model.TrainedAt, kind), (copy.Name, copy.Version, copy.TrainedAt, copy.Kind));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], copy.ItemIds);
        Assert.Equal(4, copy.IndexOf("e"));
        Assert.Equal(-1, copy.IndexOf("n"));
        foreach (var history in Histories)
            Assert.Equal(Scores(model, history), Scores(copy, history)); // bit for bit
        for (var i = 0; i < 6; i++)
            Assert.Equal(model.Similarity.NeighboursOf(i).ToArray(), copy.Similarity.NeighboursOf(i).ToArray());
        Assert.Equal(model.ToBytes(), copy.ToBytes());
    }

    [Fact]
    public void Scores_are_not_all_zero_so_the_round_trip_compares_something()
    {
        // itemknn on history [a]: b 2/√6, c 1/2.
        var scores = Scores(LiveModel.FromBytes(TwoClusters.Model().ToBytes()), [0]);

        Assert.Equal([0f, (float)TwoClusters.Cosine, 0.5f, 0f, 0f, 0f], scores, (x, y) => Math.Abs(x - y) < 1e-5f);
    }

    [Fact]
    public void Unknown_model_kind_is_a_clear_invalid_data_error()
    {
        var model = TwoClusters.Model();
        var bytes = new LiveModel("m", 1, Given.T0, model.ItemIds, new MysteryModel(6), model.Similarity).ToBytes();

        var error = Assert.Throws<InvalidDataException>(() => LiveModel.FromBytes(bytes));

        Assert.StartsWith("unknown model kind 'mystery' (known: ", error.Message);
        Assert.Contains("ease", error.Message);
        Assert.Contains("itemknn", error.Message);
        Assert.Contains("pop", error.Message);
    }

    [Fact]
    public void Other_format_version_is_an_invalid_data_error()
    {
        var bytes = TwoClusters.Model().ToBytes();
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), 3);

        var error = Assert.Throws<InvalidDataException>(() => LiveModel.FromBytes(bytes));

        Assert.Equal("model format 3 is not 1 or 2", error.Message);
    }

    [Fact]
    public void Similarity_part_must_be_an_item_knn_model()
    {
        // Written by hand: header, then a pop scorer where the similarity should be.
        var pop = TwoClusters.Model("pop");
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(1);
            writer.Write("m");
            writer.Write(1L);
            writer.Write(Given.T0.ToUnixTimeMilliseconds());
            writer.Write(pop.ItemIds.Count);
            foreach (var id in pop.ItemIds) writer.Write(id);
            ModelFormats.Write(writer, pop.Scorer);
            ModelFormats.Write(writer, pop.Scorer);
        }

        var error = Assert.Throws<InvalidDataException>(() => LiveModel.FromBytes(buffer.ToArray()));

        Assert.Equal("the similarity part is not an item k-NN model", error.Message);
    }

    [Fact]
    public void Truncated_model_is_an_error()
    {
        var bytes = TwoClusters.Model("ease").ToBytes();

        Assert.ThrowsAny<EndOfStreamException>(() => LiveModel.FromBytes(bytes[..(bytes.Length - 10)]));
    }

    [Fact]
    public void Scorer_and_similarity_must_cover_the_items()
    {
        var model = TwoClusters.Model();

        Assert.Throws<ArgumentException>(() => new LiveModel("m", 1, Given.T0, ["a", "b"], model.Scorer, model.Similarity));
    }

    /// <summary>A scorer of a kind no loader knows.</summary>
    private sealed class MysteryModel(int items) : IPersistentModel
    {
        public int ItemCount => items;
        public string Kind => "mystery";
        public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores) => scores.Clear();
        public void Save(BinaryWriter writer) => writer.Write(items);
    }
}

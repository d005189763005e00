using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Tests.Embeddings;

/// <summary>
/// The embedding model's scoring on hand-set towers (d = 2, two items, tags a and b, two text dimensions), every
/// expected value worked out by hand in the comments.
/// </summary>
public class EmbeddingModelTests
{
    // Item 0: tags {a}, text [1, 0]. Item 1: tags {a, b}, text [0, 1], no training interactions (zero id vectors).
    private static readonly ItemMetadata Metadata = new(["a", "b"], [[0], [0, 1]], 2, [1, 0, 0, 1]);

    private static EmbeddingModel Model()
    {
        // Output: item 0 = id [1,0] + a [0,2] + 1·[1,1] = [2,3]; item 1 = mean(a [0,2], b [2,0]) + 1·[0,−1] = [1,0].
        var output = new EmbeddingTower(2, IdVectors: [1, 0, 0, 0], TagVectors: [0, 2, 2, 0], TextProjection: [1, 1, 0, -1]);
        // Input: item 0 = id [0,1] + a [1,0] = [1,1]; item 1 = id [1,0] + mean(a, b) [0.5,0.5] = [1.5,0.5].
        var input = new EmbeddingTower(2, IdVectors: [0, 1, 1, 0], TagVectors: [1, 0, 0, 1], TextProjection: [0, 0, 0, 0]);
        return EmbeddingModel.FromTowers(new EmbeddingTowers(input, output), Metadata);
    }

    [Fact]
    public void Item_vectors_are_id_plus_tag_mean_plus_projected_text()
    {
        var model = Model();
        Assert.Equal([2f, 3f, 1f, 0f], model.ItemVectors.ToArray());
        Assert.Equal([1f, 1f, 1.5f, 0.5f], model.InputVectors.ToArray());
    }

    [Fact]
    public void A_user_is_the_mean_of_their_distinct_history_items_input_vectors()
    {
        var model = Model();
        var user = new float[2];
        model.UserVector([1, 0, 1], user); // (item 0 [1,1] + item 1 [1.5,0.5]) / 2; the repeat counts once
        Assert.Equal([1.25f, 0.75f], user);

        var scores = new float[2];
        model.ScoreHistory([1, 0, 1], scores); // [1.25·2 + 0.75·3, 1.25·1 + 0.75·0]
        Assert.Equal([4.75f, 1.25f], scores);

        model.ScoreHistory([], scores);
        Assert.Equal([0f, 0f], scores);
    }

    [Fact]
    public void A_new_item_is_embedded_from_its_known_tags_and_text_alone()
    {
        var model = Model();
        Assert.Equal([2f, -1f], model.EmbedItem(["b", "unknown"], [0, 1])); // b [2,0] + 1·[0,−1]
        Assert.Equal([0f, 2f], model.EmbedItem(["a"], []));                 // a alone, no text
        Assert.Equal([0.5f, 0.5f], model.EmbedHistoryItem(["a", "b"], [])); // the input tower's tag mean
        Assert.Equal(model.ItemVectorOf(1).ToArray(), model.EmbedItem(["a", "b"], [0, 1])); // item 1 had no id part
    }

    [Fact]
    public void Bad_input_names_what_is_wrong()
    {
        var model = Model();
        var wrongText = Assert.Throws<ArgumentException>(() => model.EmbedItem(["a"], [1, 0, 0]));
        Assert.Contains("3 dimensions", wrongText.Message);
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => model.ScoreHistory([5], new float[2]));
        Assert.Contains("history item 5", outside.Message);
        Assert.Throws<InvalidOperationException>(() => model.Score(0, new float[2])); // not fitted on interactions
    }

    [Fact]
    public void Save_and_load_round_trip_bit_for_bit_through_model_formats()
    {
        var model = Model();
        var saved = Bytes(model);
        var loaded = (EmbeddingModel)ModelFormats.Read(new BinaryReader(new MemoryStream(saved)));

        Assert.Equal(saved, Bytes(loaded));
        Assert.Equal(model.ItemVectors.ToArray(), loaded.ItemVectors.ToArray());
        Assert.Equal(model.EmbedItem(["b"], [0.3f, 0.7f]), loaded.EmbedItem(["b"], [0.3f, 0.7f]));
        Assert.Equal(["a", "b"], loaded.TagNames);
    }

    [Fact]
    public void Loading_something_else_is_refused()
    {
        var bytes = Bytes(Model());
        bytes[1 + "embedding".Length] ^= 0xFF; // the magic, right after the kind string (length byte + 9 characters)
        Assert.Throws<InvalidDataException>(() => ModelFormats.Read(new BinaryReader(new MemoryStream(bytes))));
        var truncated = Bytes(Model())[..^4];
        Assert.Throws<EndOfStreamException>(() => ModelFormats.Read(new BinaryReader(new MemoryStream(truncated))));
    }

    private static byte[] Bytes(IPersistentModel model)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ModelFormats.Write(writer, model);
        return stream.ToArray();
    }
}

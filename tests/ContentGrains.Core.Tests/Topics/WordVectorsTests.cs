using System.Numerics.Tensors;
using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Tests.Topics;

public sealed class WordVectorsTests
{
    [Fact]
    public void Combined_cosine_is_the_weighted_sum_of_the_two_cosines()
    {
        float[] s1 = [1f, 0f], s2 = [0.6f, 0.8f];   // sentence cosine 0.6
        float[] w1 = [1f, 0f, 0f], w2 = [0f, 1f, 0f]; // word cosine 0
        var a = WordVectors.Combine(s1, w1, 0.3);
        var b = WordVectors.Combine(s2, w2, 0.3);
        Assert.Equal(0.7 * 0.6 + 0.3 * 0, TensorPrimitives.Dot(a, b), 5);
        Assert.Equal(1.0, TensorPrimitives.Dot(a, a), 5);
    }

    [Fact]
    public void Keeps_words_in_at_least_three_documents_and_at_most_half()
    {
        // 8 documents: "common" in all 8 (over half), "topic" in 3, "rare" in 2.
        var documents = Enumerable.Range(0, 8).Select(i => (IReadOnlyList<string>)(i switch
        {
            < 2 => ["common", "topic", "rare"],
            2 => ["common", "topic"],
            _ => ["common"],
        })).ToList();
        var vectors = new WordVectors(documents, size: 10);

        Assert.Equal(1, vectors.Dimensions);
        Assert.Equal([1f], vectors.Of(["topic", "common", "rare"]));
        Assert.Equal([0f], vectors.Of(["common"]));
    }
}

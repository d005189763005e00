using System.Numerics.Tensors;
using ContentGrains.Inference.Text;
using ContentGrains.Testing;

namespace ContentGrains.Inference.Tests.Text;

public sealed class MiniLmTextEncoderTests
{
    private static readonly MiniLmTextEncoder Encoder = new();

    [Fact]
    public void Similar_sentences_are_close_and_unrelated_ones_are_not()
    {
        var v = Encoder.Encode(["A cat sits on the mat", "A kitten rests on a rug", "Stock markets fell sharply after the rate decision"]);

        Assert.All(v, x => Assert.Equal(384, x.Length));
        Assert.All(v, x => Assert.Equal(1f, MathF.Sqrt(TensorPrimitives.SumOfSquares(x)), 4));
        // all-MiniLM-L6-v2's own figures for these pairs, checked here (DESIGN.md): about 0.665 and 0.055.
        Assert.InRange(TensorPrimitives.Dot(v[0], v[1]), 0.60f, 0.72f);
        Assert.InRange(TensorPrimitives.Dot(v[0], v[2]), -0.05f, 0.15f);
    }

    [Fact]
    public async Task An_idle_session_is_released_and_the_next_encode_loads_it_again_with_the_same_vectors()
    {
        using var encoder = new MiniLmTextEncoder(idleRelease: TimeSpan.FromMilliseconds(300));
        Assert.False(encoder.IsLoaded); // nothing loads before the first encode

        var first = encoder.Encode(["space opera"])[0];
        Assert.True(encoder.IsLoaded);
        Assert.True(encoder.ModelPagesReclaimed); // Linux took back the model's pages in the DLL: the session has its own copy
        await Eventually.Get(() => Task.FromResult(encoder.IsLoaded), loaded => !loaded, "the idle session released");
        var again = encoder.Encode(["space opera"])[0];

        Assert.Equal(2, encoder.Loads);
        Assert.Equal(first, again);
    }

    [Fact]
    public void A_training_job_can_release_a_recently_used_session_and_the_next_encode_loads_it_again_with_the_same_vectors()
    {
        using var encoder = new MiniLmTextEncoder(idleRelease: Timeout.InfiniteTimeSpan); // the idle timer never would
        Assert.False(encoder.ReleaseUnused()); // nothing loaded yet: nothing to free

        var first = encoder.Encode(["space opera"])[0];
        Assert.True(encoder.ReleaseUnused());
        Assert.False(encoder.IsLoaded);
        Assert.False(encoder.ReleaseUnused()); // already freed
        var again = encoder.Encode(["space opera"])[0];

        Assert.Equal(2, encoder.Loads);
        Assert.Equal(first, again);
    }

    [Fact]
    public void A_released_encoder_refuses_to_encode_and_a_bad_idle_time_is_refused()
    {
        var encoder = new MiniLmTextEncoder(idleRelease: Timeout.InfiniteTimeSpan);
        encoder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => encoder.Encode(["x"]));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MiniLmTextEncoder(idleRelease: TimeSpan.Zero));
        Assert.Equal("idleRelease", error.ParamName);
    }

    [Fact]
    public void Encodes_nothing_to_nothing_and_is_deterministic()
    {
        Assert.Empty(Encoder.Encode([]));
        Assert.Equal(Encoder.Encode(["space opera"])[0], Encoder.Encode(["space opera"])[0]);
    }

    [Fact]
    public void A_long_text_is_cut_to_the_models_256_word_pieces_and_a_short_one_is_kept_whole()
    {
        // One word piece per word here, so the first 254 words are exactly what the model may see after [CLS].
        var words = Enumerable.Range(0, 1_000).Select(i => i % 3 == 0 ? "guitar" : "sound").ToArray();
        var longText = string.Join(' ', words);
        var first254 = string.Join(' ', words.Take(254));
        var first253 = string.Join(' ', words.Take(253));

        Assert.Equal(first254, MiniLmTextEncoder.Bounded(longText));
        Assert.Equal(first254, MiniLmTextEncoder.Bounded(first254)); // exactly at the limit: kept
        Assert.Equal("A Cat, on the MAT!", MiniLmTextEncoder.Bounded("A Cat, on the MAT!"));
        var v = Encoder.Encode([longText, first254, first253]);
        Assert.Equal(v[1], v[0]);
        Assert.NotEqual(v[2], v[0]); // the 254th piece counts: the cut is not shorter than the model's
    }

    [Fact]
    public void A_call_of_more_texts_than_a_batch_runs_the_model_in_batches_and_keeps_the_callers_order()
    {
        using var encoder = new MiniLmTextEncoder(idleRelease: Timeout.InfiniteTimeSpan);
        // Lengths that do not follow the order of the call, so the longest-first runs must put each vector back.
        var texts = Enumerable.Range(0, MiniLmTextEncoder.BatchSize * 2 + 6)
            .Select(i => string.Join(' ', Enumerable.Repeat(i % 2 == 0 ? "guitar" : "news", 1 + (i * 7) % 23)) + $" {i}").ToArray();

        var together = encoder.Encode(texts);

        Assert.Equal(3, encoder.ModelRuns); // 70 texts: 32 + 32 + 6, never all at once
        foreach (var i in new[] { 0, 1, 33, 69 })
        {
            var alone = encoder.Encode([texts[i]])[0];
            Assert.True(TensorPrimitives.Dot(alone, together[i]) > 0.99999f, $"text {i} got another text's vector");
        }
    }
}

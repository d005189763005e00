using System.Collections.Concurrent;

namespace ContentGrains.Core.Text;

/// <summary>
/// Remembers the vector of every text it has encoded, so fitting several models on the same catalog (an evaluation,
/// a cold-start run, tests) encodes each title once. Texts are encoded by the inner encoder in one batch per call.
/// </summary>
public sealed class CachingTextEncoder(ITextEncoder inner) : ITextEncoder
{
    private readonly ConcurrentDictionary<string, float[]> vectors = new(StringComparer.Ordinal);

    public int Dimensions => inner.Dimensions;

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var missing = texts.Where(text => !vectors.ContainsKey(text)).Distinct(StringComparer.Ordinal).ToArray();
        var encoded = inner.Encode(missing);
        for (var i = 0; i < missing.Length; i++)
            vectors[missing[i]] = encoded[i];
        return texts.Select(text => (float[])vectors[text].Clone()).ToArray();
    }
}

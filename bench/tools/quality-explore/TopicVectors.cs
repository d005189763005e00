using System.Diagnostics;
using System.Numerics.Tensors;
using System.Text.Json;
using ContentGrains.Core.Text;
using ContentGrains.Core.Topics;
using ContentGrains.Inference.Text;

// What the topics rounds that compare sets of vectors share (round 5, arctic; round 6, entities): the encoders' vector
// caches (the VectorCacheFile layout: int32 dimensions, then per text an int64 hash and the floats), MiniLM encoding on
// one thread, the weighted concatenation, the sweep of several variants, and the nearest-neighbour category measure.
static class TopicVectors
{
    /// <summary>The vectors of <paramref name="texts"/> from the cache at <paramref name="path"/>, or encoded (cost recorded in <paramref name="encoding"/>) and cached there.</summary>
    public static float[][] Cached(string path, List<string> texts, string name, Func<List<string>, float[][]> encode, List<object> encoding)
    {
        if (File.Exists(path))
        {
            var known = TopicsExp.Cache(path);
            if (texts.All(t => known.ContainsKey(ItemText.Hash(t)))) return texts.Select(t => known[ItemText.Hash(t)]).ToArray();
        }
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var vectors = encode(texts);
        process.Refresh();
        var line = new { encoder = name, texts = texts.Count, cpuSeconds = Math.Round((process.TotalProcessorTime - cpu).TotalSeconds, 1),
            wallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 1), peakWorkingSetMb = process.PeakWorkingSet64 >> 20, loadAverage = File.ReadAllText("/proc/loadavg").Trim() };
        Console.WriteLine(JsonSerializer.Serialize(line, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        encoding.Add(line);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(vectors[0].Length);
        for (var i = 0; i < texts.Count; i++)
        {
            writer.Write(ItemText.Hash(texts[i]));
            foreach (var value in vectors[i]) writer.Write(value);
        }
        return vectors;
    }

    public static float[][] EncodeMiniLm(List<string> texts)
    {
        using var encoder = new MiniLmTextEncoder(threads: 1);
        return encoder.Encode(texts);
    }

    /// <summary>cosine = (1 - w) cos(first) + w cos(second): each block unit, scaled by the square root of its weight (<see cref="WordVectors.Combine"/>).</summary>
    public static float[][] Combined(float[][] first, float[][] second, double secondWeight) =>
        first.Select((v, i) => WordVectors.Combine(v, second[i], secondWeight)).ToArray();

    /// <summary>
    /// <see cref="BehaviourExp.Sweep"/> (k by cosine silhouette over 5..40, 4 restarts, NMI at that k and at fixed k) of
    /// each variant, over seeds 42 on, at most <paramref name="parallelism"/> variants at a time; results in the variants' order.
    /// </summary>
    public static object[] SweepAll(IReadOnlyList<(string Name, float[][] Vectors)> variants, List<string> cats, int seeds, int parallelism)
    {
        var sw = Stopwatch.StartNew();
        var results = new object[variants.Count];
        Parallel.For(0, variants.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            i => results[i] = BehaviourExp.Sweep(variants[i].Name, variants[i].Vectors, cats, 0, seeds, sw));
        return results;
    }

    /// <summary>
    /// A measure of the vectors themselves, no clustering: the share of each article's <paramref name="neighbours"/> nearest
    /// (cosine) that carry its category, averaged over articles (MiniLM 0.613 in rounds 3 and 5). Ties go to the earlier row.
    /// </summary>
    public static double SameCategoryShare(float[][] x, List<string> cats, int neighbours)
    {
        var sims = new float[x.Length];
        double total = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++) sims[j] = j == i ? float.MinValue : TensorPrimitives.Dot(x[i], x[j]);
            total += Enumerable.Range(0, x.Length).OrderByDescending(j => sims[j]).Take(neighbours).Count(j => cats[j] == cats[i]) / (double)neighbours;
        }
        return total / x.Length;
    }
}

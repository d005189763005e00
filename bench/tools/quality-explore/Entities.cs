using System.Text.Json;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Text;
using ContentGrains.Core.Vectors;
using ContentGrains.Inference.Text;

// Topics, round 6 (issue 8 targets): the entities of news.tsv's last two columns (title and abstract entities, each a
// JSON object with Label, Type, WikidataId, Confidence, SurfaceForms) beside MiniLM of title + abstract:
// - their labels appended to the text and encoded with it ("<title + abstract>. <label>, <label>, ...");
// - their labels encoded alone (no entities: the title + abstract vector), alone and concatenated with MiniLM;
// - a TF-IDF block over their Wikidata ids (ids in >= 2 articles), concatenated with MiniLM; an article without a
//   shared entity keeps MiniLM alone, or gets the block imputed from its 10 nearest (MiniLM) articles that have one.
// Each variant: spherical k-means, 4 restarts per fit, k by cosine silhouette over 5..40 as shipped, seeds 42..44.
// A weight is chosen by the silhouette (the highest mean silhouette at the chosen k, weight 0 being MiniLM alone); the
// categories only score: NMI, and the share of each article's 10 nearest neighbours in its category.
static class EntitiesExp
{
    static readonly double[] Weights = [0.2, 0.35, 0.5];

    /// <summary>An entity of an article: its label and Wikidata id, title entities first, each id once.</summary>
    sealed record Entity(string Label, string WikidataId, string Type, double Confidence);

    /// <param name="outPath">The result file; stamped with BENCH_COMMIT and the load average at the start and end.</param>
    /// <param name="seeds">Seeds 42 on (3 as the rounds before).</param>
    public static void Run(string news, string miniLmCache, string withLabelsCache, string labelsCache, string? outPath, int seeds)
    {
        var loadStart = File.ReadAllText("/proc/loadavg").Trim();
        var articles = MindReader.ReadNews(news);
        var entities = ReadEntities(news, articles);
        // TOPICS_ARTICLES=n: the first n articles only, a quick check of the program (with caches elsewhere, TOPICS_*_VECTORS).
        if (int.TryParse(Environment.GetEnvironmentVariable("TOPICS_ARTICLES"), out var first))
            (articles, entities) = (articles.Take(first).ToList(), entities.Take(first).ToList());
        var cats = articles.Select(a => a.Category).ToList();
        var texts = articles.Select(a => ItemText.For(a.Title, a.Abstract) ?? a.Id).ToList();
        var labels = entities.Select(e => string.Join(", ", e.Select(x => x.Label).Distinct(StringComparer.Ordinal))).ToList();
        var withLabels = texts.Select((t, i) => labels[i].Length == 0 ? t : t + ". " + labels[i]).ToList();
        var labelled = Enumerable.Range(0, articles.Count).Where(i => labels[i].Length > 0).ToArray();

        var encoding = new List<object>();
        var mini = TopicVectors.Cached(miniLmCache, texts, "all-MiniLM-L6-v2, title + abstract", TopicVectors.EncodeMiniLm, encoding);
        var joined = TopicVectors.Cached(withLabelsCache, withLabels, "all-MiniLM-L6-v2, title + abstract + entity labels", TopicVectors.EncodeMiniLm, encoding);
        var labelVectors = TopicVectors.Cached(labelsCache, labelled.Select(i => labels[i]).ToList(), "all-MiniLM-L6-v2, entity labels alone (articles with entities)", TopicVectors.EncodeMiniLm, encoding);
        var labelsOrText = (float[][])mini.Clone();
        for (var j = 0; j < labelled.Length; j++) labelsOrText[labelled[j]] = labelVectors[j];

        var ids = entities.Select(e => e.Select(x => x.WikidataId).ToList()).ToList();
        var (tfIdf, sharedIds) = IdTfIdf(ids, minArticles: 2);
        var shared = tfIdf.Select(v => v.Any(z => z != 0)).ToArray();
        var imputed = BehaviourExp.Impute(mini, tfIdf, shared, 10);

        var all = entities.SelectMany(e => e).ToList();
        var idArticles = ids.SelectMany(a => a).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var coverage = new
        {
            articles = articles.Count,
            withAnEntity = entities.Count(e => e.Count > 0),
            entitiesPerArticleMean = Math.Round(entities.Average(e => e.Count), 2),
            distinctWikidataIds = idArticles.Count,
            idsInTwoOrMoreArticles = sharedIds,
            idsInThreeOrMoreArticles = idArticles.Values.Count(c => c >= 3),
            mostArticlesForOneId = idArticles.Values.DefaultIfEmpty().Max(),
            articlesWithASharedId = shared.Count(s => s),
            typeCounts = all.GroupBy(e => e.Type).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            confidenceMin = all.Select(e => e.Confidence).DefaultIfEmpty().Min(),
            // MiniLM reads 256 word pieces: how many texts the model cuts, so how many lose some appended labels.
            titleAbstractTextsCut = texts.Count(t => MiniLmTextEncoder.Bounded(t) != t),
            withLabelsTextsCut = withLabels.Count(t => MiniLmTextEncoder.Bounded(t) != t),
        };
        Console.WriteLine(JsonSerializer.Serialize(coverage));

        // Families whose member the silhouette chooses: weight 0 is MiniLM alone in each.
        var variants = new List<(string Name, float[][] Vectors)> { ("MiniLM alone (shipped)", mini) };
        var families = new Dictionary<string, List<(double Weight, string Name)>>
        {
            ["text: title + abstract, or with the entity labels appended"] = [(0, "MiniLM alone (shipped)")],
            ["MiniLM and the labels' MiniLM, labels weight"] = [(0, "MiniLM alone (shipped)")],
            ["MiniLM and the entity TF-IDF block, articles without a shared id MiniLM alone, entity weight"] = [(0, "MiniLM alone (shipped)")],
            ["MiniLM and the entity TF-IDF block, imputed from 10 nearest, entity weight"] = [(0, "MiniLM alone (shipped)")],
        };
        void Add(string family, double weight, string name, float[][] x) { variants.Add((name, x)); families[family].Add((weight, name)); }
        Add("text: title + abstract, or with the entity labels appended", 1, "MiniLM of title + abstract + entity labels as one text", joined);
        Add("MiniLM and the labels' MiniLM, labels weight", 1, "MiniLM of the entity labels alone (no entities: title + abstract)", labelsOrText);
        foreach (var w in Weights)
            Add("MiniLM and the labels' MiniLM, labels weight", w, $"MiniLM and the labels' MiniLM concatenated, labels weight {w}", TopicVectors.Combined(mini, labelsOrText, w));
        foreach (var w in Weights)
            Add("MiniLM and the entity TF-IDF block, articles without a shared id MiniLM alone, entity weight", w,
                $"MiniLM and the entity-id TF-IDF block, weight {w}, articles without a shared id MiniLM alone", TopicVectors.Combined(mini, tfIdf, w));
        foreach (var w in Weights)
            Add("MiniLM and the entity TF-IDF block, imputed from 10 nearest, entity weight", w,
                $"MiniLM and the entity-id TF-IDF block, weight {w}, block imputed from the 10 nearest (MiniLM) articles with a shared id", TopicVectors.Combined(mini, imputed, w));
        // TOPICS_VARIANTS=text: only the variants whose name holds it (and MiniLM alone), to re-run one.
        var only = Environment.GetEnvironmentVariable("TOPICS_VARIANTS");
        if (!string.IsNullOrEmpty(only)) variants = variants.Where((v, i) => i == 0 || v.Name.Contains(only, StringComparison.Ordinal)).ToList();

        // The measure without clustering, before the sweeps (seconds each).
        var neighbours = variants.ToDictionary(v => v.Name, v => Math.Round(TopicVectors.SameCategoryShare(v.Vectors, cats, 10), 3));
        var sharedRows = Enumerable.Range(0, articles.Count).Where(i => shared[i]).ToArray();
        var sharedCats = sharedRows.Select(i => cats[i]).ToList();
        var neighboursWithSharedId = new Dictionary<string, double>
        {
            ["MiniLM"] = Math.Round(TopicVectors.SameCategoryShare(sharedRows.Select(i => mini[i]).ToArray(), sharedCats, 10), 3),
            ["entity-id TF-IDF alone"] = Math.Round(TopicVectors.SameCategoryShare(sharedRows.Select(i => tfIdf[i]).ToArray(), sharedCats, 10), 3),
        };
        foreach (var (name, share) in neighbours) Console.WriteLine($"{name}: same category among the 10 nearest {share:F3}");
        foreach (var (name, share) in neighboursWithSharedId) Console.WriteLine($"articles with a shared id ({sharedRows.Length}), {name}: same category among the 10 nearest {share:F3}");

        var results = TopicVectors.SweepAll(variants, cats, seeds, parallelism: 1);
        var byName = results.Select(r => JsonSerializer.SerializeToElement(r)).ToDictionary(r => r.GetProperty("variant").GetString()!);
        var silhouetteChoice = families.Select(f =>
        {
            var members = f.Value.Where(m => byName.ContainsKey(m.Name)).Select(m =>
            {
                var r = byName[m.Name];
                var silhouettes = r.GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("silhouette").GetDouble()).ToList();
                return new { weight = m.Weight, variant = m.Name, silhouetteAtChosenKMean = Math.Round(silhouettes.Average(), 4), nmiAtChosenKMean = r.GetProperty("chosenNmiMean").GetDouble() };
            }).ToList();
            var chosen = members.MaxBy(m => m.silhouetteAtChosenKMean)!;
            Console.WriteLine($"{f.Key}: the silhouette chooses {chosen.weight} ({chosen.variant}), NMI {chosen.nmiAtChosenKMean:F3}");
            return new { family = f.Key, members, chosenWeight = chosen.weight, chosenVariant = chosen.variant, chosenNmiMean = chosen.nmiAtChosenKMean };
        }).ToList();
        if (outPath is null) return;
        var result = new
        {
            benchmark = "topics NMI round 6: the entities of MIND news.tsv (labels as text, labels encoded alone, Wikidata-id TF-IDF) beside all-MiniLM-L6-v2 (2,000 articles, 15 categories)",
            commit = Environment.GetEnvironmentVariable("BENCH_COMMIT") ?? "unknown",
            loadAverage = new { start = loadStart, end = File.ReadAllText("/proc/loadavg").Trim() },
            machine = "2 cores shared with another engineer's benchmarks; one variant at a time, one ONNX Runtime thread: no wall times are compared",
            protocol = "spherical k-means (Core SphericalKMeans, 4 restarts per fit), k by cosine silhouette over 5..40 (the shipped rule), seeds 42.." + (41 + seeds) +
                "; a weight (or text) chosen by the highest mean silhouette at the chosen k; NMI against the editors' categories and the 10-nearest-neighbour category share only score, never choose k or a weight; the subcategory is not read",
            target = "NMI >= 0.45 at the k the silhouette chooses",
            reached = silhouetteChoice.Any(c => c.chosenNmiMean >= 0.45),
            coverage,
            encoding,
            sameCategoryAmong10Nearest = neighbours,
            sameCategoryAmong10NearestArticlesWithASharedId = new { articles = sharedRows.Length, shares = neighboursWithSharedId },
            silhouetteChoice,
            variants = results,
        };
        File.WriteAllText(outPath, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        Console.WriteLine($"wrote {outPath}");
    }

    /// <summary>Each article's entities from columns 7 and 8 (title, then abstract), each Wikidata id once; rows aligned with MindReader's.</summary>
    static List<List<Entity>> ReadEntities(string news, List<MindNews> articles)
    {
        var rows = File.ReadLines(news).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        if (rows.Count != articles.Count || rows.Where((f, i) => f[0] != articles[i].Id).Any())
            throw new InvalidDataException("news.tsv's entity columns do not line up with MindReader's articles");
        return rows.Select(f =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var list = new List<Entity>();
            foreach (var column in f.Skip(6).Take(2))
            {
                if (string.IsNullOrWhiteSpace(column)) continue;
                foreach (var e in JsonDocument.Parse(column).RootElement.EnumerateArray())
                {
                    var id = e.GetProperty("WikidataId").GetString()!;
                    if (seen.Add(id)) list.Add(new Entity(e.GetProperty("Label").GetString()!, id, e.GetProperty("Type").GetString()!, e.GetProperty("Confidence").GetDouble()));
                }
            }
            return list;
        }).ToList();
    }

    /// <summary>
    /// Unit TF-IDF vectors over the Wikidata ids found in at least <paramref name="minArticles"/> articles: each id of an
    /// article counts once (title and abstract together), idf as <see cref="ContentGrains.Core.Topics.WordVectors"/>'
    /// (ln((1 + n) / (1 + df)) + 1); an article without such an id gets a zero vector.
    /// </summary>
    static (float[][] Vectors, int Ids) IdTfIdf(List<List<string>> ids, int minArticles)
    {
        var df = ids.SelectMany(a => a).GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var kept = df.Where(p => p.Value >= minArticles).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var index = kept.Select((p, i) => (p.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        var idf = kept.Select(p => (float)(Math.Log((1.0 + ids.Count) / (1.0 + p.Value)) + 1)).ToArray();
        var vectors = ids.Select(a =>
        {
            var v = new float[kept.Count];
            foreach (var id in a) if (index.TryGetValue(id, out var i)) v[i] = idf[i];
            UnitVector.Normalize(v);
            return v;
        }).ToArray();
        return (vectors, kept.Count);
    }
}

using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Analysis.Performance;
using ContentGrains.Cli.Topics;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Performance;
using ContentGrains.Core.Text;
using ContentGrains.Inference.Text;

namespace ContentGrains.Cli.PredictCtr;

/// <summary>
/// `contentgrains predict-ctr --data DIR --format mind --out F`: the cold-start CTR task on MIND (see
/// <see cref="MindCtrSplit"/>): fits LightGBM on articles first shown before the last day(s), without and with the
/// MiniLM text vector, predicts the CTR of the articles first shown after, and writes each model's metrics against the
/// global-mean and category-so-far baselines, on all test articles and on those with a news.tsv row (the only ones with
/// a category, lengths and text), with LightGBM's gain importances. Exit 0 written, 2 usage or data error.
/// </summary>
public static class PredictCtrCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors, ITextEncoder? encoder = null)
    {
        try
        {
            var options = PredictCtrOptions.Parse(args);
            var impressions = MindReader.ReadBehaviors(Path.Combine(options.Data, "behaviors.tsv"));
            var news = MindReader.ReadNews(Path.Combine(options.Data, "news.tsv"));
            var cutoff = new DateTimeOffset(impressions.Max(i => i.Time).UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - options.TestDays);
            var split = MindCtrSplit.Build(impressions, news, cutoff);
            var report = new PredictCtrReport(options, split, cutoff, output).Build(options.UseText ? Encode(split, options, encoder) : null);
            File.WriteAllText(options.Out, JsonSerializer.Serialize(report, Json));
            output.WriteLine($"predict-ctr: {split.Training.Count:N0} training and {split.Test.Count:N0} test articles -> {options.Out}");
            return 0;
        }
        catch (Exception error) when (error is ArgumentException or FormatException or MindFormatException or IOException)
        {
            errors.WriteLine($"predict-ctr: {error.Message}");
            errors.WriteLine(PredictCtrOptions.Usage);
            return 2;
        }
    }

    /// <summary>MiniLM vectors of the articles that have text, through the same file cache `topics` uses.</summary>
    private static (IReadOnlyDictionary<string, float[]> Vectors, double Seconds) Encode(MindCtrSplit split, PredictCtrOptions options, ITextEncoder? encoder)
    {
        var started = Stopwatch.GetTimestamp();
        using var owned = encoder is null ? new MiniLmTextEncoder(threads: Math.Max(1, Environment.ProcessorCount)) : null;
        ITextEncoder used = new BatchedTextEncoder(encoder ?? owned!);
        if (options.VectorsCache is not null) used = new VectorCacheFile(used, options.VectorsCache);
        var ids = split.Texts.Keys.ToList();
        var vectors = used.Encode(ids.Select(id => split.Texts[id]).ToList());
        return (ids.Select((id, i) => (id, vectors[i])).ToDictionary(p => p.id, p => p.Item2, StringComparer.Ordinal), Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}

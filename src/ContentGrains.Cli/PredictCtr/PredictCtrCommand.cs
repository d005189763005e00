using System.Diagnostics;
using System.Text.Json;
using System.CommandLine;
using ContentGrains.Analysis.Performance;
using ContentGrains.Cli.CommandLine;
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

    public static Command Create(CliIo io, ITextEncoder? encoder = null) => CommandTree.Leaf("predict-ctr",
        "Fits LightGBM on MIND articles first shown before the last day(s) and predicts the CTR of those shown after, against the global and category baselines, with feature importances.",
        PredictCtrOptions.Declared(),
        values => Run(values, io.Output, io.Errors, encoder));

    /// <summary>Runs `predict-ctr` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors, ITextEncoder? encoder = null)
    {
        var io = new CliIo(output, errors);
        return CommandTree.Run(Create(io, encoder), args, io);
    }

    private static int Run(OptionValues values, TextWriter output, TextWriter errors, ITextEncoder? encoder)
    {
        try
        {
            var options = PredictCtrOptions.From(values);
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
            values.WriteUsage(errors);
            return 2;
        }
    }

    /// <summary>MiniLM vectors of the articles that have text, through the same file cache `topics` uses.</summary>
    private static (IReadOnlyDictionary<string, float[]> Vectors, double Seconds) Encode(MindCtrSplit split, PredictCtrOptions options, ITextEncoder? encoder)
    {
        var started = Stopwatch.GetTimestamp();
        using var owned = encoder is null ? new MiniLmTextEncoder(threads: Math.Max(1, Environment.ProcessorCount)) : null;
        ITextEncoder used = encoder ?? owned!;
        if (options.VectorsCache is not null) used = new VectorCacheFile(used, options.VectorsCache);
        var ids = split.Texts.Keys.ToList();
        var vectors = used.Encode(ids.Select(id => split.Texts[id]).ToList());
        return (ids.Select((id, i) => (id, vectors[i])).ToDictionary(p => p.id, p => p.Item2, StringComparer.Ordinal), Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}

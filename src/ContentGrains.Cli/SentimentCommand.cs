using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Core.Sentiment;
using ContentGrains.Core.Text;
using ContentGrains.Inference.Text;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains sentiment train --data DIR --out MODEL [--report F] [--folds 5] [--l2 X]`: MiniLM sentence vectors with
/// hashed TF-IDF into logistic regression, the penalty chosen by cross-validation inside the training data (or given:
/// one fit); reports the outer k-fold accuracy (--folds 0: none). `contentgrains sentiment score --model MODEL --in FILE --column NAME --out F`: CSV (or TSV,
/// by a .tsv name) in, JSON out, one row per input row in order with P(positive). `contentgrains sentiment alerts`: the
/// engine's live alert path offline (<see cref="SentimentAlertsReplay"/>). Exit 0 done, 2 usage or data error.
/// </summary>
public static class SentimentCommand
{
    private const string Usage = "usage: sentiment train --data DIR --out MODEL [--report F] [--folds 5 (0: none)] [--l2 X (one fit)]\n" +
                                 "       sentiment score --model MODEL --in FILE --column NAME --out F\n" +
                                 "       sentiment alerts --model MODEL --events FILE.jsonl --out F [--window-hours 24]";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors, ITextEncoder? encoder = null)
    {
        try
        {
            var options = Options(args.Skip(1).ToList());
            var owned = encoder is null ? new MiniLmTextEncoder(threads: Math.Max(1, Environment.ProcessorCount / 2)) : null;
            try
            {
                return args.FirstOrDefault() switch
                {
                    "train" => Train(options, encoder ?? owned!, output),
                    "score" => Score(options, encoder ?? owned!, output),
                    "alerts" => Alerts(options, encoder ?? owned!, output),
                    _ => throw new ArgumentException("the first word must be train, score or alerts"),
                };
            }
            finally
            {
                owned?.Dispose();
            }
        }
        catch (Exception error) when (error is ArgumentException or FormatException or IOException or InvalidDataException or JsonException)
        {
            errors.WriteLine($"sentiment: {error.Message}");
            errors.WriteLine(Usage);
            return 2;
        }
    }

    private static int Train(Dictionary<string, string> options, ITextEncoder encoder, TextWriter output)
    {
        var started = Stopwatch.GetTimestamp();
        var sentences = LabelledSentence.ReadFolder(Required(options, "--data"));
        var folds = options.TryGetValue("--folds", out var f) && int.TryParse(f, out var k) && (k >= 2 || k == 0) ? k
            : options.ContainsKey("--folds") ? throw new ArgumentException("--folds must be 0 (no cross-validation) or a whole number of at least 2") : 5;
        double? l2 = options.TryGetValue("--l2", out var l) ? double.TryParse(l, System.Globalization.CultureInfo.InvariantCulture, out var penalty) && penalty >= 0
            ? penalty : throw new ArgumentException($"--l2 must be a number of at least 0, got '{l}'") : null;
        var vectors = Encode(encoder, sentences.Select(s => s.Text).ToList());
        var cv = folds == 0 ? null : SentimentTrainer.CrossValidate(sentences, vectors, folds);
        // A given penalty means one fit; otherwise it is chosen by cross-validation inside the sentences.
        var model = l2 is { } fixedL2 ? SentimentTrainer.Train(encoder.GetType().Name, sentences, vectors, fixedL2)
            : SentimentTrainer.Train(encoder.GetType().Name, sentences, vectors);
        File.WriteAllBytes(Required(options, "--out"), model.ToJsonBytes());
        var report = new
        {
            sentences = sentences.Count,
            positive = sentences.Count(s => s.Positive),
            features = $"two logistic regressions, probabilities averaged: the {encoder.Dimensions}-dimension {encoder.GetType().Name} vector; hashed TF-IDF " +
                       $"({TfIdfVocabulary.Buckets} buckets) of words and word pairs with negation scope marked, and character 3-5-grams",
            crossValidation = cv is null ? null : new { folds, accuracy = cv.Average(r => r.Accuracy), perFold = cv },
            chosenL2 = model.L2,
            chosenWordsL2 = model.WordsL2,
            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
        };
        var text = JsonSerializer.Serialize(report, Json);
        if (options.TryGetValue("--report", out var reportPath)) File.WriteAllText(reportPath, text);
        output.WriteLine(text);
        return 0;
    }

    private static int Score(Dictionary<string, string> options, ITextEncoder encoder, TextWriter output)
    {
        var model = SentimentModel.FromJson(File.ReadAllBytes(Required(options, "--model")));
        var texts = TextTable.ReadColumn(Required(options, "--in"), Required(options, "--column"));
        var scores = model.Score(encoder, texts);
        var rows = texts.Select((t, i) => new { row = i + 1, pPositive = Math.Round(scores[i], 6) }).ToList();
        File.WriteAllText(Required(options, "--out"), JsonSerializer.Serialize(rows, Json));
        output.WriteLine($"sentiment: scored {rows.Count} rows, {rows.Count(r => r.pPositive >= 0.5)} positive -> {options["--out"]}");
        return 0;
    }

    private static int Alerts(Dictionary<string, string> options, ITextEncoder encoder, TextWriter output)
    {
        var model = SentimentModel.FromJson(File.ReadAllBytes(Required(options, "--model")));
        var hours = options.TryGetValue("--window-hours", out var h) ? double.TryParse(h, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 ? v
            : throw new ArgumentException($"--window-hours must be a number above 0, got '{h}'") : 24;
        var result = SentimentAlertsReplay.Run(model, encoder, Required(options, "--events"), TimeSpan.FromHours(hours));
        File.WriteAllText(Required(options, "--out"), JsonSerializer.Serialize(result, Json));
        output.WriteLine($"sentiment: {result.Comments} comments ({result.DistinctTexts} distinct texts, {result.NegativeScored} scored negative), " +
                         $"{result.Alerts.Count} alerts -> {options["--out"]}");
        return 0;
    }

    /// <summary>Vectors in batches of 32, so one long text does not pad every other.</summary>
    private static float[][] Encode(ITextEncoder encoder, List<string> texts) =>
        texts.Chunk(32).SelectMany(batch => encoder.Encode(batch)).ToArray();

    private static Dictionary<string, string> Options(List<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"unknown or incomplete option '{args[i]}'");
            options[args[i]] = args[++i];
        }
        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");
}

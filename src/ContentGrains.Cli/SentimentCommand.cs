using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Sentiment;
using ContentGrains.Core.Text;
using ContentGrains.Inference.Text;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains sentiment train --data DIR --out MODEL [--report F] [--folds 5] [--l2 X]`: MiniLM sentence vectors with
/// naive-Bayes weighted hashed TF-IDF, each view the mean of logistic regressions at three penalties (or one fit at a given
/// penalty); reports the outer k-fold accuracy (--folds 0: none). `contentgrains sentiment score --model MODEL --in FILE --column NAME --out F`: CSV (or TSV,
/// by a .tsv name) in, JSON out, one row per input row in order with P(positive). `contentgrains sentiment alerts`: the
/// engine's live alert path offline (<see cref="SentimentAlertsReplay"/>). Exit 0 done, 2 usage or data error.
/// </summary>
public static class SentimentCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <param name="encoder">The sentence encoder (tests give a small one); by default MiniLM, loaded per run.</param>
    public static Command Create(CliIo io, ITextEncoder? encoder = null) => CommandTree.Group("sentiment",
        "Sentiment of review and comment texts: train a model, score a table, replay comment events through the engine's alert path. Exit codes: 0 done, 2 usage or data error.",
    [
        CommandTree.Leaf("train",
            "MiniLM sentence vectors and naive-Bayes weighted hashed TF-IDF, each view the mean of logistic regressions at three penalties (or given: one fit). Reports the outer k-fold accuracy.",
            [
                CommandTree.Value("data", "DIR", "A folder of labelled sentences (text<TAB>0|1 files). Required."),
                CommandTree.Value("out", "MODEL", "Write the model (JSON) here. Required."),
                CommandTree.Value("report", "FILE", "Write the training report (JSON) here too."),
                CommandTree.Value("folds", "K", "Outer cross-validation folds: 0 (none) or at least 2.", "5"),
                CommandTree.Value("l2", "X", "A fixed L2 penalty (one fit per view) instead of the mean over three penalties."),
            ],
            values => Guarded(values, io, encoder, Train)),
        CommandTree.Leaf("score", "Scores one text column of a CSV (or TSV, by a .tsv name) file: JSON out, one row per input row in order with P(positive).",
            [
                CommandTree.Value("model", "MODEL", "A model written by sentiment train. Required."),
                CommandTree.Value("in", "FILE.csv|FILE.tsv", "The table to score. Required."),
                CommandTree.Value("column", "NAME", "The header of the text column. Required."),
                CommandTree.Value("out", "FILE", "Write the scores (JSON) here. Required."),
            ],
            values => Guarded(values, io, encoder, Score)),
        CommandTree.Leaf("alerts", "Scores comment events' texts, keeps each item's windows and runs the engine's spike detector: the alerts as JSON.",
            [
                CommandTree.Value("model", "MODEL", "A model written by sentiment train. Required."),
                CommandTree.Value("events", "FILE.jsonl", "Comment events (e.g. from simulate comments). Required."),
                CommandTree.Value("out", "FILE", "Write the alerts (JSON) here. Required."),
                CommandTree.Value("window-hours", "H", "The detector's window, above 0.", "24"),
            ],
            values => Guarded(values, io, encoder, Alerts)),
    ], io);

    /// <summary>Runs `sentiment` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors, ITextEncoder? encoder = null) =>
        CommandTree.Run(Create(new CliIo(output, errors), encoder), args, new CliIo(output, errors));

    /// <summary>Runs one sub-command with the encoder (MiniLM unless one is given); a usage or data error exits 2.</summary>
    private static int Guarded(OptionValues options, CliIo io, ITextEncoder? encoder, Func<OptionValues, ITextEncoder, CliIo, int> run)
    {
        try
        {
            var owned = encoder is null ? new MiniLmTextEncoder(threads: Math.Max(1, Environment.ProcessorCount / 2)) : null;
            try
            {
                return run(options, encoder ?? owned!, io);
            }
            finally
            {
                owned?.Dispose();
            }
        }
        catch (Exception error) when (error is ArgumentException or FormatException or IOException or InvalidDataException or JsonException)
        {
            io.Errors.WriteLine($"sentiment: {error.Message}");
            options.WriteUsage(io.Errors);
            return 2;
        }
    }

    private static int Train(OptionValues options, ITextEncoder encoder, CliIo io)
    {
        var started = Stopwatch.GetTimestamp();
        var sentences = LabelledSentence.ReadFolder(Required(options, "data"));
        var folds = options.Text("folds") is not { } f ? 5 : int.TryParse(f, out var k) && (k >= 2 || k == 0) ? k
            : throw new ArgumentException("--folds must be 0 (no cross-validation) or a whole number of at least 2");
        double? l2 = options.Text("l2") is { } l ? double.TryParse(l, System.Globalization.CultureInfo.InvariantCulture, out var penalty) && penalty >= 0
            ? penalty : throw new ArgumentException($"--l2 must be a number of at least 0, got '{l}'") : null;
        var vectors = Encode(encoder, sentences.Select(s => s.Text).ToList(), io);
        var cv = folds == 0 ? null : WorkProgress.Run(io, "sentiment train: cross-validation", folds, "folds", progress =>
            SentimentTrainer.CrossValidate(sentences, vectors, folds, foldDone: _ => progress.Advance()));
        // A given penalty means one fit per view; otherwise each view is fitted at every one of SentimentTrainer.Penalties.
        var model = l2 is { } fixedL2 ? SentimentTrainer.Train(encoder.GetType().Name, sentences, vectors, fixedL2)
            : SentimentTrainer.Train(encoder.GetType().Name, sentences, vectors);
        File.WriteAllBytes(Required(options, "out"), model.ToJsonBytes());
        var report = new
        {
            sentences = sentences.Count,
            positive = sentences.Count(s => s.Positive),
            features = $"two views, probabilities averaged, each the mean of logistic regressions at every penalty: the {encoder.Dimensions}-dimension " +
                       $"{encoder.GetType().Name} vector; hashed TF-IDF ({TfIdfVocabulary.Buckets} buckets, IDF times naive-Bayes weight) of words and " +
                       "word pairs with negation scope marked, and character 3-5-grams",
            crossValidation = cv is null ? null : new { folds, accuracy = cv.Average(r => r.Accuracy), perFold = cv },
            penalties = model.VectorPenalties,
            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
        };
        var text = JsonSerializer.Serialize(report, Json);
        if (options.Text("report") is { } reportPath) File.WriteAllText(reportPath, text);
        io.Output.WriteLine(text);
        return 0;
    }

    private static int Score(OptionValues options, ITextEncoder encoder, CliIo io)
    {
        var model = SentimentModel.FromJson(File.ReadAllBytes(Required(options, "model")));
        var texts = TextTable.ReadColumn(Required(options, "in"), Required(options, "column"));
        var scores = model.Score(encoder, texts);
        var rows = texts.Select((t, i) => new { row = i + 1, pPositive = Math.Round(scores[i], 6) }).ToList();
        File.WriteAllText(Required(options, "out"), JsonSerializer.Serialize(rows, Json));
        io.Output.WriteLine($"sentiment: scored {rows.Count} rows, {rows.Count(r => r.pPositive >= 0.5)} positive -> {options.Text("out")}");
        return 0;
    }

    private static int Alerts(OptionValues options, ITextEncoder encoder, CliIo io)
    {
        var model = SentimentModel.FromJson(File.ReadAllBytes(Required(options, "model")));
        var hours = options.Text("window-hours") is { } h ? double.TryParse(h, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 ? v
            : throw new ArgumentException($"--window-hours must be a number above 0, got '{h}'") : 24;
        var result = SentimentAlertsReplay.Run(model, encoder, Required(options, "events"), TimeSpan.FromHours(hours));
        File.WriteAllText(Required(options, "out"), JsonSerializer.Serialize(result, Json));
        io.Output.WriteLine($"sentiment: {result.Comments} comments ({result.DistinctTexts} distinct texts, {result.NegativeScored} scored negative), " +
                         $"{result.Alerts.Count} alerts -> {options.Text("out")}");
        return 0;
    }

    /// <summary>Vectors a model run's worth at a time, so training (its long part) shows progress.</summary>
    private static float[][] Encode(ITextEncoder encoder, List<string> texts, CliIo io) =>
        WorkProgress.Run(io, "sentiment train: encoding", texts.Count, "sentences", progress =>
            texts.Chunk(MiniLmTextEncoder.BatchSize).SelectMany(batch =>
            {
                var vectors = encoder.Encode(batch);
                progress.Advance(batch.Length);
                return vectors;
            }).ToArray());

    private static string Required(OptionValues options, string name) =>
        options.Text(name) ?? throw new ArgumentException($"--{name} is required");
}

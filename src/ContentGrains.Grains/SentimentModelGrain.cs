using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Sentiment;
using ContentGrains.Core.Text;
using Microsoft.Extensions.Logging;

namespace ContentGrains.Grains;

/// <summary>
/// One tenant's sentiment classifier versions (key: <see cref="SentimentOptions.KeyOf"/>, "default" for the default
/// tenant) in the model store under the tenant's "sentiment" (<see cref="SentimentOptions.ModelNameOf"/>), the place every silo loads
/// models from (<see cref="SentimentModelCache"/>). Training encodes the sentences and fits on the thread pool, one run at
/// a time, in the background (it takes longer than a grain call may wait: the caller polls <see cref="GetTrainingAsync"/>);
/// a loaded file is checked against this engine's encoder before it is stored.
/// </summary>
public sealed class SentimentModelGrain(IModelStore store, ITextEncoder encoder, TimeProvider clock, ILogger<SentimentModelGrain> logger)
    : Grain, ISentimentModelGrain
{
    private const string TrainedKind = "trained", LoadedKind = "loaded";
    private SentimentTraining training = new(SentimentTraining.None);

    private string ModelName => SentimentOptions.ModelNameOf(Core.Tenants.TenantKeys.TenantOf(this.GetPrimaryKeyString()));

    public Task<SentimentTraining> StartTrainingAsync(string dataFolder, double? l2)
    {
        if (training.Status == SentimentTraining.Running) return Task.FromResult(training);
        var problem = string.IsNullOrWhiteSpace(dataFolder) ? ("data", "is required: a folder on the server")
            : !Directory.Exists(dataFolder) ? ("data", $"folder '{dataFolder}' does not exist on the server")
            : l2 is < 0 or double.NaN ? ("l2", "must be zero or above")
            : ((string, string)?)null;
        if (problem is { } p) return Task.FromResult(new SentimentTraining(SentimentTraining.Failed, Field: p.Item1, Reason: p.Item2));
        training = new SentimentTraining(SentimentTraining.Running, clock.GetUtcNow());
        DelayDeactivation(TimeSpan.FromHours(1)); // an idle activation would otherwise be collected mid-run, losing its status
        _ = RunTrainingAsync(dataFolder, l2); // its continuation runs on this activation and records the outcome
        return Task.FromResult(training);
    }

    public Task<SentimentTraining> GetTrainingAsync() => Task.FromResult(training);

    public async Task<SentimentModelResult> StoreAsync(byte[] model)
    {
        SentimentModel parsed;
        try { parsed = SentimentModel.FromJson(model); }
        catch (Exception error) when (error is System.Text.Json.JsonException or InvalidDataException)
        {
            return new SentimentModelResult(null, "body", $"is not a sentiment model file: {error.Message}");
        }
        if (ModelProblem(parsed) is { } problem) return new SentimentModelResult(null, problem.Field, problem.Reason);
        return new SentimentModelResult(await SaveAsync(parsed, model, LoadedKind, 0, 0));
    }

    public async Task<SentimentModelView?> GetLatestAsync() =>
        (await store.ListAsync(ModelName)).FirstOrDefault() is { } latest ? View(latest) : null;

    private async Task RunTrainingAsync(string folder, double? l2)
    {
        var started = clock.GetTimestamp();
        try
        {
            var sentences = LabelledSentence.ReadFolder(folder);
            var model = await Task.Run(() =>
            {
                var vectors = sentences.Select(s => s.Text).Chunk(32).SelectMany(batch => encoder.Encode(batch)).ToArray();
                return l2 is { } penalty
                    ? SentimentTrainer.Train(encoder.GetType().Name, sentences, vectors, penalty)
                    : SentimentTrainer.Train(encoder.GetType().Name, sentences, vectors);
            });
            var view = await SaveAsync(model, model.ToJsonBytes(), TrainedKind, sentences.Count, clock.GetElapsedTime(started).TotalSeconds);
            training = training with { Status = SentimentTraining.Succeeded, FinishedAt = clock.GetUtcNow(), Model = view };
        }
        catch (Exception error)
        {
            // Bad files name the data; anything else (the store, the encoder) is reported as it is, and the grain stays usable.
            var field = error is IOException or FormatException or UnauthorizedAccessException ? "data" : "training";
            training = training with { Status = SentimentTraining.Failed, FinishedAt = clock.GetUtcNow(), Field = field, Reason = error.Message };
            logger.LogError(error, "Training the sentiment model from {Folder} failed", folder);
        }
    }

    private async Task<SentimentModelView> SaveAsync(SentimentModel model, byte[] bytes, string kind, int sentences, double seconds)
    {
        var version = ((await store.ListAsync(ModelName)).FirstOrDefault()?.Version ?? 0) + 1;
        var entry = new ModelVersion(ModelName, version, kind, clock.GetUtcNow(), sentences, 0, model.Dimensions, 0, seconds, bytes.Length);
        await store.SaveAsync(entry, bytes);
        logger.LogInformation("Stored sentiment model v{Version} ({Kind}, {Sentences} sentences, l2 {L2}, {Seconds:F1} s)", version, kind, sentences,
            string.Join(", ", model.VectorPenalties), seconds);
        return View(entry);
    }

    private (string Field, string Reason)? ModelProblem(SentimentModel model) =>
        model.Dimensions != encoder.Dimensions
            ? ("dimensions", $"the model takes {model.Dimensions}-dimension vectors ({model.Encoder}); this engine's encoder gives {encoder.Dimensions}")
        : model.Idf?.Length != TfIdfVocabulary.Buckets ? ("idf", $"must have {TfIdfVocabulary.Buckets} entries, got {model.Idf?.Length ?? 0}")
        : model.VectorFits is null && model.WordsFits is null ? SingleFitProblem(model)
        : FitsProblem("vectorFits", model.VectorFits, model.Dimensions) ?? FitsProblem("wordsFits", model.WordsFits, TfIdfVocabulary.Buckets);

    // A model of one regression per view (before the per-penalty fits).
    private static (string Field, string Reason)? SingleFitProblem(SentimentModel model) =>
        model.DenseWeights?.Length != model.Dimensions ? ("denseWeights", $"must have {model.Dimensions} entries (the vector size), got {model.DenseWeights?.Length ?? 0}")
        : model.SparseWeights?.Length != TfIdfVocabulary.Buckets ? ("sparseWeights", $"must have {TfIdfVocabulary.Buckets} entries, got {model.SparseWeights?.Length ?? 0}")
        : null;

    private static (string Field, string Reason)? FitsProblem(string field, IReadOnlyList<SentimentViewFit>? fits, int size)
    {
        if (fits is null || fits.Count == 0) return (field, "must hold at least one fit (vectorFits and wordsFits come together)");
        for (var i = 0; i < fits.Count; i++)
            if (fits[i]?.Weights?.Length != size) return ($"{field}[{i}].weights", $"must have {size} entries, got {fits[i]?.Weights?.Length ?? 0}");
        return null;
    }

    private static SentimentModelView View(ModelVersion v) =>
        new(v.Version, v.Kind, v.TrainedAt, v.EventsRead, v.Items, v.Bytes, v.TrainSeconds);
}

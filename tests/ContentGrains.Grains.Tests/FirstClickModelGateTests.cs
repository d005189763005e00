using ContentGrains.Core.Events;
using ContentGrains.Core.Registry;
using ContentGrains.Inference.Click;
using ContentGrains.Storage;
using ContentGrains.Testing;
using ContentGrains.Training.Click;
using Microsoft.Data.Sqlite;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The gate on a first click model, through a whole click run on the embedded store (SQLite log and registry,
/// TorchSharp fit, ONNX Runtime scoring): with no champion, the model has to beat the weighted ranking that serves
/// without it on the held-out feeds, or it is stored as rejected with the reason.
/// </summary>
public sealed class FirstClickModelGateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory folder = new();

    public FirstClickModelGateTests() => SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    [Fact]
    public async Task A_click_model_trained_on_noise_is_rejected_when_no_champion_exists()
    {
        // Every shown item is clicked 10 % of the time, whatever the item, the person or the slot.
        var outcome = await RunAsync(seed: 1, clickChance: (_, _) => 0.10);

        Assert.False(outcome.Decision.Accepted, outcome.Decision.Reason);
        Assert.Equal(VersionStatus.Rejected, outcome.Version.Status);
        Assert.StartsWith("no champion, and it does not beat heuristic-v1: ", outcome.Decision.Reason);
        Assert.Contains(outcome.Decision.Reason, outcome.Version.Reason);
    }

    [Fact]
    public async Task A_click_model_that_learns_what_the_weighted_ranking_cannot_see_is_accepted()
    {
        // The first two slots are clicked 45 % of the time and the rest 3 %: position, which the click model reads and
        // the weighted ranking does not.
        var outcome = await RunAsync(seed: 2, clickChance: (slot, _) => slot < 2 ? 0.45 : 0.03);

        Assert.True(outcome.Decision.Accepted, outcome.Decision.Reason);
        Assert.StartsWith("no champion; beats heuristic-v1 (AUC ", outcome.Decision.Reason);
        Assert.True(outcome.Version.Metrics.Auc > 0.75, $"AUC {outcome.Version.Metrics.Auc}");
    }

    /// <summary>40 people, each shown a feed of 8 of 24 items every hour for a day; clicks drawn with <paramref name="clickChance"/>(slot, item).</summary>
    private async Task<TrainingOutcome> RunAsync(int seed, Func<int, int, double> clickChance)
    {
        await using var log = new SqliteEventLog(folder.SqliteConnectionString, new SqliteWriteGate());
        var store = SqlModelStore.Sqlite(folder.SqliteConnectionString, new SqliteWriteGate());
        var random = new Random(seed);
        var events = new List<Interaction>();
        for (var hour = 0; hour < 24; hour++)
            for (var person = 0; person < 40; person++)
            {
                var at = Start.AddHours(hour).AddSeconds(person);
                for (var slot = 0; slot < 8; slot++)
                {
                    var item = random.Next(24);
                    var id = $"h{hour}-u{person}-s{slot}";
                    events.Add(new Interaction(id + "-impression", $"u{person}", $"i{item}", EventType.Impression, at, "web", 0, null, null));
                    if (random.NextDouble() < clickChance(slot, item))
                        events.Add(new Interaction(id + "-click", $"u{person}", $"i{item}", EventType.Click, at.AddSeconds(10 + slot), "web", 0, null, null));
                }
            }
        await log.AppendAsync(events.OrderBy(e => e.Timestamp).ToList());

        var settings = new TrainingSettings(MemoryBoundBytes: 64 << 20, HeldOutUsers: 50, HeldOutMinPositives: 1, GateTolerance: 0.01);
        var run = new ClickTrainingRun(log, store, settings, new TorchClickModelTrainer(), new OnnxClickModelLoader());
        var request = new ClickTrainingRequest("click", 1, Start.AddDays(2),
            id => ([int.Parse(id[1..]) % 2 == 0 ? "even" : "odd"], Start.AddDays(-(int.Parse(id[1..]) % 5))), ChampionVersion: null);
        return await run.RunAsync(request, new TrainingProgress(), CancellationToken.None);
    }
}

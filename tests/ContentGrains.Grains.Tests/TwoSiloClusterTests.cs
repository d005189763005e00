using ContentGrains.Abstractions;
using ContentGrains.Testing;
using Microsoft.Data.Sqlite;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The learning loop on two silos (Silo_0 role gpu, Silo_1 role cpu) sharing one embedded store: the trainer runs on the
/// gpu silo, every champion (trained or rolled back) is pushed to both silos' scorers, a corrupt artifact is refused,
/// feeds never fail during swaps, and a worse model is gated out. Polling is set to an hour, so only the push can
/// bring a new version within a test.
/// </summary>
public sealed class TwoSiloClusterTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private IGrainFactory Grains => engine.Grains;
    private ITrainerGrain Trainer => Grains.GetGrain<ITrainerGrain>("default");

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartSilosAsync(folder, ["gpu", "cpu"], o => o.ModelRefresh = TimeSpan.FromHours(1));
        await ClusteredAudience.LoadAsync(Grains);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task The_trainer_runs_on_the_gpu_silo_and_both_silos_serve_each_new_champion_and_the_rollback()
    {
        var v1 = await TrainingJobs.TrainAsync(Grains, "ease");
        Assert.Equal((1L, "accepted", "cpu"), (v1.Version, v1.Status, v1.Device));
        Assert.Equal(engine.Cluster.Silos[0].SiloAddress, await TrainerSiloAsync());
        await BothSilosServeAsync(1);

        var v2 = await TrainingJobs.TrainAsync(Grains, "itemknn");
        Assert.Equal((2L, "accepted"), (v2.Version, v2.Status));
        await BothSilosServeAsync(2);

        Assert.Equal(1, (await Trainer.SetChampionAsync(1)).Champion);
        await BothSilosServeAsync(1);
        var feed = await Grains.GetGrain<IUserGrain>("c2-p0").GetFeedAsync(5, null);
        Assert.Equal([new ServedModel("default", 1, "ease")], feed.Models);
        Assert.Equal("default-v1:ease", feed.Model);
    }

    [Fact]
    public async Task A_worse_model_is_rejected_with_its_reason_and_the_champion_keeps_serving()
    {
        var v1 = await TrainingJobs.TrainAsync(Grains, "ease");
        // Every person has four likes (>= 3): each one's latest like is held out, 70 users.
        Assert.Equal(70, v1.Metrics!.HeldOutUsers);
        Assert.Equal(70 * 3, v1.Positives); // 280 likes less the 70 held out
        await BothSilosServeAsync(1);

        var job = await TrainingJobs.RunAsync(Grains, "pop");
        Assert.Equal(("rejected", 2L), (job.Status, job.Version));
        Assert.Contains("NDCG@10", job.Reason);
        Assert.Contains("below champion v1's", job.Reason);

        var registry = await Trainer.GetRegistryAsync();
        Assert.Equal(1, registry.Champion);
        var rejected = registry.Versions.Single(v => v.Version == 2);
        Assert.Equal(("rejected", job.Reason, false), (rejected.Status, rejected.Reason, rejected.Champion));
        Assert.True(rejected.Metrics!.Ndcg10 < v1.Metrics.Ndcg10 - 0.01, $"pop {rejected.Metrics.Ndcg10} vs ease {v1.Metrics.Ndcg10}");
        Assert.Equal(v1.Metrics.HeldOutUsers, rejected.Metrics.HeldOutUsers); // judged on the same held-out events
        Assert.NotNull(registry.Versions.Single(v => v.Version == 1).Window);
        await Assert.ThrowsAsync<ArgumentException>(() => Trainer.SetChampionAsync(2));
        await BothSilosServeAsync(1);
    }

    [Fact]
    public async Task A_corrupted_artifact_is_refused_by_every_silo_which_keeps_the_old_version()
    {
        await TrainingJobs.TrainAsync(Grains, "ease");
        await TrainingJobs.TrainAsync(Grains, "itemknn");
        await BothSilosServeAsync(2);

        CorruptArtifact(version: 1);
        await Trainer.SetChampionAsync(1);
        foreach (var silo in engine.SiloNames)
        {
            var view = await Eventually.Get(() => Grains.GetGrain<ISiloScorerGrain>(silo).GetAsync(), v => v.Refused == 1, $"{silo} refusing v1");
            Assert.Equal(2, view.Serving);
            Assert.Contains("checksum", view.RefusedReason);
        }
        var registry = await Eventually.Get(Trainer.GetRegistryAsync, r => r.Silos!.Count(s => s.Refused == 1) == 2, "both refusals in the registry view");
        Assert.All(registry.Silos!, s => Assert.Equal(2, s.Serving));
        Assert.Equal(2, (await Grains.GetGrain<IUserGrain>("c0-p0").GetFeedAsync(5, null)).Models!.Single().Version);
    }

    [Fact]
    public async Task Feeds_keep_answering_during_swaps_under_continuous_requests()
    {
        await TrainingJobs.TrainAsync(Grains, "ease");
        await BothSilosServeAsync(1);
        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<long, int>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var people = ClusteredAudience.People;
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i += 4)
            {
                try
                {
                    var feed = await Grains.GetGrain<IUserGrain>(people[i % people.Count]).GetFeedAsync(10, null);
                    if (feed.Items.Count == 0) throw new InvalidOperationException($"empty feed for {feed.UserId}");
                    seen.AddOrUpdate(feed.Models!.Single().Version, 1, (_, n) => n + 1);
                }
                catch (Exception error) { failures.Enqueue(error); }
            }
        })).ToList();

        await TrainingJobs.TrainAsync(Grains, "itemknn");
        await BothSilosServeAsync(2);
        await Trainer.SetChampionAsync(1);
        await BothSilosServeAsync(1);
        await Trainer.SetChampionAsync(2);
        await BothSilosServeAsync(2);
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.True(seen.ContainsKey(1) && seen.ContainsKey(2), $"feeds should have been served by both versions: {string.Join(", ", seen)}");
    }

    private async Task BothSilosServeAsync(long version)
    {
        foreach (var silo in engine.SiloNames)
            await Eventually.Get(() => Grains.GetGrain<ISiloScorerGrain>(silo).GetAsync(), v => v.Serving == version, $"{silo} serving v{version}");
    }

    private async Task<SiloAddress> TrainerSiloAsync()
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Single(s => s.GrainId.Type.ToString() == "trainer" && s.GrainId.Key.ToString() == "default").SiloAddress;
    }

    private void CorruptArtifact(long version)
    {
        using var connection = new SqliteConnection(folder.SqliteConnectionString);
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT artifact FROM cg_models WHERE name = 'default' AND version = {version}";
        var bytes = (byte[])read.ExecuteScalar()!;
        bytes[bytes.Length / 2] ^= 0xFF;
        using var write = connection.CreateCommand();
        write.CommandText = $"UPDATE cg_models SET artifact = @artifact WHERE name = 'default' AND version = {version}";
        write.Parameters.AddWithValue("@artifact", bytes);
        Assert.Equal(1, write.ExecuteNonQuery());
    }
}

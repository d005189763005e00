using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The ingest path retries a stage whose call it saw fail, yet the grain may have applied those events (its answer
/// was lost, or its snapshot write failed after applying them). A retry reaching a grain that has since applied more
/// than a window's worth (512) of newer events counted it twice (issue 9: 38 clicks doubled in a 2-kill drill).
/// These send one logged event again, as the retry does, after 600 newer ones.
/// </summary>
public sealed class RedeliveryTests : IDisposable
{
    private const int Newer = 600;
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>One click of "fan" on "hot", then 600 more; answers the first one as the log holds it.</summary>
    private static async Task<LoggedEventMessage> SeedAsync(EngineCluster engine)
    {
        Assert.Empty(await engine.Grains.GetGrain<IItemGrain>("hot").PutAsync(Item("Hot", "drama")));
        // Both grains active before the first event, as on a running engine: their activation's replay read nothing,
        // so only the window stands between a retry and a second count.
        Assert.Empty((await engine.Grains.GetGrain<IUserGrain>("fan").GetProfileAsync()).EventCounts);
        var ingest = engine.Grains.GetGrain<IIngestGrain>(0);
        Assert.Equal(1, (await ingest.IngestAsync([E("first", "fan", "hot")])).Accepted);
        var newer = Enumerable.Range(0, Newer).Select(i => E($"newer{i}", "fan", "hot")).ToList();
        Assert.Equal(Newer, (await ingest.IngestAsync(newer)).Accepted);
        var logged = await engine.SiloService<IEventLog>(0).ReadItemAsync("hot", 0);
        return LoggedEventMessage.From(logged.Single(e => e.Event.EventId == "first"));
    }

    private static Task SendAgainAsync(EngineCluster engine, LoggedEventMessage first) => Task.WhenAll(
        engine.Grains.GetGrain<IItemEventsGrain>("hot").ApplyAsync([first]),
        engine.Grains.GetGrain<IUserEventsGrain>("fan").ApplyAsync([new TaggedEventMessage(first, ["drama"])]));

    private static async Task AssertCountedOnceAsync(EngineCluster engine)
    {
        Assert.Equal(1 + Newer, (await engine.Grains.GetGrain<IItemGrain>("hot").GetAsync())!.Stats.Clicks);
        Assert.Equal(1 + Newer, (await engine.Grains.GetGrain<IUserGrain>("fan").GetProfileAsync()).EventCounts["click"]);
    }

    [Fact]
    public async Task An_event_sent_again_after_a_window_of_newer_ones_is_applied_once()
    {
        await using var engine = await EngineCluster.StartAsync(folder);
        var first = await SeedAsync(engine);
        await AssertCountedOnceAsync(engine);

        await SendAgainAsync(engine, first);

        await AssertCountedOnceAsync(engine);
    }

    [Fact]
    public async Task An_event_sent_again_to_a_new_activation_is_applied_once()
    {
        LoggedEventMessage first;
        await using (var before = await EngineCluster.StartAsync(folder)) first = await SeedAsync(before);
        await using var after = await EngineCluster.StartAsync(folder);

        await SendAgainAsync(after, first);

        await AssertCountedOnceAsync(after);
    }

    /// <summary>
    /// A silo that dies between the log commit and the dispatch leaves a batch in the log and in no grain; the client's
    /// retry is answered "duplicate". The retry dispatches the recently logged duplicates again, so the active grains
    /// count them (once: a second retry changes nothing). The batch is appended to the log directly, as the dead silo left it.
    /// </summary>
    [Fact]
    public async Task A_retried_batch_that_a_dead_silo_logged_but_never_dispatched_reaches_its_grains_once()
    {
        await using var engine = await EngineCluster.StartAsync(folder);
        Assert.Empty(await engine.Grains.GetGrain<IItemGrain>("hot").PutAsync(Item("Hot", "drama")));
        Assert.Empty((await engine.Grains.GetGrain<IUserGrain>("fan").GetProfileAsync()).EventCounts);
        var batch = Enumerable.Range(0, 3).Select(i => E($"orphan{i}", "fan", "hot")).ToList();
        var now = DateTimeOffset.UtcNow;
        var stored = await engine.SiloService<IEventLog>(0).AppendAsync(
            batch.Select(e => new Interaction(e.EventId!, e.UserId!, e.ItemId!, EventType.Click, now, "web", 0, null, null)).ToList());
        Assert.All(stored, sequence => Assert.True(sequence > 0));
        Assert.Equal(0, (await engine.Grains.GetGrain<IItemGrain>("hot").GetAsync())!.Stats.Clicks); // in the log, in no grain

        var ingest = engine.Grains.GetGrain<IIngestGrain>(0);
        for (var retry = 0; retry < 2; retry++)
        {
            var answer = await ingest.IngestAsync(batch);
            Assert.Equal((0, 3), (answer.Accepted, answer.Duplicates));
            Assert.Equal(3, (await engine.Grains.GetGrain<IItemGrain>("hot").GetAsync())!.Stats.Clicks);
            Assert.Equal(3, (await engine.Grains.GetGrain<IUserGrain>("fan").GetProfileAsync()).EventCounts["click"]);
        }
    }
}

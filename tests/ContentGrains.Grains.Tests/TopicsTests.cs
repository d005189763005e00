using ContentGrains.Abstractions;
using ContentGrains.Core.Vectors;
using ContentGrains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// Topics on a real silo with the real MiniLM encoder: eight space headlines and eight kitchen headlines (no tags, so
/// neither tag interest nor popularity can stand in for topics) are fitted into two topics, a person's topic interests
/// move with their next event, the feed offers the unseen items of their topic "from topic …", and a restart on the
/// same store keeps the fitted topics and the person's interests.
/// </summary>
public sealed class TopicsTests : IDisposable
{
    private static readonly IReadOnlyList<string> Space = PlantedHeadlines.Space;
    private static readonly IReadOnlyList<string> Kitchen = PlantedHeadlines.Kitchen;

    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private static void TwoToFour(EngineOptions o) => o.Topics = new TopicsOptions { MinTopics = 2, MaxTopics = 4, Interval = TimeSpan.Zero };

    [Fact]
    public async Task Two_planted_topics_are_found_interests_move_with_one_event_the_feed_offers_the_topic_and_a_restart_keeps_them()
    {
        int spaceTopic, kitchenTopic;
        string spaceName;
        await using (var engine = await EngineCluster.StartAsync(folder, configure: TwoToFour))
        {
            await PutItemsAsync(engine);
            var run = await engine.Grains.GetGrain<ITopicsGrain>("default").FitAsync();
            Assert.Null(run.Error);
            Assert.Equal((1L, 16, 2), (run.Version, run.Items, run.Topics));

            var book = (await engine.SiloService<TopicBookCache>(0).RefreshAsync())!;
            spaceTopic = book.MainTopicOf("space-0")!.Value;
            kitchenTopic = 1 - spaceTopic;
            Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(spaceTopic, book.MainTopicOf($"space-{i}")));
            Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(kitchenTopic, book.MainTopicOf($"kitchen-{i}")));
            Assert.Equal([8, 8], book.Topics.Topics.Select(t => t.Size));
            Assert.Equal([2, 3, 4], book.Topics.Tried.Select(t => t.K));
            spaceName = book.NameOf(spaceTopic)!;

            var user = engine.Grains.GetGrain<IUserGrain>("reader");
            Assert.Empty((await user.GetTopicsAsync()).Interests);
            await IngestAsync(engine, E("e1", "reader", "space-0"));
            var afterOne = await Eventually.Get(user.GetTopicsAsync, t => t.Interests.Count > 0, "the first event in the reader's topics");
            Assert.Equal(1L, afterOne.Version);
            Assert.Equal(spaceTopic, afterOne.Interests[0].Topic);
            Assert.True(afterOne.Interests[0].Share > 0.9, $"one click on a space item: space share {afterOne.Interests[0].Share}");

            var feed = await user.GetFeedAsync(5, null);
            Assert.All(feed.Items.Take(4), f => Assert.StartsWith("space-", f.ItemId));
            Assert.DoesNotContain(feed.Items, f => f.ItemId == "space-0"); // seen
            Assert.Equal($"from topic {spaceName}", feed.Items[0].Reason);

            // One click on a kitchen item, with the same weight at the same time: the two topics now share the interest.
            await IngestAsync(engine, E("e2", "reader", "kitchen-0"));
            var afterTwo = (await Eventually.Get(user.GetTopicsAsync, t => t.Interests.Count == 2, "the second event in the reader's topics"))
                .Interests.ToDictionary(s => s.Topic, s => s.Share);
            Assert.InRange(afterTwo[kitchenTopic], 0.35, 0.65);
            Assert.InRange(afterTwo[spaceTopic], 0.35, 0.65);
        }

        await using var restarted = await EngineCluster.StartAsync(folder, configure: TwoToFour);
        var reloaded = (await restarted.SiloService<TopicBookCache>(0).RefreshAsync())!;
        Assert.Equal(1L, reloaded.Version);
        Assert.Equal(spaceName, reloaded.NameOf(spaceTopic));
        Assert.Equal(kitchenTopic, reloaded.MainTopicOf("kitchen-3"));
        var interests = (await restarted.Grains.GetGrain<IUserGrain>("reader").GetTopicsAsync()).Interests;
        Assert.Equal(new[] { spaceTopic, kitchenTopic }.Order(), interests.Select(s => s.Topic).Order());
        Assert.All(interests, s => Assert.InRange(s.Share, 0.35, 0.65));
    }

    private static async Task PutItemsAsync(EngineCluster engine)
    {
        for (var i = 0; i < 8; i++)
        {
            Assert.Empty(await engine.Grains.GetGrain<IItemGrain>($"space-{i}").PutAsync(Item(Space[i])));
            Assert.Empty(await engine.Grains.GetGrain<IItemGrain>($"kitchen-{i}").PutAsync(Item(Kitchen[i])));
        }
        var vectors = ((InProcessSiloHandle)engine.Cluster.Silos[0]).ServiceProvider.GetRequiredService<IItemVectorStore>();
        await Eventually.Get(() => vectors.CountAsync(), n => n == 16, "the 16 items' text vectors", timeoutMs: 180_000);
    }

    private static async Task IngestAsync(EngineCluster engine, InteractionEvent e) =>
        Assert.Equal(1, (await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync([e])).Accepted);
}

using ContentGrains.Abstractions;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// A data set with taste: four clusters of eight items, with 30, 20, 10 and 10 people; each person likes four items
/// of their own cluster. A co-occurrence model (EASE) finds a person's held-out item among their cluster's; popularity
/// recommends the big clusters' items to everyone, so it is clearly worse on the small clusters' people.
/// </summary>
public static class ClusteredAudience
{
    public static readonly int[] PeoplePerCluster = [30, 20, 10, 10];
    public const int ItemsPerCluster = 8, LikesPerPerson = 4;

    public static string ItemId(int cluster, int item) => $"c{cluster}-i{item}";

    public static IReadOnlyList<string> People =>
        PeoplePerCluster.SelectMany((count, cluster) => Enumerable.Range(0, count).Select(p => $"c{cluster}-p{p}")).ToList();

    public static async Task LoadAsync(IGrainFactory grains)
    {
        var items = Enumerable.Range(0, PeoplePerCluster.Length)
            .SelectMany(c => Enumerable.Range(0, ItemsPerCluster).Select(i => new ItemUpsert(ItemId(c, i), Item($"Item {c}/{i}", $"topic{c}"))))
            .ToList();
        Assert.Equal(items.Count, (await grains.GetGrain<IItemImportGrain>(0).PutManyAsync(items)).Stored);
        var events = new List<InteractionEvent>();
        for (var c = 0; c < PeoplePerCluster.Length; c++)
            for (var p = 0; p < PeoplePerCluster[c]; p++)
                for (var k = 0; k < LikesPerPerson; k++)
                    events.Add(E($"c{c}-p{p}-{k}", $"c{c}-p{p}", ItemId(c, (p * 3 + k) % ItemsPerCluster), "like"));
        Assert.Equal(events.Count, (await grains.GetGrain<IIngestGrain>(0).IngestAsync(events)).Accepted);
    }
}

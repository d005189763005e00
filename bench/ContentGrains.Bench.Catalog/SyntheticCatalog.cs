using ContentGrains.Core.Catalog;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Bench.Catalog;

/// <summary>
/// A synthetic catalog: ids "item-0000042", 1–4 tags out of 2,000 with Zipf-like tag popularity, a title, 30% of
/// items limited to the web channel, a publish time within the last year, and Zipf-like popularity and event counts.
/// </summary>
public sealed class SyntheticCatalog(int seed)
{
    public const int Tags = 2_000;
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);
    private static readonly string[] WebOnly = ["web"];
    private readonly Random random = new(seed);

    public static string Id(int i) => $"item-{i:D7}";
    public static string Tag(int t) => $"tag-{t}";

    public CatalogEntry Item(int i, DateTimeOffset now)
    {
        var tags = new string[1 + random.Next(4)];
        for (var t = 0; t < tags.Length; t++) tags[t] = Tag(Zipf(Tags));
        var popularity = 1_000.0 / (1 + Zipf(1_000_000));
        return new CatalogEntry(Id(i), tags.Distinct().ToArray(), random.NextDouble() < 0.3 ? WebOnly : [],
            now.AddMinutes(-random.Next(365 * 24 * 60)),
            new DecayingValue { Value = popularity, AsOfUnixMs = now.AddMinutes(-random.Next(24 * 60)).ToUnixTimeMilliseconds() },
            random.Next(100) < 20 ? random.Next(20) : 20 + random.Next(500), $"Item {i}");
    }

    /// <summary>The same item after more events: popularity and event count only grow.</summary>
    public CatalogEntry MoreEvents(CatalogEntry entry, DateTimeOffset at)
    {
        var trend = entry.Trend;
        trend.Add(1 + random.Next(5), at, HalfLife);
        return entry with { Trend = trend, EventsApplied = entry.EventsApplied + 1 + random.Next(5) };
    }

    public int Next(int below) => random.Next(below);

    /// <summary>A rank in [0, n) with probability about 1/(rank+1): a few values are common, most are rare.</summary>
    public int Zipf(int n) => Math.Min(n - 1, (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(n + 1))) - 1);
}

using System.Text.Json;

namespace ContentGrains.Bench.Ingest;

/// <summary>A request body prepared before the clock starts: <paramref name="Events"/> events serialized as one JSON array.</summary>
public sealed record Batch(int Index, int Events, byte[] Body);

/// <summary>
/// Synthetic catalog and traffic: items with Zipf-like popularity (weight 1/rank^s), users drawn uniformly,
/// a mix of event types, timestamps within the last day, and unique event ids. Everything is generated and
/// serialized up front so the client spends its CPU on HTTP during the measured phase.
/// Per item it counts what it sent, so the item's counters can be checked afterwards.
/// </summary>
public sealed class Workload
{
    public static readonly string[] TypeNames = ["impression", "view", "click", "like", "share", "comment", "dislike", "conversion", "dwell"];
    /// <summary>Share of each type in <see cref="TypeNames"/> order (sums to 1): mostly impressions and views, few conversions.</summary>
    private static readonly double[] TypeShares = [0.45, 0.18, 0.12, 0.06, 0.02, 0.03, 0.02, 0.02, 0.10];
    private static readonly string[] Channels = ["web", "app", "email", "push"];
    private static readonly double[] ChannelShares = [0.5, 0.3, 0.1, 0.1];
    private static readonly string[] Formats = ["article", "video", "podcast", "gallery", "short"];
    private static readonly string[] Topics =
    [
        "politics", "economy", "tech", "ai", "science", "health", "sport", "football", "tennis", "travel",
        "food", "culture", "film", "music", "books", "gaming", "climate", "energy", "cars", "fashion",
        "family", "education", "careers", "money", "housing", "crime", "world", "local", "weather", "opinion",
    ];

    private readonly Random random;
    private readonly double[] cumulative;
    private readonly string runId;
    private readonly IReadOnlyList<string>? itemIds;
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;
    private long nextEvent;

    public int ItemCount { get; }
    public int UserCount { get; }
    /// <summary>Sent events per item and type (index as <see cref="TypeNames"/>); counts every batch generated with counting on.</summary>
    public long[,] SentByItemAndType { get; }
    public double[] SentDwellByItem { get; }

    /// <param name="itemIds">The events' items: ids an engine already has (bench/load.sh's imported catalog, whose text is
    /// encoded already), or null for the workload's own <see cref="ItemId"/>s, which <see cref="ItemBodies"/> describes.</param>
    public Workload(int items, int users, double zipfExponent, int seed, IReadOnlyList<string>? itemIds = null)
    {
        if (itemIds is not null && itemIds.Count < items) throw new ArgumentException($"itemIds: {itemIds.Count} ids for {items} items", nameof(itemIds));
        this.itemIds = itemIds;
        ItemCount = items;
        UserCount = users;
        random = new Random(seed);
        runId = $"{DateTime.UtcNow:yyMMddHHmmss}{Random.Shared.Next(0x1000, 0xFFFF):x4}";
        cumulative = new double[items];
        var sum = 0.0;
        for (var i = 0; i < items; i++) cumulative[i] = sum += 1.0 / Math.Pow(i + 1, zipfExponent);
        for (var i = 0; i < items; i++) cumulative[i] /= sum;
        SentByItemAndType = new long[items, TypeNames.Length];
        SentDwellByItem = new double[items];
    }

    public static string ItemId(int i) => $"bench-item-{i:D6}";
    public static string UserId(int u) => $"bench-user-{u:D7}";

    /// <summary>Share of all events that goes to the most popular item.</summary>
    public double TopItemShare => cumulative[0];

    /// <summary>POST /v1/items bodies, <paramref name="perBatch"/> items each.</summary>
    public List<byte[]> ItemBodies(int perBatch)
    {
        var bodies = new List<byte[]>();
        for (var start = 0; start < ItemCount; start += perBatch)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartArray();
                for (var i = start; i < Math.Min(ItemCount, start + perBatch); i++)
                {
                    w.WriteStartObject();
                    w.WriteString("itemId", ItemId(i));
                    w.WriteString("title", $"Bench item {i}: {Topics[i % Topics.Length]} story");
                    w.WriteString("text", $"Synthetic body of bench item {i} about {Topics[i % Topics.Length]} and {Topics[(i * 7 + 3) % Topics.Length]}.");
                    w.WriteStartArray("tags");
                    var tagCount = 2 + i % 3;
                    for (var t = 0; t < tagCount; t++) w.WriteStringValue(Topics[(i * 7 + t * 11) % Topics.Length]);
                    w.WriteEndArray();
                    w.WriteString("format", Formats[i % Formats.Length]);
                    w.WriteString("creator", $"creator-{i % 97}");
                    w.WriteString("publishedAt", now.AddMinutes(-(i * 37 % (30 * 24 * 60))));
                    w.WriteStartArray("channels");
                    w.WriteStringValue("web");
                    w.WriteStringValue("app");
                    if (i % 3 == 0) w.WriteStringValue("email");
                    if (i % 4 == 0) w.WriteStringValue("push");
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            bodies.Add(buffer.ToArray());
        }
        return bodies;
    }

    /// <summary>
    /// <paramref name="totalEvents"/> new events in batches of <paramref name="batchSize"/>. With <paramref name="count"/>
    /// the events are added to <see cref="SentByItemAndType"/>; <paramref name="invalidType"/> makes every event fail validation.
    /// </summary>
    public List<Batch> EventBatches(string phase, int totalEvents, int batchSize, bool count = true, bool invalidType = false)
    {
        var batches = new List<Batch>((totalEvents + batchSize - 1) / batchSize);
        var buffer = new MemoryStream(batchSize * 260);
        for (var start = 0; start < totalEvents; start += batchSize)
        {
            var n = Math.Min(batchSize, totalEvents - start);
            buffer.SetLength(0);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartArray();
                for (var k = 0; k < n; k++) WriteEvent(w, phase, count, invalidType);
                w.WriteEndArray();
            }
            batches.Add(new Batch(batches.Count, n, buffer.ToArray()));
        }
        return batches;
    }

    private void WriteEvent(Utf8JsonWriter w, string phase, bool count, bool invalidType)
    {
        var item = SampleItem();
        var type = Pick(TypeShares);
        var channel = Channels[Pick(ChannelShares)];
        w.WriteStartObject();
        w.WriteString("eventId", $"{runId}-{phase}-{nextEvent++:D9}");
        w.WriteString("userId", UserId(random.Next(UserCount)));
        w.WriteString("itemId", itemIds?[item] ?? ItemId(item));
        w.WriteString("type", invalidType ? "not-a-type" : TypeNames[type]);
        w.WriteString("timestamp", now.AddMilliseconds(-random.NextInt64(86_400_000)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
        w.WriteString("channel", channel);
        double dwell = 0;
        if (TypeNames[type] == "dwell")
        {
            dwell = 1 + random.Next(300); // whole seconds: sums compare exactly
            w.WriteNumber("dwellSeconds", dwell);
        }
        if (TypeNames[type] == "conversion") w.WriteNumber("value", 1 + random.Next(100));
        if (TypeNames[type] == "comment") w.WriteString("text", "Synthetic comment from the ingestion benchmark.");
        w.WriteEndObject();
        if (count && !invalidType)
        {
            SentByItemAndType[item, type]++;
            SentDwellByItem[item] += dwell;
        }
    }

    private int SampleItem()
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, ItemCount - 1);
    }

    private int Pick(double[] shares)
    {
        var u = random.NextDouble();
        for (var i = 0; i < shares.Length; i++)
            if ((u -= shares[i]) < 0) return i;
        return shares.Length - 1;
    }

    public long SentToItemsTotal()
    {
        long total = 0;
        for (var i = 0; i < ItemCount; i++) total += SentToItem(i);
        return total;
    }

    public long SentToItem(int item)
    {
        long total = 0;
        for (var t = 0; t < TypeNames.Length; t++) total += SentByItemAndType[item, t];
        return total;
    }
}

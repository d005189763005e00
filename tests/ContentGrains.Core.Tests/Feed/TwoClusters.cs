using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// A tiny log with two clusters watched together: u1 {a,b,c}, u2 {a,b}, u3 {b,c} and u4 {d,e,f}, u5 {d,e}, u6 {e,f}.
/// Item users: a, c, d, f have 2 (norm √2), b and e have 3 (norm √3). Cosines (the live similarity and the itemknn
/// scorer): ab = bc = de = ef = 2/√6 = 0.816497, ac = df = 1/2, none across the clusters. Model indices follow first
/// appearance: a 0, b 1, c 2, d 3, e 4, f 5.
/// The catalog has a..f with titles and n ("November"), an item the model never saw, with 0 events so far.
/// </summary>
public static class TwoClusters
{
    public static readonly double Cosine = 2 / Math.Sqrt(6);

    public static IEnumerable<Interaction> Events() =>
        new (string User, string[] Items)[]
        {
            ("u1", ["a", "b", "c"]), ("u2", ["a", "b"]), ("u3", ["b", "c"]),
            ("u4", ["d", "e", "f"]), ("u5", ["d", "e"]), ("u6", ["e", "f"]),
        }.SelectMany(u => u.Items.Select(item => Given.Event(EventType.View, item, userId: u.User)));

    public static LiveModel Model(string kind = "itemknn") => LiveModelTrainer.Train("feed", 3, Now, Events(), kind).Model;

    public static CatalogEntry[] Entries() =>
    [
        Item("a", 1, ["comedy"], title: "Alpha"),
        Item("b", 5, ["comedy"], title: "Bravo"),
        Item("c", 2, ["comedy", "drama"], title: "Charlie"),
        Item("d", 8, ["action"], channels: ["app"], title: "Delta"),
        Item("e", 3, ["action"], title: "Echo"),
        Item("f", 0, ["action", "drama"], title: "Foxtrot"),
        Item("n", 4, ["comedy", "drama"], events: 0, title: "November"),
    ];

    public static CatalogSnapshot Catalog() => Snapshot(Entries());
}

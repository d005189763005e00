namespace ContentGrains.Core.Simulation;

/// <summary>
/// What the oracle knows of an item: its topics (the first is the primary one) with weights that sum to 1, an intrinsic
/// quality, and when it was published.
/// </summary>
public sealed record ItemTraits(long Index, int[] Topics, double[] TopicWeights, double Quality, DateTimeOffset PublishedAt)
{
    public string Id => SimIds.Item(Index);
    public int PrimaryTopic => Topics[0];
}

/// <summary>An item as the engine sees it: the traits plus a title and a text made of its topics' words.</summary>
public sealed record SimItem(ItemTraits Traits, string Title, string Text, IReadOnlyList<string> Tags)
{
    public string Id => Traits.Id;
}

/// <summary>A person: tastes over topics (shares summing to 1), how often they visit, the hour they usually come, and how
/// many unrewarding feeds in a row they sit through before leaving. In a world with planted segments, also their group
/// (the truth, never sent to the engine) and the channel they use; otherwise −1 and null (the run's channel).</summary>
public sealed record SimPerson(long Index, double[] Tastes, double Activity, double HabitHour, int Patience)
{
    public string Id => SimIds.User(Index);
    public int Segment { get; init; } = -1;
    public string? Channel { get; init; }
    public double MaxTaste { get; } = Tastes.Max();
}

/// <summary>Ids the simulated world uses on the wire: u{index} and i{index}.</summary>
public static class SimIds
{
    public static string User(long index) => "u" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static string Item(long index) => "i" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The index of an item id this world gave out, or −1 for any other id.</summary>
    public static long ItemIndex(string id) => Index(id, 'i');

    /// <summary>The index of a person id this world gave out, or −1 for any other id.</summary>
    public static long UserIndex(string id) => Index(id, 'u');

    private static long Index(string id, char prefix) =>
        id.Length > 1 && id[0] == prefix && long.TryParse(id.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : -1;
}

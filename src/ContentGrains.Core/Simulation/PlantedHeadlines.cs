namespace ContentGrains.Core.Simulation;

/// <summary>One item under a headline test in the simulated world: how many variants it carries and which one is planted.</summary>
public sealed record PlantedHeadlineItem(long ItemIndex, int Variants, int Planted)
{
    public string ItemId => SimIds.Item(ItemIndex);
    public string PlantedVariantId => VariantId(Planted);

    /// <summary>Variant ids on the wire: v0, v1, … (the same naming as <see cref="PlantedHeadline.VariantId"/>).</summary>
    public static string VariantId(int variant) => "v" + variant.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The simulator's planted headline truth for a whole world (issue 8, item 11): <see cref="WorldSettings.HeadlineItems"/>
/// items, drawn by the seed, each carry <see cref="WorldSettings.HeadlineVariants"/> headline variants; one of them, also
/// drawn, multiplies the item's click probability by (1 + <see cref="WorldSettings.HeadlineLift"/>) whenever a feed shows
/// it, the others leave it as it is. The engine never sees which variant is planted; its headline bandit is right when
/// it declares the planted one.
/// </summary>
public sealed class PlantedHeadlines
{
    private readonly Dictionary<long, PlantedHeadlineItem> byItem;

    public PlantedHeadlines(WorldSettings settings)
    {
        Lift = settings.HeadlineLift;
        var random = SimRandom.For(settings.Seed, SimRandom.Streams.Headlines, 0);
        var indices = Enumerable.Range(0, settings.Items).Select(i => (long)i).ToArray();
        // A partial Fisher-Yates shuffle: the first HeadlineItems indices are a uniform sample without replacement.
        for (var i = 0; i < settings.HeadlineItems; i++)
        {
            var j = i + random.NextInt(indices.Length - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        Items = indices.Take(settings.HeadlineItems).Order()
            .Select(index => new PlantedHeadlineItem(index, settings.HeadlineVariants, random.NextInt(settings.HeadlineVariants))).ToList();
        byItem = Items.ToDictionary(i => i.ItemIndex);
    }

    public double Lift { get; }
    public IReadOnlyList<PlantedHeadlineItem> Items { get; }

    public PlantedHeadlineItem? For(long itemIndex) => byItem.GetValueOrDefault(itemIndex);

    /// <summary>What showing <paramref name="variantId"/> of the item multiplies its click probability by: 1 + lift for the planted variant, else 1.</summary>
    public double ClickFactor(long itemIndex, string? variantId) =>
        variantId is not null && byItem.TryGetValue(itemIndex, out var item) && variantId == item.PlantedVariantId ? 1 + Lift : 1;
}

namespace ContentGrains.Core.Simulation;

/// <summary>A world held in memory for the interactive simulation: every item and person of the settings, with the oracle.</summary>
public sealed class SimWorld
{
    public SimWorld(WorldSettings settings)
    {
        if (settings.Problem() is { } problem) throw new ArgumentException(problem, nameof(settings));
        Settings = settings;
        var generator = new WorldGenerator(settings);
        Items = Enumerable.Range(0, settings.Items).Select(i => generator.Item(i)).ToList();
        People = Enumerable.Range(0, settings.Users).Select(u => generator.Person(u)).ToList();
        Oracle = new ClickOracle(settings);
        Policy = new OraclePolicy(Oracle, Items.Select(i => i.Traits).ToList());
        Headlines = new PlantedHeadlines(settings);
    }

    public WorldSettings Settings { get; }
    public IReadOnlyList<SimItem> Items { get; }
    public IReadOnlyList<SimPerson> People { get; }
    public ClickOracle Oracle { get; }
    public OraclePolicy Policy { get; }
    public PlantedHeadlines Headlines { get; }

    /// <summary>The item behind an id the engine returned, or null when the id is not one of this world's.</summary>
    public ItemTraits? Find(string itemId)
    {
        var index = SimIds.ItemIndex(itemId);
        return index >= 0 && index < Items.Count ? Items[(int)index].Traits : null;
    }
}

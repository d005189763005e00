using System.Text;

namespace ContentGrains.Core.Simulation;

/// <summary>
/// Builds any person or item of a world from the seed and its index alone, so a world of a million of each needs no
/// memory (the bulk writer) and the same seed always gives the same world. Items take primary topics in turn
/// (item j's is j mod topics), which lets <see cref="ItemOfTopic"/> find items of a topic without an index; their
/// secondary topics, quality and age are random.
/// </summary>
public sealed class WorldGenerator(WorldSettings settings)
{
    /// <summary>The hours people like to come (morning, lunch, evening); each person has one of them, give or take.</summary>
    private static readonly double[] HabitHours = [7.5, 12.5, 19.5, 21.5];

    private readonly PlantedSegments? planted = settings.Segments > 0 ? new PlantedSegments(settings.Segments, settings.Topics) : null;

    public WorldSettings Settings => settings;

    public ItemTraits Traits(long index)
    {
        var random = SimRandom.For(settings.Seed, SimRandom.Streams.Item, index);
        var primary = (int)(index % settings.Topics);
        var extra = random.NextInt(3); // 0–2 secondary topics
        var topics = new List<int> { primary };
        while (topics.Count < 1 + extra)
        {
            var topic = random.NextInt(settings.Topics);
            if (!topics.Contains(topic)) topics.Add(topic);
        }
        // The primary topic carries 60% of the item, the secondary ones share the rest.
        var weights = topics.Select((_, i) => topics.Count == 1 ? 1.0 : i == 0 ? 0.6 : 0.4 / (topics.Count - 1)).ToArray();
        var quality = random.Normal() * settings.QualitySpread;
        var published = settings.Start - TimeSpan.FromHours(random.NextDouble() * 14 * 24);
        return new ItemTraits(index, topics.ToArray(), weights, quality, published);
    }

    public SimItem Item(long index)
    {
        var traits = Traits(index);
        var random = SimRandom.For(settings.Seed, SimRandom.Streams.Item ^ 0xF00D, index);
        var tags = traits.Topics.Select(t => TopicVocabulary.Topics[t].Tag).ToList();
        return new SimItem(traits, Title(traits, random), Text(traits, random), tags);
    }

    public SimPerson Person(long index)
    {
        var random = SimRandom.For(settings.Seed, SimRandom.Streams.Person, index);
        var tastes = random.Dirichlet(settings.TasteConcentration, settings.Topics);
        var activity = 0.2 + 0.75 * random.NextDouble();
        var habit = HabitHours[random.NextInt(HabitHours.Length)] + random.Normal();
        var patience = 1 + random.NextInt(3);
        if (planted is null) return new SimPerson(index, tastes, activity, Math.Clamp(habit, 0, 23.5), patience);
        // Drawn after the plain person's draws, so a world without segments stays exactly as it was.
        var group = planted.GroupOf(random);
        tastes = planted.Tastes(group, random, settings.TasteConcentration);
        habit = planted.HabitHour(group) + random.Normal();
        return new SimPerson(index, tastes, activity, Math.Clamp(habit, 0, 23.5), patience) { Segment = group, Channel = planted.Channel(group) };
    }

    /// <summary>How many items have <paramref name="topic"/> as their primary topic.</summary>
    public long ItemsOfTopic(int topic) => (settings.Items - topic + settings.Topics - 1) / settings.Topics;

    /// <summary>The item of primary topic <paramref name="topic"/> at popularity rank <paramref name="rank"/>.</summary>
    public long ItemOfTopic(int topic, long rank) => rank * settings.Topics + topic;

    /// <summary>"Galaxy and comet: the telescope", mostly words of the primary topic, one of a secondary topic when there is one.</summary>
    private static string Title(ItemTraits traits, SimRandom random)
    {
        var words = TopicVocabulary.Topics[traits.PrimaryTopic].Words;
        var first = words[random.NextInt(words.Count)];
        var second = words[random.NextInt(words.Count)];
        var other = TopicVocabulary.Topics[traits.Topics[random.NextInt(traits.Topics.Length)]].Words;
        var third = other[random.NextInt(other.Count)];
        var filler = TopicVocabulary.Fillers[random.NextInt(TopicVocabulary.Fillers.Count)];
        return $"{Capital(first)} {filler} {second}: the {third}";
    }

    /// <summary>A dozen words drawn from the item's topics in proportion to their weights.</summary>
    private static string Text(ItemTraits traits, SimRandom random)
    {
        var text = new StringBuilder("A story about");
        for (var i = 0; i < 12; i++)
        {
            var words = TopicVocabulary.Topics[traits.Topics[random.Pick(traits.TopicWeights)]].Words;
            text.Append(i % 4 == 3 ? " and " : " ").Append(words[random.NextInt(words.Count)]);
        }
        return text.Append('.').ToString();
    }

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}

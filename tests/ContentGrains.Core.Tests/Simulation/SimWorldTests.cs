using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Tests.Simulation;

public sealed class SimWorldTests
{
    private static readonly WorldSettings Small = new() { Seed = 7, Users = 300, Items = 400 };

    [Fact]
    public void The_same_seed_gives_the_same_world_and_another_seed_another()
    {
        var (a, b, c) = (new SimWorld(Small), new SimWorld(Small), new SimWorld(Small with { Seed = 8 }));
        Assert.Equal(a.Items.Select(i => (i.Title, i.Text, string.Join(',', i.Tags), i.Traits.Quality, i.Traits.PublishedAt)),
                     b.Items.Select(i => (i.Title, i.Text, string.Join(',', i.Tags), i.Traits.Quality, i.Traits.PublishedAt)));
        Assert.Equal(a.People.SelectMany(p => p.Tastes.Append(p.Activity).Append(p.HabitHour)), b.People.SelectMany(p => p.Tastes.Append(p.Activity).Append(p.HabitHour)));
        Assert.NotEqual(a.Items.Select(i => i.Title), c.Items.Select(i => i.Title));
        Assert.NotEqual(a.People[0].Tastes, c.People[0].Tastes);
    }

    [Fact]
    public void Items_and_people_have_the_specified_shape()
    {
        var world = new SimWorld(Small);
        foreach (var item in world.Items)
        {
            Assert.InRange(item.Tags.Count, 1, 3);
            Assert.Equal((int)(item.Traits.Index % 20), item.Traits.PrimaryTopic);
            Assert.Equal(1.0, item.Traits.TopicWeights.Sum(), 9);
            Assert.Contains(TopicVocabulary.Topics[item.Traits.PrimaryTopic].Words, w => item.Title.Contains(w, StringComparison.OrdinalIgnoreCase));
            Assert.InRange(item.Traits.PublishedAt, Small.Start.AddDays(-14), Small.Start);
        }
        foreach (var person in world.People)
        {
            Assert.Equal(1.0, person.Tastes.Sum(), 9);
            Assert.InRange(person.Activity, 0.2, 0.95);
            Assert.InRange(person.Patience, 1, 3);
        }
        // Dirichlet(0.3) over 20 topics: a typical person's strongest topic holds far more than the uniform 5%.
        Assert.True(world.People.Average(p => p.MaxTaste) > 0.3, $"mean strongest taste {world.People.Average(p => p.MaxTaste):F3}");
    }

    [Fact]
    public void Generating_one_item_or_person_alone_gives_the_same_as_the_whole_world()
    {
        var world = new SimWorld(Small);
        var generator = new WorldGenerator(Small);
        Assert.Equal(world.Items[123].Title, generator.Item(123).Title);
        Assert.Equal(world.People[77].Tastes, generator.Person(77).Tastes);
        Assert.Equal(3, world.Items[(int)generator.ItemOfTopic(3, 5)].Traits.PrimaryTopic);
        Assert.Equal(20, generator.ItemsOfTopic(0));                                          // 400 items / 20 topics
    }

    [Fact]
    public void Bad_settings_are_refused_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => new SimWorld(Small with { Topics = 40 }));
        Assert.StartsWith("topics must be between 2 and 24", error.Message);
        Assert.StartsWith("positionDecay", Assert.Throws<ArgumentException>(() => new SimWorld(Small with { PositionDecay = 0 })).Message);
    }
}

namespace ContentGrains.Core.Simulation;

/// <summary>A simulated comment event: who wrote it on which item, when, its text, and whether it was written negative.</summary>
public sealed record SimComment(long User, long Item, DateTimeOffset At, string Text, bool Negative);

/// <summary>A planted spike: the item, the day window it falls in, the item's usual negative share and the share that day.</summary>
public sealed record PlantedSpike(long Item, DateTimeOffset Day, double UsualShare, double SpikeShare)
{
    public string ItemId => SimIds.Item(Item);
}

/// <summary>
/// The simulator's planted sentiment truth. Items 0 … <see cref="CommentedItems"/> − 1 get comments every day of the span
/// (a count drawn from <see cref="MinPerDay"/>–<see cref="MaxPerDay"/>), each negative with the item's usual share (drawn
/// from <see cref="MinUsualShare"/>–<see cref="MaxUsualShare"/>). <see cref="Spikes"/> of those items, evenly spread over
/// them, get one day (in the second half of the span, after enough history) whose negative share is raised by
/// <see cref="SpikeLift"/>. With no spikes it is a spike-free span, on which no alert should fire. Comments are spread
/// over each day and come out in time order; the text comes from <see cref="CommentPhrases"/> with a word of the
/// item's primary topic (item j's is j mod <see cref="Topics"/>, as in the world).
/// </summary>
public sealed record PlantedSentimentSpikes(
    long Seed, int CommentedItems, int Spikes, int Days, DateTimeOffset End, int Users,
    int Topics = 20, int MinPerDay = 20, int MaxPerDay = 60, double MinUsualShare = 0.05, double MaxUsualShare = 0.25, double SpikeLift = 0.5)
{
    private const ulong CommentStream = 0x5E17;

    /// <summary>Midnight UTC of the first simulated day: the span is the <see cref="Days"/> whole days before <see cref="End"/>'s day.</summary>
    public DateTimeOffset FirstDay => new DateTimeOffset(End.UtcDateTime.Date, TimeSpan.Zero).AddDays(-Days);

    public (string Field, string Reason)? Problem() =>
        CommentedItems < 1 ? (nameof(CommentedItems), "must be at least 1")
        : Spikes < 0 || Spikes > CommentedItems ? (nameof(Spikes), $"must be between 0 and the commented items ({CommentedItems})")
        : Days < 4 ? (nameof(Days), "must be at least 4: a spike needs history before it")
        : Topics < 1 || Topics > TopicVocabulary.Topics.Count ? (nameof(Topics), $"must be between 1 and {TopicVocabulary.Topics.Count}")
        : Users < 1 ? (nameof(Users), "must be at least 1")
        : null;

    public IReadOnlyList<PlantedSpike> Planted()
    {
        var spikes = new List<PlantedSpike>();
        for (var k = 0; k < Spikes; k++)
        {
            var item = (long)k * CommentedItems / Spikes;
            var random = SimRandom.For(Seed, CommentStream, -1 - item);
            var day = Days / 2 + random.NextInt(Days - Days / 2);
            var usual = UsualShare(item);
            spikes.Add(new PlantedSpike(item, FirstDay.AddDays(day), usual, Math.Min(1, usual + SpikeLift)));
        }
        return spikes;
    }

    /// <summary>Every comment of the span, in time order.</summary>
    public IEnumerable<SimComment> Comments()
    {
        var spikes = Planted().ToDictionary(s => (s.Item, s.Day));
        for (var day = 0; day < Days; day++)
        {
            var start = FirstDay.AddDays(day);
            var comments = new List<SimComment>();
            for (long item = 0; item < CommentedItems; item++)
            {
                var random = SimRandom.For(Seed, CommentStream, item * 100_000 + day);
                var share = spikes.TryGetValue((item, start), out var spike) ? spike.SpikeShare : UsualShare(item);
                var count = MinPerDay + random.NextInt(MaxPerDay - MinPerDay + 1);
                var word = TopicVocabulary.Topics[(int)(item % Topics)].Words[random.NextInt(4)];
                for (var c = 0; c < count; c++)
                {
                    var negative = random.Chance(share);
                    comments.Add(new SimComment(random.NextLong(Users), item, start.AddSeconds(random.NextDouble() * 86_400),
                        CommentPhrases.Pick(random, negative, word), negative));
                }
            }
            foreach (var comment in comments.OrderBy(c => c.At)) yield return comment;
        }
    }

    private double UsualShare(long item) =>
        MinUsualShare + (MaxUsualShare - MinUsualShare) * SimRandom.For(Seed, CommentStream, -1_000_000 - item).NextDouble();
}

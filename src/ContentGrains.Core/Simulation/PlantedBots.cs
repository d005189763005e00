namespace ContentGrains.Core.Simulation;

/// <summary>The scripts a planted bot can follow, one per non-human traffic rule.</summary>
public enum BotKind
{
    /// <summary>An impression every 20 s (±3% jitter) for 4 hours, a click on every third: a timer, slow enough to pass the rate rule.</summary>
    Regular,
    /// <summary>An impression and a click about every second (random gaps) for 10 minutes: far faster than reading.</summary>
    HighRate,
    /// <summary>Clicks on one item at random gaps of about a minute for 2 hours, with no impressions: a click storm.</summary>
    ClickStorm,
}

/// <summary>A planted bot: its person index (above the world's people, so its id looks like anyone's) and its script.</summary>
public sealed record PlantedBot(long Index, BotKind Kind)
{
    public string Id => SimIds.User(Index);
}

/// <summary>
/// Scripted non-human clients for the simulator, so that tests and the KPI benchmark know exactly which traffic is not
/// human. Bot n follows script n mod 3 and starts at a random time in the span (its own random stream, so adding bots
/// leaves the humans' events unchanged). Events are ordered by time; <see cref="Merge"/> interleaves them with the humans'.
/// </summary>
public sealed class PlantedBots(WorldSettings settings, int count, DateTimeOffset end, TimeSpan span)
{
    private const ulong BotStream = 0xB07;

    public IReadOnlyList<PlantedBot> Bots { get; } =
        Enumerable.Range(0, count).Select(n => new PlantedBot(settings.Users + n, (BotKind)(n % 3))).ToList();

    public IEnumerable<BulkEvent> Events() =>
        Bots.SelectMany(Script).OrderBy(e => e.Timestamp).ThenBy(e => e.User);

    private IEnumerable<BulkEvent> Script(PlantedBot bot)
    {
        var random = SimRandom.For(settings.Seed, BotStream, bot.Index);
        var length = bot.Kind switch { BotKind.Regular => TimeSpan.FromHours(4), BotKind.HighRate => TimeSpan.FromMinutes(10), _ => TimeSpan.FromHours(2) };
        var at = end - span + TimeSpan.FromTicks((long)(random.NextDouble() * Math.Max(0, (span - length).Ticks)));
        var stop = at + length;
        var stormItem = random.NextLong(settings.Items);
        for (var n = 0; at < stop && at < end; n++)
        {
            var item = bot.Kind == BotKind.ClickStorm ? stormItem : random.NextLong(settings.Items);
            if (bot.Kind != BotKind.ClickStorm) yield return new BulkEvent(0, bot.Index, item, "impression", at, 0, false);
            if (bot.Kind != BotKind.Regular || n % 3 == 0) yield return new BulkEvent(0, bot.Index, item, "click", at, 0, false);
            at += bot.Kind switch
            {
                BotKind.Regular => TimeSpan.FromSeconds(20 * (1 + 0.03 * (2 * random.NextDouble() - 1))),
                BotKind.HighRate => TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble())),
                _ => TimeSpan.FromSeconds(60 * -Math.Log(1 - random.NextDouble())),
            };
        }
    }

    /// <summary>Both streams (each in time order) as one, in time order, with sequences renumbered from 0.</summary>
    public static IEnumerable<BulkEvent> Merge(IEnumerable<BulkEvent> humans, IEnumerable<BulkEvent> bots)
    {
        using var h = humans.GetEnumerator();
        using var b = bots.GetEnumerator();
        var (hasH, hasB) = (h.MoveNext(), b.MoveNext());
        long sequence = 0;
        while (hasH || hasB)
        {
            var takeHuman = hasH && (!hasB || h.Current.Timestamp <= b.Current.Timestamp);
            var next = takeHuman ? h.Current : b.Current;
            yield return next with { Sequence = sequence++ };
            if (takeHuman) hasH = h.MoveNext();
            else hasB = b.MoveNext();
        }
    }
}

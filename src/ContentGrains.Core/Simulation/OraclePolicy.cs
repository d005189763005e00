namespace ContentGrains.Core.Simulation;

/// <summary>
/// The best feed the oracle could show a person at a moment, and what it and a random feed would earn. With slots
/// examined less the lower they are, the expected clicks of a feed are Σ examine(k) × appeal(item in slot k), which the
/// items of highest appeal placed in order maximise.
/// </summary>
public sealed class OraclePolicy(ClickOracle oracle, IReadOnlyList<ItemTraits> items)
{
    /// <summary>The <paramref name="count"/> items of highest appeal, best first.</summary>
    public IReadOnlyList<ItemTraits> BestFeed(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count) =>
        Ranked(person, state, session, at, count).Select(r => r.Item).ToList();

    /// <summary>Expected clicks of the oracle's best feed of <paramref name="count"/> slots.</summary>
    public double BestExpectedClicks(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count)
    {
        var ranked = Ranked(person, state, session, at, count);
        var sum = 0.0;
        for (var k = 0; k < ranked.Count; k++) sum += oracle.Examine(k) * ranked[k].Appeal;
        return sum;
    }

    /// <summary>Expected clicks of a feed of <paramref name="count"/> items drawn at random from those not consumed.</summary>
    public double RandomExpectedClicks(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count)
    {
        double sum = 0;
        var eligible = 0;
        foreach (var item in items)
        {
            if (state.Consumed.Contains(item.Index)) continue;
            sum += oracle.Appeal(person, state, session, item, at);
            eligible++;
        }
        if (eligible == 0) return 0;
        var slots = Math.Min(count, eligible);
        var examined = 0.0;
        for (var k = 0; k < slots; k++) examined += oracle.Examine(k);
        return examined * sum / eligible;
    }

    private List<(ItemTraits Item, double Appeal)> Ranked(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count)
    {
        // A bounded min-heap keeps this O(items × log count) for large catalogs.
        var heap = new PriorityQueue<ItemTraits, double>(count + 1);
        foreach (var item in items)
        {
            if (state.Consumed.Contains(item.Index)) continue;
            heap.Enqueue(item, oracle.Appeal(person, state, session, item, at));
            if (heap.Count > count) heap.Dequeue();
        }
        var ranked = new List<(ItemTraits, double)>(heap.Count);
        while (heap.TryDequeue(out var item, out var appeal)) ranked.Add((item, appeal));
        ranked.Reverse();
        return ranked;
    }
}

using System.Collections.Concurrent;

namespace ContentGrains.Core.Simulation;

/// <summary>
/// The ceiling for a recommender that learns each person from what it showed them: it knows every item's truth (topics,
/// quality, age) and the population's taste prior (Dirichlet of <see cref="WorldSettings.TasteConcentration"/>), but a
/// person's own tastes only through the feeds it served them and what they clicked. Its belief about a person is a Monte
/// Carlo posterior: <see cref="Samples"/> taste vectors drawn from the prior, each weighted by the likelihood of every
/// click and every slot left unclicked (P(click) = examine(slot) × appeal). A feed is the items of highest posterior
/// expected appeal. The oracle minus this policy is what no learner can win with this evidence; this policy minus the
/// engine is what the engine still leaves (bench/learning-ceiling.sh).
/// </summary>
/// <remarks>
/// Greedy: it never explores on purpose, so it is a ceiling for exploitation rather than the Bayes-optimal policy. In a
/// world with planted groups it still uses the plain prior (it is not told the groups), so it understates the ceiling there.
/// </remarks>
public sealed class InformedLearnerFeedSource(SimWorld world, long seed, int samples = InformedLearnerFeedSource.DefaultSamples) : IFeedSource
{
    public const int DefaultSamples = 256;
    public const string Model = "informed-learner";

    public int Samples { get; } = samples >= 1 ? samples : throw new ArgumentOutOfRangeException(nameof(samples), samples, "samples must be at least 1");

    private readonly ConcurrentDictionary<long, Belief> beliefs = new();

    /// <summary>A person's posterior: sampled tastes, their log weights, and the last feed shown with each sample's appeal per slot.</summary>
    private sealed class Belief(SimPerson[] tastes)
    {
        public SimPerson[] Tastes { get; } = tastes;
        public double[] LogWeights { get; } = new double[tastes.Length];
        public IReadOnlyList<ItemTraits> Shown { get; set; } = [];
        public double[][] ShownAppeal { get; set; } = []; // [slot][sample]
    }

    public Task<ShownFeed> GetFeedAsync(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count, CancellationToken cancel)
    {
        var belief = beliefs.GetOrAdd(person.Index, _ => Prior(person));
        var weights = Normalised(belief.LogWeights);
        var heap = new PriorityQueue<ItemTraits, double>(count + 1);
        foreach (var item in world.Items)
        {
            if (state.Consumed.Contains(item.Traits.Index)) continue;
            var expected = 0.0;
            for (var m = 0; m < weights.Length; m++) expected += weights[m] * world.Oracle.Appeal(belief.Tastes[m], state, session, item.Traits, at);
            heap.Enqueue(item.Traits, expected);
            if (heap.Count > count) heap.Dequeue();
        }
        var ranked = new List<ItemTraits>(heap.Count);
        while (heap.TryDequeue(out var item, out _)) ranked.Add(item);
        ranked.Reverse();
        // Each sample's appeal of what was shown, as it stood when shown: the likelihood of the clicks that come back.
        belief.Shown = ranked;
        belief.ShownAppeal = ranked.Select(item => belief.Tastes.Select(t => world.Oracle.Appeal(t, state, session, item, at)).ToArray()).ToArray();
        return Task.FromResult(new ShownFeed(ranked.Select(item => SimIds.Item(item.Index)).ToList(), Model));
    }

    /// <summary>Learns from the events of the feed last shown: every slot is evidence, clicked or not.</summary>
    public Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken cancel)
    {
        foreach (var person in events.GroupBy(e => e.UserId))
        {
            if (!beliefs.TryGetValue(SimIds.UserIndex(person.Key), out var belief)) continue;
            var clicked = person.Where(e => e.Type == "click").Select(e => e.ItemId).ToHashSet(StringComparer.Ordinal);
            Learn(belief, clicked);
        }
        return Task.CompletedTask;
    }

    /// <summary>The posterior weight each sampled taste vector now has for the person (sums to 1; for tests).</summary>
    public IReadOnlyList<(double[] Tastes, double Weight)> Posterior(long person) =>
        beliefs.TryGetValue(person, out var belief)
            ? belief.Tastes.Zip(Normalised(belief.LogWeights), (t, w) => (t.Tastes, w)).ToList()
            : [];

    private void Learn(Belief belief, HashSet<string> clicked)
    {
        for (var slot = 0; slot < belief.Shown.Count; slot++)
        {
            var examine = world.Oracle.Examine(slot);
            var click = clicked.Contains(SimIds.Item(belief.Shown[slot].Index));
            for (var m = 0; m < belief.Tastes.Length; m++)
            {
                var p = Math.Clamp(examine * belief.ShownAppeal[slot][m], 1e-9, 1 - 1e-9);
                belief.LogWeights[m] += Math.Log(click ? p : 1 - p);
            }
        }
        belief.Shown = [];
        belief.ShownAppeal = [];
    }

    private Belief Prior(SimPerson person)
    {
        // The person's own stream under this policy's seed: the same draws however people interleave.
        var random = SimRandom.For(seed, SimRandom.Streams.LearnerPrior, person.Index);
        var tastes = new SimPerson[Samples];
        for (var m = 0; m < tastes.Length; m++)
            tastes[m] = new SimPerson(person.Index, random.Dirichlet(world.Settings.TasteConcentration, world.Settings.Topics), 1, 0, 1);
        return new Belief(tastes);
    }

    private static double[] Normalised(double[] logWeights)
    {
        var max = logWeights.Max();
        var weights = logWeights.Select(l => Math.Exp(l - max)).ToArray();
        var sum = weights.Sum();
        for (var m = 0; m < weights.Length; m++) weights[m] /= sum;
        return weights;
    }
}

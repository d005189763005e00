using ContentGrains.Core.Live;

namespace ContentGrains.Core.Candidates;

/// <summary>
/// A pool's test of a model item, as the vector index and the neighbour lists take it: its catalog entry is allowed
/// (<see cref="CandidatePool.Allows"/>), and it is not <see cref="Except"/> (the recent item whose neighbours are
/// sought). One per pool (<see cref="CandidatePool.ModelItems"/>): a lambda per search made a closure and a delegate
/// each, eleven a feed (the person's search and ten recent items' neighbours). A feed's sources run one after another
/// on one thread, so setting <see cref="Except"/> around a search is safe.
/// </summary>
public sealed class ModelItemFilter
{
    private readonly CandidatePool pool;

    public ModelItemFilter(ModelCatalogLink link, CandidatePool pool)
    {
        Link = link;
        this.pool = pool;
        Allows = Allow;
    }

    public ModelCatalogLink Link { get; }

    /// <summary>The test as a delegate, made once.</summary>
    public Func<int, bool> Allows { get; }

    /// <summary>A model item refused whatever the pool says; -1 for none.</summary>
    public int Except { get; set; } = -1;

    private bool Allow(int modelItem) =>
        modelItem != Except && Link.CatalogIndexOf[modelItem] is var entry && entry >= 0 && pool.Allows(entry);
}

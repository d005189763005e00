namespace ContentGrains.Core.Feed;

/// <summary>The points a feed's build passes, in order, as <see cref="IFeedStageObserver"/> is told of them.</summary>
public enum FeedStage
{
    /// <summary>Every source has pooled its candidates (the pool made, the person's vector computed).</summary>
    Pooled,
    /// <summary>The pool is scored and sorted (the model's scores of the candidates, then the ranking).</summary>
    Ranked,
    /// <summary>The feed's items are chosen (click model, the recently shown moved back, MMR); reasons and exploration follow.</summary>
    Chosen,
}

/// <summary>
/// Told when a feed's build passes each <see cref="FeedStage"/>, on the building thread: a bench reads what each stage
/// cost (bytes allocated, time) without a copy of the pipeline. A silo's pipeline has none.
/// </summary>
public interface IFeedStageObserver
{
    void Reached(FeedStage stage);
}

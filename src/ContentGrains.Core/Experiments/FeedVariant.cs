using ContentGrains.Core.Feed;

namespace ContentGrains.Core.Experiments;

/// <summary>
/// A named change to the live feed's knobs that an experiment arm serves: each value set here replaces the engine's
/// <see cref="FeedSettings"/> value for people in the arm; unset values keep the engine's.
/// </summary>
public sealed record FeedVariant
{
    public double? ModelWeight { get; init; }
    public double? InterestWeight { get; init; }
    public double? PopularityWeight { get; init; }
    public double? FreshnessWeight { get; init; }
    public double? DiversityWeight { get; init; }
    public int? ExplorationSlots { get; init; }

    public FeedSettings ApplyTo(FeedSettings settings) => settings with
    {
        ModelWeight = ModelWeight ?? settings.ModelWeight,
        InterestWeight = InterestWeight ?? settings.InterestWeight,
        InterestWeightWithoutModel = InterestWeight ?? settings.InterestWeightWithoutModel,
        PopularityWeight = PopularityWeight ?? settings.PopularityWeight,
        PopularityWeightWithoutModel = PopularityWeight ?? settings.PopularityWeightWithoutModel,
        FreshnessWeight = FreshnessWeight ?? settings.FreshnessWeight,
        DiversityWeight = DiversityWeight ?? settings.DiversityWeight,
        ExplorationSlots = ExplorationSlots ?? settings.ExplorationSlots,
    };

    /// <summary>The first problem, naming the field, or null.</summary>
    public string? Problem() =>
        new[] { (ModelWeight, "modelWeight"), (InterestWeight, "interestWeight"), (PopularityWeight, "popularityWeight"), (FreshnessWeight, "freshnessWeight") }
            .FirstOrDefault(w => w.Item1 is { } v && (double.IsNaN(v) || Math.Abs(v) > 100)).Item2 is { } weight
            ? $"{weight} must be a number between -100 and 100"
        : DiversityWeight is { } d && !(d >= 0 && d <= 1) ? "diversityWeight must be in [0, 1]"
        : ExplorationSlots is < 0 or > 50 ? "explorationSlots must be between 0 and 50"
        : null;
}

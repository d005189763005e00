using ContentGrains.Core.Segments;

namespace ContentGrains.Grains;

/// <summary>Audience segments ("ContentGrains:Engine:Segments"): how they are fitted and how often.</summary>
public sealed class SegmentsOptions
{
    /// <summary>The model-store name the segment versions are stored under.</summary>
    public const string ModelName = "segments";

    /// <summary>The model-store name of each fit's person → segment table (same version number as the model).</summary>
    public const string AssignmentsName = "segment-assignments";

    /// <summary>How often the segments are fitted again; zero turns the schedule off (POST /v1/segments/fit by hand).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    public int MinK { get; set; } = 2;
    public int MaxK { get; set; } = 12;
    public int SampleSize { get; set; } = 3_000;
    public int MinPoints { get; set; } = 10;
    public int MaxTags { get; set; } = 64;
    public int Restarts { get; set; } = 5;
    public int Seed { get; set; } = 1;

    public SegmentFitOptions Fit => new()
    {
        MinK = MinK, MaxK = MaxK, SampleSize = SampleSize, MinPoints = MinPoints, MaxTags = MaxTags, Restarts = Restarts, Seed = Seed,
    };
}

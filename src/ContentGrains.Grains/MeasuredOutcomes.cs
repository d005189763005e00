using ContentGrains.Core.Experiments;

namespace ContentGrains.Grains;

/// <summary>What a results read measured from the log: the outcomes, when, whether the pass was full or incremental, what it read and where it stopped.</summary>
public sealed record MeasuredOutcomes(LogOutcomes Outcomes, DateTimeOffset At, string Pass, PassStats Stats, long LogPosition);

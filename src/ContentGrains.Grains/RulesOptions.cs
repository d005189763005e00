using ContentGrains.Core.Rules;

namespace ContentGrains.Grains;

/// <summary>Association rules ("ContentGrains:Engine:Rules"): the mining settings, the session gap and the schedule.</summary>
public sealed class RulesOptions
{
    /// <summary>The model-store name the rule versions are stored under.</summary>
    public const string ModelName = "rules";

    /// <summary>How often the rules are mined again; zero turns the schedule off (POST /v1/rules/mine by hand).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan SessionGap { get; set; } = SessionBaskets.DefaultGap;
    public double MinSupport { get; set; } = 0.01;
    public double MinConfidence { get; set; } = 0.1;
    public double MinLift { get; set; } = 1.0;
    public int MaxSize { get; set; } = 2;
    /// <summary>Rules kept per antecedent in the stored version (the strongest), which bounds its size.</summary>
    public int RulesPerItem { get; set; } = 50;

    public RuleMiningOptions Mining => new() { MinSupport = MinSupport, MinConfidence = MinConfidence, MinLift = MinLift, MaxSize = MaxSize };
}

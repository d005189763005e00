using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>Each silo's copy of the latest association rules (<see cref="LatestModelCopy{T}"/>).</summary>
public sealed class RuleBookCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILogger<RuleBookCache> logger)
{
    public const string RulesGrainKey = "default";

    private readonly LatestModelCopy<RuleBook> copy = new("association rules", RulesOptions.ModelName,
        () => grains.GetGrain<IRulesGrain>(RulesGrainKey).GetLatestVersionAsync(),
        (bytes, version) => new RuleBook(MinedRules.FromJson(bytes), version), book => $"{book.Rules.Rules.Count} rules",
        store, options.Value.ModelRefresh, clock, logger);

    public RuleBook? Current => copy.Current;

    /// <summary>Asks for the latest version now and loads it when it is new.</summary>
    public Task<RuleBook?> RefreshAsync() => copy.RefreshAsync();
}

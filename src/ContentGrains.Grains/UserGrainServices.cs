using ContentGrains.Core.Feed;
using ContentGrains.Core.Log;
using ContentGrains.Core.Profiles;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// What every <see cref="UserGrain"/> of a silo uses and none owns: the event log, the silo's caches, the clock, the
/// options, and the profile updater and feed pipeline built once from those options (both stateless, so any number of
/// grains may use them at once). A silo holds 100,000s of user grains after an import: each now keeps one reference to
/// this instead of ten injected fields plus an updater, a pipeline, its ranker and its reasons of its own.
/// </summary>
public sealed class UserGrainServices(
    IEventLog log,
    CatalogCache catalog,
    ModelCache models,
    ClickModelCache clickModels,
    RuleBookCache rules,
    SegmentModelCache segments,
    TopicBookCache topics,
    VariantCache variants,
    CtrModelCache ctrModels,
    PrivacyStores privacy,
    SnapshotTimers snapshotTimers,
    IOptions<EngineOptions> options,
    TimeProvider clock)
{
    public IEventLog Log => log;
    public CatalogCache Catalog => catalog;
    public ModelCache Models => models;
    public ClickModelCache ClickModels => clickModels;
    public RuleBookCache Rules => rules;
    public SegmentModelCache Segments => segments;
    public TopicBookCache Topics => topics;
    public CtrModelCache CtrModels => ctrModels;
    public VariantCache Variants => variants;
    public PrivacyStores Privacy => privacy;
    public SnapshotTimers SnapshotTimers => snapshotTimers;
    public EngineOptions Options { get; } = options.Value;
    public TimeProvider Clock => clock;
    public ProfileUpdater Updater { get; } = new(options.Value.Profile);
    public Core.Topics.LiveTopicInterests TopicInterests { get; } = new(options.Value.InterestHalfLife);
    /// <summary>The feed with the engine's settings; an experiment arm builds its own from its variant.</summary>
    public FeedPipeline Pipeline { get; } = new(options.Value.Feed);
}

using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Grains;

/// <summary>Settings of the grains, bound from the "ContentGrains:Engine" configuration section.</summary>
public sealed class EngineOptions
{
    /// <summary>A grain writes a snapshot after this many applied events…</summary>
    public int SnapshotEveryEvents { get; set; } = 200;
    /// <summary>…or on a timer of this period, and on deactivation. The log replays whatever a snapshot lacks.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>
    /// …but the timer writes a user or item grain only once it has this many unsaved events (fewer: at
    /// <see cref="SnapshotEveryEvents"/> or on a later tick; a deactivation leaves them to the log as the timer does). Their state comes from the log alone, and a
    /// snapshot of a few events spares the next activation nothing. 1 writes every dirty grain on the timer.
    /// </summary>
    public int SnapshotTimerMinEvents { get; set; } = 16;
    /// <summary>
    /// How long a user grain stays in memory after its last call. An import or a burst of new people activates a grain
    /// per person; Orleans' silo-wide default keeps them all long after. A deactivated person costs one snapshot read
    /// and a log replay on their next call.
    /// </summary>
    public TimeSpan UserCollectionAge { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>
    /// How long an item grain stays in memory after its last call. Feeds never call item grains (they read the silo's
    /// catalog view), so only events and metadata writes keep them: a shorter age than a person's.
    /// </summary>
    public TimeSpan ItemCollectionAge { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// How often Orleans' idle collection runs: Orleans' own minute. Session 15 had shortened it to 1 s so that one pass
    /// would not deactivate a whole minute's worth of an import's people at once, against stalls that turned out to be
    /// the load generator's (docs/load.md, "The cluster's stalls at 250/s"). bench/load at full size does not tell the two
    /// apart: one run at 1 s and two at a minute spread over the same range of silo CPU per feed (0.69-0.97 ms at 1,000/s;
    /// docs/load.md, "The embedded default in session 16"), so the default is Orleans' tried one.
    /// </summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How stale a silo's cached catalog may be when a feed is built.</summary>
    public TimeSpan CatalogRefresh { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Catalog shards (grains, each persisting only its items). Fixed for a deployment: changing it moves items
    /// between shards, so the items must then be imported again.
    /// </summary>
    public int CatalogShards { get; set; } = 16;
    /// <summary>Changes each shard remembers for silos catching up; a silo further behind resyncs that shard whole.</summary>
    public int CatalogChangeLog { get; set; } = 20_000;
    /// <summary>Lengths of the orderings each silo's catalog view keeps (most popular, freshest, per tag, under-exposed).</summary>
    public CatalogViewSettings CatalogView { get; set; } = new();
    /// <summary>Half-life of an item's trending score.</summary>
    public TimeSpan TrendHalfLife { get; set; } = TimeSpan.FromDays(1);
    /// <summary>Smoothed CTR = (clicks + CtrPriorClicks) / (impressions + CtrPriorImpressions).</summary>
    public double CtrPriorClicks { get; set; } = 1;
    public double CtrPriorImpressions { get; set; } = 20;
    public TimeSpan InterestHalfLife { get; set; } = TimeSpan.FromDays(14);
    public int RecentCapacity { get; set; } = 100;
    /// <summary>Item texts a silo holds waiting for the encoder; past it, items wait as ids alone (see PendingTexts).</summary>
    public int TextVectorQueue { get; set; } = 10_000;
    /// <summary>Item ids a silo holds waiting for the encoder once the text queue is full (about 100 bytes each).</summary>
    public int TextVectorDeferredQueue { get; set; } = 1_000_000;
    /// <summary>
    /// Logged events a silo holds on their way to their grains (admitted batches whose dispatch has not ended). A batch
    /// that finds no room waits for it (at most <see cref="IngestGrain.MaxAdmissionWait"/>), then is refused with 503 and
    /// Retry-After before anything of it is stored: ingestion runs at the pace the grains apply events, instead of queuing
    /// grain calls until they pass Orleans' 30 s response timeout (the 100k import's 1,968 timeouts, docs/load.md "The 100k-item run of bench/load").
    /// </summary>
    public int DispatchBacklog { get; set; } = 20_000;
    /// <summary>
    /// Grain calls one dispatch keeps in flight at once per stage (items, then users): each call waits behind at most this
    /// many, not behind the whole backlog, and the silo's other work (requests, the log's commits) is not queued behind them.
    /// </summary>
    public int DispatchCallsInFlight { get; set; } = 256;
    public int ConsumedCapacity { get; set; } = 5_000;
    /// <summary>Items shown without engagement that a profile remembers, and for how long the feed puts them last (a visit; see <see cref="ProfileSettings.RecentlyShownFor"/>).</summary>
    public int RecentlyShownCapacity { get; set; } = 200;
    public TimeSpan RecentlyShownFor { get; set; } = new ProfileSettings().RecentlyShownFor;
    public FeedSettings Feed { get; set; } = new();
    /// <summary>The trainer (registry) whose champion the feeds use.</summary>
    public string ModelName { get; set; } = "default";
    /// <summary>The model kind the trainer fits: "ease" (best on catalogs up to 20,000 items), "itemknn" or "pop".</summary>
    public string ModelKind { get; set; } = "ease";
    /// <summary>The click model's registry (its trainer grain's key): its versions rank every feed once one is champion.</summary>
    public string ClickModelName { get; set; } = "click";
    /// <summary>How often the trainer retrains when events arrived meanwhile; zero turns the schedule off (train by hand).</summary>
    public TimeSpan RetrainInterval { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>Training jobs, the gate and the trainer's placement.</summary>
    public TrainingOptions Training { get; set; } = new();
    /// <summary>How stale a silo's knowledge of the champion version may be: the polling fallback of the pushed champion.</summary>
    public TimeSpan ModelRefresh { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// How many items' neighbour lists ("because you watched") a silo makes when it loads an embedding model, before it
    /// swaps the model in (or just after, when it serves none yet), on half its cores: without them each item's first ask
    /// costs a feed one scan of the catalog or one graph walk. 0 turns it off (lists are then made on first ask only).
    /// </summary>
    public int NeighbourListsAtLoad { get; set; } = 100_000;
    /// <summary>
    /// Tenants besides the default one whose models (feed, click, CTR, sentiment) a silo holds at once, each cache
    /// apart (<see cref="TenantSlots{T}"/>); past it the tenant used longest ago is dropped and loads again on its next request.
    /// </summary>
    public int MaxTenantModels { get; set; } = 64;
    /// <summary>Headline tests: minimum share per variant, the winner rule, the prior.</summary>
    public Core.Variants.VariantSettings Variants { get; set; } = new();
    /// <summary>How stale a silo's copy of the headline-test posteriors may be when a feed picks variants.</summary>
    public TimeSpan VariantRefresh { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Association rules: how they are mined and how often.</summary>
    public RulesOptions Rules { get; set; } = new();
    /// <summary>Audience segments: how they are fitted and how often.</summary>
    public SegmentsOptions Segments { get; set; } = new();
    /// <summary>Topics over item text: how they are fitted and how often.</summary>
    public TopicsOptions Topics { get; set; } = new();

    /// <summary>The live CTR model, the cold-start prior of the smoothed CTR: which items it learns from and how often.</summary>
    public CtrModelOptions CtrModel { get; set; } = new();
    /// <summary>Channel plans: their bounds and the send-time model.</summary>
    public ChannelsOptions Channels { get; set; } = new();

    /// <summary>How long the event log keeps events ("ContentGrains:Engine:Retention"); off by default.</summary>
    public Core.Privacy.RetentionSettings Retention { get; set; } = new();
    /// <summary>Live sentiment: windows, the alert detector, the webhook ("ContentGrains:Engine:Sentiment").</summary>
    public SentimentOptions Sentiment { get; set; } = new();

    /// <summary>KPIs and the non-human traffic rules ("ContentGrains:Engine:Kpis").</summary>
    public KpiOptions Kpis { get; set; } = new();

    /// <summary>
    /// Log sequences below its position that an experiment's incremental results pass reads again each time, to count
    /// commits that landed out of sequence order (PostgreSQL with several silos; <see cref="Core.Experiments.IncrementalOutcomePass"/>).
    /// The embedded SQLite log commits in order, so a single-machine engine may set 0 and read only the new events.
    /// </summary>
    public long ExperimentLateCommitSequences { get; set; } = Core.Experiments.IncrementalOutcomePass.DefaultLateCommitWindow;

    /// <summary>Content reports and their privacy budget ("ContentGrains:Engine:Reports").</summary>
    public ReportsOptions Reports { get; set; } = new();

    /// <summary>Imaginary impressions every tag starts with when the feed weighs a person's response to it (<see cref="ProfileSettings.ResponsePriorImpressions"/>).</summary>
    public double ResponsePriorImpressions { get; set; } = 3;

    public ProfileSettings Profile => new()
    {
        InterestHalfLife = InterestHalfLife,
        RecentCapacity = RecentCapacity,
        ConsumedCapacity = ConsumedCapacity,
        RecentlyShownCapacity = RecentlyShownCapacity,
        RecentlyShownFor = RecentlyShownFor,
        ResponsePriorImpressions = ResponsePriorImpressions,
    };
}

using ContentGrains.Core.Topics;
using ContentGrains.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Configuration;

namespace ContentGrains.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// The services the grains need on every silo, except those the host chooses: the event log, model store and item
    /// vector store (IItemVectorStore), privacy's stores (Core.Privacy: IEventErasure, IConsentStore, IPrivacyAudit), the text encoder (Core.Text.ITextEncoder) and the segments' k-means
    /// (Core.Segments.ISegmentClusterer).
    /// </summary>
    public static IServiceCollection AddContentGrainsEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // The exact scan unless the host registers an approximate index (the silo host: Inference's VectorIndexFactory).
        services.TryAddSingleton<Core.Vectors.IVectorIndexBuilder, Core.Vectors.ExactVectorIndexBuilder>();
        services.AddSingleton<EventValidator>(sp => new EventValidator(sp.GetRequiredService<TimeProvider>()));
        // A person's live segment from their user grain (channel plans and the send-time model).
        services.TryAddSingleton<Core.Channels.IPersonSegments, UserGrainSegments>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<ModelCache>();
        services.AddSingleton<ClickModelCache>();
        services.AddHostedService<ServedModelGauge>();
        services.AddSingleton<RuleBookCache>();
        services.AddSingleton<SegmentModelCache>();
        services.AddSingleton<TopicBookCache>();
        services.AddSingleton<CtrModelCache>();
        services.AddSingleton<VariantCache>();
        services.AddSingleton<SnapshotTimers>();
        services.AddSingleton<UserGrainServices>();
        services.AddSingleton<IValidateOptions<EngineOptions>, VariantOptionsValidation>();
        services.AddSingleton<IValidateOptions<EngineOptions>, RetentionOptionsValidation>();
        services.AddSingleton<IValidateOptions<EngineOptions>, DispatchOptionsValidation>();
        services.AddSingleton<SegmentAssignmentsCache>();
        services.AddSingleton<ExperimentArmsCache>();
        // Reports: the sentiment section from the live model and its alerts.
        services.TryAddSingleton<Core.Reports.ISentimentReportSource, LiveSentimentReportSource>();
        services.AddSingleton<ReportInputsSource>();
        // An item's format from this silo's catalog copy, a person's segment from the latest fit's assignments, an
        // event's arms by hashing, an item's main topic from the served topics (all loaded once per job by PrepareAsync).
        services.TryAddSingleton(sp =>
        {
            var segments = sp.GetRequiredService<SegmentAssignmentsCache>();
            var arms = sp.GetRequiredService<ExperimentArmsCache>();
            var topics = sp.GetRequiredService<TopicBookCache>();
            return new KpiLabels
            {
                FormatOf = id => sp.GetRequiredService<CatalogCache>().CurrentOf(Core.Tenants.TenantKeys.TenantOf(id)).Find(id)?.Format is { } format ? [format] : null,
                TopicsOf = id => topics.CurrentOf(Core.Tenants.TenantKeys.TenantOf(id))?.MainTopicName(id) is { } topic ? [topic] : null,
                SegmentOf = person => segments.CurrentOf(Core.Tenants.TenantKeys.TenantOf(person))?.Assignments.SegmentOf(person) is { } s ? [s] : null,
                ArmsOf = e => arms.CurrentOf(Core.Tenants.TenantKeys.TenantOf(e.UserId)).At(e.UserId, e.Timestamp).Select(a => $"{a.Experiment}:{a.Arm}"),
                PrepareAsync = async tenant =>
                {
                    await segments.LoadLatestAsync(tenant);
                    await arms.LoadAsync(tenant);
                    await topics.RefreshAsync(tenant);
                },
            };
        });
        services.AddSingleton<DispatchQueue>();
        services.AddSingleton<PrivacyStores>();
        services.AddSingleton<ItemTextVectorWorker>();
        // Live sentiment: each silo's model copy, its scoring worker (fed by ingestion) and the alert webhook; the served
        // topics add a topic series per comment (SentimentKeys).
        services.AddSingleton<Core.Sentiment.ISentimentTopics>(sp => new Core.Sentiment.TopicSentimentSource(() => sp.GetRequiredService<TopicBookCache>().Current));
        services.AddSingleton<SentimentModelCache>();
        services.AddSingleton(sp => new CommentSentimentWorker(sp.GetRequiredService<Core.Text.ITextEncoder>(), sp.GetRequiredService<SentimentModelCache>(),
            sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IOptions<EngineOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CommentSentimentWorker>>(), sp.GetService<Core.Sentiment.ISentimentTopics>()));
        services.AddSingleton<SentimentWebhook>();
        services.AddOptions<EngineOptions>();
        services.AddOptions<GrainCollectionOptions>()
            .Configure<IOptions<EngineOptions>>((collection, engine) => GrainCollectionAges.Apply(collection, engine.Value));
        // Grain storage writes snapshots as JSON with type names and reads back only allowed types.
        services.Configure<TypeManifestOptions>(o =>
        {
            o.AddAllowedAssembly(typeof(Core.Catalog.CatalogIndex).Assembly);
            o.AddAllowedAssembly(typeof(UserState).Assembly);
        });
        return services;
    }
}

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
    /// vector store (IItemVectorStore), the text encoder (Core.Text.ITextEncoder) and the segments' k-means
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
        services.AddSingleton<VariantCache>();
        services.AddSingleton<IValidateOptions<EngineOptions>, VariantOptionsValidation>();
        services.AddSingleton<SegmentAssignmentsCache>();
        services.AddSingleton<ExperimentArmsCache>();
        // Reports: sentiment from the live sentiment work once it registers its source; until then the offline note.
        services.TryAddSingleton<Core.Reports.ISentimentReportSource, Core.Reports.OfflineSentimentOnly>();
        services.AddSingleton<ReportInputsSource>();
        // An item's format from this silo's catalog copy, a person's segment from the latest fit's assignments, an
        // event's arms by hashing (both loaded once per job by PrepareAsync); a topic source registers its own KpiLabels first.
        services.TryAddSingleton(sp =>
        {
            var segments = sp.GetRequiredService<SegmentAssignmentsCache>();
            var arms = sp.GetRequiredService<ExperimentArmsCache>();
            return new KpiLabels
            {
                FormatOf = id => sp.GetRequiredService<CatalogCache>().Current.Find(id)?.Format is { } format ? [format] : null,
                SegmentOf = person => segments.Current?.Assignments.SegmentOf(person) is { } s ? [s] : null,
                ArmsOf = e => arms.Current.At(e.UserId, e.Timestamp).Select(a => $"{a.Experiment}:{a.Arm}"),
                PrepareAsync = async () =>
                {
                    await segments.LoadLatestAsync();
                    await arms.LoadAsync();
                },
            };
        });
        services.AddSingleton<DispatchQueue>();
        services.AddSingleton<ItemTextVectorWorker>();
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

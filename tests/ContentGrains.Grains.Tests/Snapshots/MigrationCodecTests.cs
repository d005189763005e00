using ContentGrains.Core.Items;
using ContentGrains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace ContentGrains.Grains.Tests.Snapshots;

/// <summary>
/// Grain migration (the activation rebalancer, a silo handing over its grains) carries a grain's state with Orleans'
/// serializer. User and item states travel as grain storage's own bytes (<see cref="MigratingState"/>), so a migrated
/// grain holds what a snapshot round trip gives; without the converters Orleans threw CodecNotFoundException.
/// </summary>
public sealed class MigrationCodecTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private Serializer orleans = null!;
    private IGrainStorageSerializer storage = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartAsync(folder);
        orleans = engine.SiloService<Serializer>(0);
        storage = engine.SiloService<IGrainStorageSerializer>(0);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public void A_user_state_crosses_Orleans_serializer_with_every_value_its_snapshot_holds()
    {
        var sent = SnapshotSample.Build();
        sent.Compact(); // an idle grain's packed profile, as the rebalancer finds most of them

        var received = orleans.Deserialize<UserState>(orleans.SerializeToArray(sent));

        Assert.Equal(storage.Serialize(sent).ToString(), storage.Serialize(received).ToString());
        Assert.Equal(13, received.Profile.Recent.Count);
        Assert.Equal("Europe/Paris", received.Exposure.TimeZone);
        Assert.Equal(sent.Applied.Sequences, received.Applied.Sequences);
    }

    [Fact]
    public void An_item_state_crosses_Orleans_serializer_with_its_metadata_and_counters()
    {
        // Lists, as validation makes them: a collection expression would be a compiler-made type grain storage refuses.
        var sent = new ItemState { Metadata = new ItemInfo("A title", "Some text.", new List<string> { "drama" }, "video", "ann", SnapshotSample.T0, new List<string> { "web" }) };
        foreach (var logged in SnapshotSample.Events())
        {
            sent.Applied.TryMark(logged.Sequence, replay: false);
            sent.Counters.Apply(logged.Event, TimeSpan.FromDays(1));
        }

        var received = orleans.Deserialize<ItemState>(orleans.SerializeToArray(sent));

        Assert.Equal(storage.Serialize(sent).ToString(), storage.Serialize(received).ToString());
        Assert.Equal(sent.Counters.EventsApplied, received.Counters.EventsApplied);
        Assert.True(received.Counters.EventsApplied > 10);
        Assert.Equal(["drama"], received.Metadata!.Tags);
    }

    [Theory]
    [InlineData(typeof(Core.Catalog.CatalogIndex))]
    [InlineData(typeof(ChannelState))]
    [InlineData(typeof(ExperimentDirectoryState))]
    [InlineData(typeof(ExperimentState))]
    [InlineData(typeof(ExperimentMeasureState))]
    [InlineData(typeof(KpiState))]
    [InlineData(typeof(ReportsState))]
    [InlineData(typeof(SentimentAlertsState))]
    [InlineData(typeof(SentimentSeriesState))]
    [InlineData(typeof(VariantBoardState))]
    public void Every_other_snapshot_state_crosses_Orleans_serializer(Type stateType)
    {
        var sent = Activator.CreateInstance(stateType)!;

        var received = orleans.Deserialize<object>(orleans.SerializeToArray<object>(sent));

        Assert.IsType(stateType, received);
        Assert.Equal(storage.Serialize(sent).ToString(), storage.Serialize(received).ToString());
    }
}

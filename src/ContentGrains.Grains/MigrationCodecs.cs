using Orleans.Storage;

namespace ContentGrains.Grains;

// Orleans' grain migration (the activation rebalancer moving a grain to an emptier silo, or a silo handing its grains
// over as it shuts down) carries the grain's persistent state with Orleans' own serializer, not with grain storage's.
// The snapshot states have no Orleans codec, so every migration of a user or item grain failed with
// CodecNotFoundException (seen in the 1M-profile run: bench/results/profiles-memory-1000000-hardlimit3g.json) and the
// grain was only deactivated. These converters carry a state as the bytes grain storage writes for it, so a migrated
// grain holds exactly what a snapshot round trip would give it. Orleans builds converters from the silo's services.

/// <summary>A snapshot state in flight between silos: grain storage's own bytes (JSON) for it.</summary>
[GenerateSerializer, Immutable]
public readonly record struct MigratingState([property: Id(0)] byte[] Bytes);

/// <summary>A state carried as grain storage's bytes (the one conversion every state below shares).</summary>
public abstract class StorageBytesConverter<TState>(IGrainStorageSerializer storage) : IConverter<TState, MigratingState>
{
    public TState ConvertFromSurrogate(in MigratingState surrogate) =>
        storage.Deserialize<TState>(new BinaryData(surrogate.Bytes))
        ?? throw new InvalidOperationException($"a migrating {typeof(TState).Name} read back as null");

    public MigratingState ConvertToSurrogate(in TState value) => new(storage.Serialize(value).ToArray());
}

[RegisterConverter]
public sealed class UserStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<UserState>(storage);

[RegisterConverter]
public sealed class ItemStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<ItemState>(storage);

// The other grains with a snapshot state are few (one per shard, channel, experiment, …), but the rebalancer moves them
// too: the catalog shards' migrations failed every ~15 s the same way (bench/results/migration-codec-s11.txt).

[RegisterConverter]
public sealed class CatalogShardStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<Core.Catalog.CatalogIndex>(storage);

[RegisterConverter]
public sealed class ChannelStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<ChannelState>(storage);

[RegisterConverter]
public sealed class ExperimentDirectoryStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<ExperimentDirectoryState>(storage);

[RegisterConverter]
public sealed class ExperimentStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<ExperimentState>(storage);

[RegisterConverter]
public sealed class ExperimentMeasureStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<ExperimentMeasureState>(storage);

[RegisterConverter]
public sealed class KpiStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<KpiState>(storage);

[RegisterConverter]
public sealed class ReportsStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<ReportsState>(storage);

[RegisterConverter]
public sealed class SentimentAlertsStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<SentimentAlertsState>(storage);

[RegisterConverter]
public sealed class SentimentSeriesStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<SentimentSeriesState>(storage);

[RegisterConverter]
public sealed class VariantBoardStateMigration(IGrainStorageSerializer storage) : StorageBytesConverter<VariantBoardState>(storage);

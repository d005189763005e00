using ContentGrains.Core.Profiles;
using ContentGrains.Testing;
using Orleans.Storage;

namespace ContentGrains.Grains.Tests.Snapshots;

/// <summary>
/// The compact user state reads the snapshots the code before it wrote, and writes the same JSON: the snapshot in
/// <c>user-snapshot-before-compact.json</c> was written by that code (commit a4f0f58) through the silo's own grain
/// storage serializer, from <see cref="SnapshotSample"/>.
/// </summary>
public sealed class CompactSnapshotTests : IAsyncLifetime
{
    private static readonly string Before = Path.Combine(AppContext.BaseDirectory, "Snapshots", "user-snapshot-before-compact.json");
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private IGrainStorageSerializer serializer = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartAsync(folder);
        serializer = engine.SiloService<IGrainStorageSerializer>(0);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public void A_snapshot_written_before_the_compact_profile_loads_with_every_value()
    {
        var loaded = serializer.Deserialize<UserState>(new BinaryData(File.ReadAllBytes(Before)));
        var built = SnapshotSample.Build();

        Assert.Equal(built.Profile.Recent, loaded.Profile.Recent);
        Assert.Equal(13, loaded.Profile.Recent.Count);
        Assert.Equal(Sorted(built.Profile.Consumed), Sorted(loaded.Profile.Consumed));
        Assert.Equal(Sorted(built.Profile.Disliked), Sorted(loaded.Profile.Disliked));
        Assert.Equal(["m3", "m9"], loaded.Profile.RecentlyShown.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Sorted(built.Profile.EventCounts), Sorted(loaded.Profile.EventCounts));
        Assert.Equal(Sorted(built.Profile.Interests), Sorted(loaded.Profile.Interests));
        Assert.Equal(Sorted(built.Profile.TagImpressions), Sorted(loaded.Profile.TagImpressions));
        Assert.Equal(Sorted(built.Profile.ChannelEngagement), Sorted(loaded.Profile.ChannelEngagement));
        Assert.Equal(Sorted(built.Profile.LastActivityByChannel), Sorted(loaded.Profile.LastActivityByChannel));
        Assert.Equal(built.Profile.ActiveHours.Weights, loaded.Profile.ActiveHours.Weights);
        Assert.Equal(built.Applied.Sequences, loaded.Applied.Sequences);
        Assert.Equal(3L, loaded.Topics.ModelVersion);
        Assert.Equal(Sorted(built.Topics.Weights), Sorted(loaded.Topics.Weights));
        Assert.Equal("Europe/Paris", loaded.Exposure.TimeZone);
        var send = Assert.Single(loaded.Exposure.Sends);
        Assert.Equal(("email", "m8", SnapshotSample.T0.AddMinutes(70)), (send.Channel, send.ItemId, send.OpenedAt));
        Assert.Equal(built.Exposure.SeeLess, loaded.Exposure.SeeLess);
        var updater = new ProfileUpdater(new EngineOptions().Profile);
        var now = SnapshotSample.T0.AddDays(1);
        var (expected, actual) = (updater.FeedUserAt("sample-user", built.Profile, now), updater.FeedUserAt("sample-user", loaded.Profile, now));
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Interests, actual.Interests);
    }

    [Fact]
    public void A_packed_state_serves_the_profile_it_packed()
    {
        var state = SnapshotSample.Build();
        var expected = serializer.Serialize(state).ToString();
        state.Compact();

        // The packed profile, the string table's references included, is far smaller than the JSON it stands for.
        Assert.InRange(state.PackedProfileBytes()!.Value, 100, expected.Length / 4);
        var updater = new ProfileUpdater(new EngineOptions().Profile);
        var now = SnapshotSample.T0.AddDays(1);
        var (plain, unpacked) = (updater.FeedUserAt("sample-user", SnapshotSample.Build().Profile, now), updater.FeedUserAt("sample-user", state.Profile, now));
        Assert.Equal(plain.History, unpacked.History);
        Assert.Equal(plain.Interests, unpacked.Interests);
        Assert.Equal(plain.RecentlyShown.Order(StringComparer.Ordinal), unpacked.RecentlyShown.Order(StringComparer.Ordinal));
        Assert.Equal(expected, serializer.Serialize(state).ToString());
    }

    [Fact]
    public void Reading_a_packed_profile_serves_it_and_leaves_it_packed()
    {
        var state = SnapshotSample.Build();
        state.Compact();
        var packedBytes = state.PackedProfileBytes();

        var updater = new ProfileUpdater(new EngineOptions().Profile);
        var now = SnapshotSample.T0.AddDays(1);
        var (plain, read) = (updater.FeedUserAt("sample-user", SnapshotSample.Build().Profile, now), updater.FeedUserAt("sample-user", state.ReadProfile(), now));

        Assert.Equal(plain.History, read.History);
        Assert.Equal(plain.Interests, read.Interests);
        // A feed's read keeps no unpacked copy in the grain (each one was kilobytes promoted by the next collection).
        Assert.Equal(packedBytes, state.PackedProfileBytes());
        Assert.NotSame(state.ReadProfile(), state.ReadProfile());
        // Changing it goes through Profile, which unpacks and keeps the profile, as before.
        Assert.Same(state.Profile, state.ReadProfile());
        Assert.Null(state.PackedProfileBytes());
    }

    [Fact]
    public void The_compact_state_writes_the_json_the_code_before_it_wrote_before_and_after_compacting()
    {
        var before = File.ReadAllText(Before);
        var state = SnapshotSample.Build();

        Assert.Equal(before, serializer.Serialize(state).ToString());
        state.Compact();
        Assert.NotNull(state.PackedProfileBytes()); // an idle grain's profile is packed; writing it unpacks it
        Assert.Equal(before, serializer.Serialize(state).ToString());
        Assert.Null(state.PackedProfileBytes());
        var reloaded = serializer.Deserialize<UserState>(serializer.Serialize(state));
        reloaded.Compact();
        Assert.Equal(before, serializer.Serialize(reloaded).ToString());
    }

    private static List<KeyValuePair<TKey, TValue>> Sorted<TKey, TValue>(Dictionary<TKey, TValue> map) where TKey : notnull =>
        map.OrderBy(kv => kv.Key).ToList();
}

using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Live;

namespace ContentGrains.Core.Registry;

/// <summary>
/// Which feed model was in force at a past moment, for the click model's log replay: the newest accepted version of the
/// feed registry whose data window ended before that moment (<see cref="VersionAt"/>), none before the first. Such a
/// version cannot have read anything logged from that moment on, so the embedding score it gives a logged feed's rows
/// carries none of that feed's clicks; it is also the version that served the feed (serving, too, only ever uses a
/// model trained before). Scoring every logged feed with the champion at training time instead leaked the labels: the
/// champion had learned from the very clicks the rows are labelled with, the gate took the first click model on
/// held-out feeds it had already seen through the score, and the weight learned on those rows overrated the score at
/// serving (fourth pass of <c>bench/learning</c>).
/// Only embedding versions are loaded (any other kind gives no embedding score, live or replayed). They are loaded as
/// the replay moves through the log (<see cref="PrepareAsync"/> with the time span of a page) and dropped once no
/// longer needed, so memory holds the versions one page spans rather than every version.
/// </summary>
public sealed class FeedModelHistory
{
    private readonly ModelVersion[] versions; // accepted, with a window, by window end (oldest first)
    private readonly Func<ModelVersion, CancellationToken, Task<LiveModel?>> load;
    private readonly Dictionary<long, LiveModel?> loaded = [];
    private readonly SortedSet<long> used = [];

    /// <param name="versions">The feed registry's versions (any order); rejected ones and those without a data window never served and are left out.</param>
    /// <param name="load">Loads a version's model; null when it cannot be read (its rows then keep the score missing).</param>
    public FeedModelHistory(IEnumerable<ModelVersion> versions, Func<ModelVersion, CancellationToken, Task<LiveModel?>> load)
    {
        this.versions = versions.Where(v => v.Status == VersionStatus.Accepted && v.Window is not null)
            .OrderBy(v => v.Window!.LastEventAt).ThenBy(v => v.Version).ToArray();
        this.load = load;
    }

    /// <summary>No feed model ever served: every replayed row keeps the embedding score missing.</summary>
    public static FeedModelHistory None => new([], (_, _) => Task.FromResult<LiveModel?>(null));

    /// <summary>The registry <paramref name="name"/>'s history, each version read from <paramref name="store"/> and checked as a silo checks it before serving.</summary>
    public static async Task<FeedModelHistory> FromStoreAsync(IModelStore store, string name, CancellationToken cancellation)
    {
        var versions = await store.ListAsync(name, cancellation).ConfigureAwait(false);
        return new FeedModelHistory(versions, async (version, token) =>
            ArtifactValidator.Validate(name, version.Version, version, await store.LoadAsync(name, version.Version, token).ConfigureAwait(false)).Model);
    }

    /// <summary>The versions whose models gave at least one replayed row its score, oldest first.</summary>
    public IReadOnlyCollection<long> Used => used;

    /// <summary>The newest version whose data window ended strictly before <paramref name="at"/>; null before the first.</summary>
    public ModelVersion? VersionAt(DateTimeOffset at)
    {
        ModelVersion? found = null;
        foreach (var version in versions)
        {
            if (version.Window!.LastEventAt >= at) break;
            found = version;
        }
        return found;
    }

    /// <summary>Loads the embedding versions in force between <paramref name="from"/> and <paramref name="to"/> and drops the others.</summary>
    public async Task PrepareAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation)
    {
        var first = VersionAt(from);
        var needed = versions.Where(v => v.Window!.LastEventAt < to && (first is null || v.Window.LastEventAt >= first.Window!.LastEventAt))
            .Where(v => v.Kind == EmbeddingModel.KindName).Select(v => v.Version).ToHashSet();
        foreach (var version in loaded.Keys.Where(v => !needed.Contains(v)).ToList()) loaded.Remove(version);
        foreach (var version in versions.Where(v => needed.Contains(v.Version) && !loaded.ContainsKey(v.Version)))
            loaded[version.Version] = await load(version, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// The model in force at <paramref name="at"/> when it is an embedding model; null before any version, or when the
    /// version in force is another kind or could not be read.
    /// </summary>
    /// <exception cref="InvalidOperationException">The moment lies outside the span last prepared.</exception>
    public LiveModel? At(DateTimeOffset at)
    {
        if (VersionAt(at) is not { } version || version.Kind != EmbeddingModel.KindName) return null;
        if (!loaded.TryGetValue(version.Version, out var model))
            throw new InvalidOperationException($"feed model v{version.Version} (in force at {at:O}) was not prepared: call PrepareAsync with a span holding that moment first");
        if (model is not null) used.Add(version.Version);
        return model;
    }
}

using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Text;

/// <summary>
/// Brings the stored text vectors of a batch of items up to date: encodes, in one encoder call, only the texts whose
/// hash differs from the stored one, stores those vectors, and removes the vectors of items without text.
/// </summary>
public sealed class ItemTextVectorizer(ITextEncoder encoder, IItemVectorStore store)
{
    public async Task<VectorizeOutcome> ProcessAsync(IReadOnlyList<PendingText> batch, CancellationToken cancellation = default)
    {
        var withText = batch.Where(p => p.Text is not null).Select(p => (p.ItemId, Text: p.Text!, Hash: ItemText.Hash(p.Text!))).ToList();
        var stored = await store.GetTextHashesAsync(withText.Select(p => p.ItemId).ToList(), cancellation).ConfigureAwait(false);
        var changed = withText.Where(p => !stored.TryGetValue(p.ItemId, out var hash) || hash != p.Hash).ToList();
        if (changed.Count > 0)
        {
            var vectors = encoder.Encode(changed.Select(p => p.Text).ToList());
            await store.UpsertAsync(changed.Select((p, i) => new ItemTextVector(p.ItemId, p.Hash, vectors[i])).ToList(), cancellation).ConfigureAwait(false);
        }
        var removed = batch.Where(p => p.Text is null).Select(p => p.ItemId).ToList();
        if (removed.Count > 0) await store.DeleteAsync(removed, cancellation).ConfigureAwait(false);
        return new VectorizeOutcome(changed.Count, withText.Count - changed.Count, removed.Count);
    }
}

/// <summary>What one batch did: texts encoded, texts skipped because the stored vector already encodes them, vectors removed.</summary>
public sealed record VectorizeOutcome(int Encoded, int Unchanged, int Removed);

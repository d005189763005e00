namespace ContentGrains.Core.Data;

/// <summary>
/// Maps external ids (tokens) to dense indices 0..Count-1 in order of first appearance, and back.
/// </summary>
public sealed class IdMap
{
    private readonly Dictionary<string, int> indexById = new(StringComparer.Ordinal);
    private readonly List<string> idByIndex = [];

    public int Count => idByIndex.Count;

    /// <summary>The index of <paramref name="id"/>, assigning the next free one when it is new.</summary>
    public int GetOrAdd(string id)
    {
        if (indexById.TryGetValue(id, out var index))
            return index;
        index = idByIndex.Count;
        indexById.Add(id, index);
        idByIndex.Add(id);
        return index;
    }

    public bool TryGetIndex(string id, out int index) => indexById.TryGetValue(id, out index);

    public string IdOf(int index) => idByIndex[index];
}

using ContentGrains.Core.Data;

namespace ContentGrains.Training.Embedding;

/// <summary>
/// One training step's users, each split at random into input items (pooled into the user vector) and target items
/// (to be ranked above the candidates), as flat arrays for TorchSharp. Inputs are listed once per distinct item
/// (<see cref="InputItems"/>) and referenced per user by <see cref="InputSlot"/>. <see cref="TargetLogit"/> is the
/// position of each target in the flattened users × candidates logits, <see cref="InputLogit"/> that of each input that is
/// also a candidate (a user's own inputs are masked out of their softmax: known, not negative).
/// </summary>
internal sealed record HistoryBatch(
    int Users,
    long[] InputItems,
    long[] InputSlot,
    long[] InputRow,
    float[] InputWeight,
    long[] Candidates,
    long[] TargetLogit,
    float[] TargetWeight,
    long[] InputLogit)
{
    /// <summary>
    /// Splits each of <paramref name="users"/> (every one has at least two training items): a share
    /// <paramref name="targetFraction"/> of their items, at least one, become targets. Candidates are every trained
    /// item when there are at most <paramref name="softmaxItems"/>, else the targets plus that many trained items drawn
    /// uniformly. Each user weighs 1/users in the loss, shared evenly by their targets.
    /// </summary>
    public static HistoryBatch Build(InteractionSet train, ReadOnlySpan<int> users, double targetFraction,
        int[] trainedItems, int softmaxItems, Random random)
    {
        var inputSlots = new Dictionary<int, int>();
        var inputItems = new List<long>();
        var (inputSlot, inputRow, inputWeight) = (new List<long>(), new List<long>(), new List<float>());
        var (targetRow, targetItem, targetWeight) = (new List<long>(), new List<int>(), new List<float>());
        for (var row = 0; row < users.Length; row++)
        {
            var items = train.ItemsOf(users[row]).ToArray();
            random.Shuffle(items);
            var targets = Math.Clamp((int)Math.Round(items.Length * targetFraction), 1, items.Length - 1);
            for (var i = 0; i < items.Length; i++)
            {
                if (i < targets)
                {
                    targetRow.Add(row);
                    targetItem.Add(items[i]);
                    targetWeight.Add(1f / (targets * users.Length));
                    continue;
                }
                if (!inputSlots.TryGetValue(items[i], out var slot))
                {
                    slot = inputItems.Count;
                    inputSlots.Add(items[i], slot);
                    inputItems.Add(items[i]);
                }
                inputSlot.Add(slot);
                inputRow.Add(row);
                inputWeight.Add(1f / (items.Length - targets));
            }
        }
        var (candidates, columnOf) = ChooseCandidates(trainedItems, targetItem, softmaxItems, random);
        var inputLogits = new List<long>(inputSlot.Count);
        for (var i = 0; i < inputSlot.Count; i++)
        {
            var column = columnOf((int)inputItems[(int)inputSlot[i]]);
            if (column >= 0)
                inputLogits.Add(inputRow[i] * candidates.LongLength + column);
        }
        return new HistoryBatch(users.Length, inputItems.ToArray(), inputSlot.ToArray(), inputRow.ToArray(), inputWeight.ToArray(),
            candidates, targetItem.Select((item, i) => targetRow[i] * candidates.LongLength + columnOf(item)).ToArray(), targetWeight.ToArray(),
            inputLogits.ToArray());
    }

    private static (long[] Items, Func<int, int> ColumnOf) ChooseCandidates(int[] trainedItems, List<int> targets, int softmaxItems, Random random)
    {
        if (trainedItems.Length <= softmaxItems)
            return (Array.ConvertAll(trainedItems, item => (long)item), item => Array.BinarySearch(trainedItems, item));
        var chosen = new SortedSet<int>(targets);
        for (var i = 0; i < softmaxItems; i++)
            chosen.Add(trainedItems[random.Next(trainedItems.Length)]);
        var items = chosen.ToArray();
        return (Array.ConvertAll(items, item => (long)item), item => Array.BinarySearch(items, item));
    }
}

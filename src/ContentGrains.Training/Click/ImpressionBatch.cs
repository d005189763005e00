using ContentGrains.Core.Click;

namespace ContentGrains.Training.Click;

/// <summary>
/// Some impressions' standardised rows and labels, plus the padded ImpressionCount × Width layout the listwise loss
/// needs: for each impression, the positions of its rows in the batch (padding points at row 0 and is masked), and its
/// clicks divided by how many it has (all zero for an impression without a click).
/// </summary>
internal sealed record ImpressionBatch(float[] Rows, float[] Labels, int ImpressionCount, int Width, long[] PaddedIndex, bool[] PaddingMask, float[] Targets, int ClickedImpressions)
{
    public static ImpressionBatch Of(IReadOnlyList<ClickImpression> impressions, int[] rowStarts, ReadOnlySpan<int> batch, float[] standardised, float[] labels)
    {
        var features = ClickFeatures.Count;
        var width = 0;
        var count = 0;
        foreach (var i in batch)
        {
            width = Math.Max(width, impressions[i].CandidateCount);
            count += impressions[i].CandidateCount;
        }
        var rows = new float[count * features];
        var batchLabels = new float[count];
        var index = new long[batch.Length * width];
        var mask = new bool[batch.Length * width];
        var targets = new float[batch.Length * width];
        var clicked = 0;
        var at = 0;
        for (var b = 0; b < batch.Length; b++)
        {
            var start = rowStarts[batch[b]];
            var length = impressions[batch[b]].CandidateCount;
            standardised.AsSpan(start * features, length * features).CopyTo(rows.AsSpan(at * features));
            labels.AsSpan(start, length).CopyTo(batchLabels.AsSpan(at));
            var clicks = 0f;
            for (var j = 0; j < length; j++) clicks += labels[start + j];
            if (clicks > 0) clicked++;
            for (var j = 0; j < width; j++)
            {
                var cell = b * width + j;
                mask[cell] = j >= length;
                index[cell] = j < length ? at + j : 0;
                targets[cell] = j < length && clicks > 0 ? labels[start + j] / clicks : 0;
            }
            at += length;
        }
        return new ImpressionBatch(rows, batchLabels, batch.Length, width, index, mask, targets, clicked);
    }
}

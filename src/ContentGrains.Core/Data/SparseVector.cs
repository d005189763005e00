namespace ContentGrains.Core.Data;

/// <summary>A sparse vector: feature indices (ascending) and their weights.</summary>
public sealed record SparseVector(int[] Features, float[] Weights)
{
    public static readonly SparseVector Empty = new([], []);

    public int Count => Features.Length;
}

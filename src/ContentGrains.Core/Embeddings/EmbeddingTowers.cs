namespace ContentGrains.Core.Embeddings;

/// <summary>The learned towers: the input tower pools a user's history, the output tower gives the retrieved vectors.</summary>
public sealed record EmbeddingTowers(EmbeddingTower Input, EmbeddingTower Output)
{
    public int Dimensions => Output.Dimensions;
}

using ContentGrains.Core.Data;
using ContentGrains.Testing;

namespace ContentGrains.Training.Tests;

/// <summary>
/// RecBole's given split of MovieLens-100k and the default BPR fitted on it (early stopping on validation, seed 2020),
/// fitted once for all the tests that read it; without the shared data (see ../shared/data/README.md) it throws, naming the missing file.
/// </summary>
public static class Ml100kBpr
{
    private static readonly Lazy<(GivenSplit Split, BprModel Model)> Fitted = new(() =>
    {
        var folder = RepositoryPaths.RequireSharedData("ml-100k-split", "ml-100k.train.inter");
        var split = GivenSplit.Load(folder, "ml-100k");
        var model = new BprModel(validation: split.Valid, seed: 2020);
        model.Fit(split.Train);
        return (split, model);
    });

    public static (GivenSplit Split, BprModel Model) Get() => Fitted.Value;
}

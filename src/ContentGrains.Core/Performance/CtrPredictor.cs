namespace ContentGrains.Core.Performance;

/// <summary>A fitted CTR model with the encoder its rows came from: facts in, predicted CTRs out.</summary>
public sealed class CtrPredictor(CtrFeatureEncoder encoder, ICtrModel model)
{
    public CtrFeatureEncoder Encoder => encoder;
    public ICtrModel Model => model;

    /// <summary>Learns the encoder from <paramref name="training"/> and fits <paramref name="trainer"/> on its rows.</summary>
    public static CtrPredictor Fit(ICtrModelTrainer trainer, IReadOnlyList<CtrExample> training, bool useText)
    {
        var encoder = CtrFeatureEncoder.Fit(training, useText);
        var rows = training.Select(e => encoder.Encode(e.Facts)).ToList();
        return new CtrPredictor(encoder, trainer.Fit(rows, training.Select(e => e.Outcome).ToList(), encoder.Names));
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<CtrFacts> items) => model.Predict(items.Select(encoder.Encode).ToList());
}

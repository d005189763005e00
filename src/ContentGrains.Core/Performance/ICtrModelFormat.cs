namespace ContentGrains.Core.Performance;

/// <summary>
/// The CTR model implementation the live engine fits and serves: its trainer and its bytes in the model store. The
/// LightGBM one lives in ContentGrains.Analysis (Core and the grains hold no native code); the host registers it.
/// </summary>
public interface ICtrModelFormat
{
    ICtrModelTrainer Trainer { get; }

    byte[] Save(CtrPredictor predictor);

    CtrPredictor Load(byte[] bytes);
}

using ContentGrains.Core.Performance;

namespace ContentGrains.Analysis.Performance;

/// <summary>The live engine's CTR model: LightGBM (<see cref="LightGbmCtrTrainer"/>) stored by <see cref="LightGbmCtrCodec"/>.</summary>
public sealed class LightGbmCtrFormat : ICtrModelFormat
{
    public ICtrModelTrainer Trainer { get; } = new LightGbmCtrTrainer();

    public byte[] Save(CtrPredictor predictor) => LightGbmCtrCodec.Save(predictor);

    public CtrPredictor Load(byte[] bytes) => LightGbmCtrCodec.Load(bytes);
}

using ContentGrains.Core.Live;
using ContentGrains.Core.Models;

namespace ContentGrains.Training;

/// <summary>
/// Makes this assembly's models live kinds: the silo's trainer can train them (<see cref="LiveModelTrainer"/>) and
/// every silo can load what it published (<see cref="ModelFormats"/>). Called once at start-up by the host; calling
/// it again changes nothing.
/// </summary>
public static class TrainingKinds
{
    public static void Register()
    {
        // Live there is no validation set: BprModel.For trains BprOptions.MaxEpochs epochs (see LiveEpochs).
        LiveModelTrainer.Register(BprModel.KindName, context => BprModel.For(context, LiveOptions));
        ModelFormats.Register(BprModel.KindName, reader => BprModel.Load(reader));
    }

    /// <summary>
    /// BPR for the live trainer, which has no validation set to stop on: a fixed epoch count, about where early
    /// stopping ends on MovieLens-100k (best validation epoch 100 of the default options).
    /// </summary>
    public static BprOptions LiveOptions { get; } = new() { MaxEpochs = LiveEpochs };

    public const int LiveEpochs = 100;
}

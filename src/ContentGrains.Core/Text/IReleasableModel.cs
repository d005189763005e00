namespace ContentGrains.Core.Text;

/// <summary>
/// Holds a model it loads again on its next use (the text encoder's ONNX Runtime session). A training job frees it as it
/// starts: the model is idle between an import's bursts, and the job needs the room (issue 7: latest-small's retrain
/// within 1 GB of RSS).
/// </summary>
public interface IReleasableModel
{
    /// <summary>Frees the model now unless a call is using it; the next use loads it again.</summary>
    /// <returns>Whether a loaded model was freed.</returns>
    bool ReleaseUnused();
}

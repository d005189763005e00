using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training.Embedding;

/// <summary>
/// One Adam step of <see cref="EmbeddingTrainer"/>: user vectors = weighted sums of the inputs' input vectors,
/// logits = user vectors × candidates' output vectors (each user's own inputs masked out), loss = −Σ weight · log softmax at each target, plus L2 on the
/// mean squared norms of the user and candidate vectors and on the squared norms of the text projections. Every Scalar is explicit and held (DESIGN.md).
/// </summary>
internal sealed class SoftmaxStep(TorchTower input, TorchTower output, AdamOptimizer optimizer, double l2, double textL2, int dimensions, Device device) : IDisposable
{
    private readonly Scalar one = 1.0.ToScalar();
    private readonly Scalar l2Weight = l2.ToScalar();
    private readonly Scalar textL2Weight = textL2.ToScalar();
    private readonly Scalar maskedLogit = (-1e9).ToScalar();

    /// <returns>The step's loss.</returns>
    public double Run(HistoryBatch batch, float[] inputIdMask, float[] candidateIdMask)
    {
        using var scope = torch.NewDisposeScope();
        // The items tensors live for the whole step: with row updates the towers update those rows after the backward pass.
        var users = UserVectors(batch, tensor(batch.InputItems, device: device), inputIdMask);
        var candidates = output.Forward(tensor(batch.Candidates, device: device), tensor(candidateIdMask, device: device));
        var logProbabilities = LogProbabilities(batch, users, candidates);
        var loss = logProbabilities.index_select(0, tensor(batch.TargetLogit, device: device)).mul(tensor(batch.TargetWeight, device: device)).sum().neg();
        if (l2 > 0)
        {
            // x.mul(x), not square(): TorchSharp's square() is pow with an implicit Scalar(2), which can crash at random.
            var norms = users.mul(users).sum(1).mean().add(candidates.mul(candidates).sum(1).mean(), one);
            loss = loss.add(norms, l2Weight);
        }
        if (textL2 > 0 && input.Text is not null && output.Text is not null)
            loss = loss.add(input.Text.mul(input.Text).sum().add(output.Text.mul(output.Text).sum(), one), textL2Weight);

        optimizer.ZeroGrad();
        loss.backward();
        optimizer.Step();
        input.StepIdRows();
        output.StepIdRows();
        return loss.item<float>();
    }

    /// <summary>
    /// The batch's user vectors: each user's inputs' input vectors, weighted and summed. Made in a scope of its own, as
    /// the towers' forward passes are (<see cref="TorchTower.Forward"/>): the intermediates autograd does not keep are
    /// freed here rather than at the end of the step, and those it keeps it holds itself.
    /// </summary>
    private Tensor UserVectors(HistoryBatch batch, Tensor inputItems, float[] inputIdMask)
    {
        using var scope = torch.NewDisposeScope();
        var inputVectors = input.Forward(inputItems, tensor(inputIdMask, device: device));
        var pooled = inputVectors.index_select(0, tensor(batch.InputSlot, device: device))
            .mul(tensor(batch.InputWeight, device: device).unsqueeze(1));
        return zeros(batch.Users, dimensions, device: device).index_add(0, tensor(batch.InputRow, device: device), pooled, one).MoveToOuterDisposeScope();
    }

    /// <summary>Log-softmax of users × candidates logits, each user's own inputs masked out, flattened; in a scope of its own.</summary>
    private Tensor LogProbabilities(HistoryBatch batch, Tensor users, Tensor candidates)
    {
        using var scope = torch.NewDisposeScope();
        var logits = users.mm(candidates.t()).add(InputMask(batch, candidates.shape[0]), one);
        return logits.log_softmax(1).view(-1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// −10⁹ at each user's own inputs among the candidates (masked out of their softmax), 0 elsewhere. Filled in libtorch:
    /// a users × candidates array made here was a large-object allocation of 1-2 MB at every step (64 × 5,600 floats at
    /// latest-small's shape), about 1.1 GB over a run of 800 steps, that only full collections free.
    /// </summary>
    private Tensor InputMask(HistoryBatch batch, long candidateCount)
    {
        var mask = zeros(batch.Users * candidateCount, device: device);
        if (batch.InputLogit.Length > 0)
            mask.index_fill_(0, tensor(batch.InputLogit, device: device), maskedLogit);
        return mask.view(batch.Users, candidateCount);
    }

    public void Dispose()
    {
        one.Dispose();
        l2Weight.Dispose();
        textL2Weight.Dispose();
        maskedLogit.Dispose();
    }
}

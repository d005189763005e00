namespace ContentGrains.Core.Batching;

/// <summary>
/// Back-pressure by weight: at most <see cref="Capacity"/> units (events, say) are admitted at once; a caller that would
/// go past it waits, first come first served, until earlier ones leave, or gives up after its own wait. A request
/// heavier than the whole capacity is admitted alone (when nothing else is in), so no size is refused for ever.
/// A waiter that gives up leaves the queue; the ones behind it move up.
/// </summary>
public sealed class AdmissionGate
{
    private sealed record Waiter(int Weight, TaskCompletionSource<bool> Admitted);

    private readonly Lock gate = new();
    private readonly LinkedList<Waiter> waiting = [];
    private int inUse;

    public AdmissionGate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>The weight admitted and not yet left.</summary>
    public int InUse { get { lock (gate) return inUse; } }

    /// <summary>The weight of the callers waiting now.</summary>
    public int Waiting { get { lock (gate) return waiting.Sum(w => w.Weight); } }

    /// <summary>True once <paramref name="weight"/> is admitted (the caller must <see cref="Leave"/> it); false after <paramref name="wait"/>.</summary>
    public async Task<bool> EnterAsync(int weight, TimeSpan wait, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        LinkedListNode<Waiter> node;
        lock (gate)
        {
            if (waiting.Count == 0 && Fits(weight))
            {
                inUse += weight;
                return true;
            }
            node = waiting.AddLast(new Waiter(weight, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)));
        }
        var admitted = node.Value.Admitted.Task;
        if (await Task.WhenAny(admitted, Task.Delay(wait, cancellation)) == admitted) return true;
        lock (gate)
        {
            if (admitted.IsCompleted) return true; // admitted just as the wait ended: it counts
            waiting.Remove(node);
            AdmitWaiting(); // the ones behind a heavy waiter may fit now
        }
        cancellation.ThrowIfCancellationRequested();
        return false;
    }

    /// <summary>Gives back weight admitted earlier and admits the waiters that now fit, in order.</summary>
    public void Leave(int weight)
    {
        lock (gate)
        {
            if (weight < 0 || weight > inUse) throw new ArgumentOutOfRangeException(nameof(weight), weight, $"only {inUse} is admitted");
            inUse -= weight;
            AdmitWaiting();
        }
    }

    private bool Fits(int weight) => inUse == 0 || inUse + weight <= Capacity;

    private void AdmitWaiting()
    {
        while (waiting.First is { } first && Fits(first.Value.Weight))
        {
            waiting.RemoveFirst();
            inUse += first.Value.Weight;
            first.Value.Admitted.TrySetResult(true);
        }
    }
}

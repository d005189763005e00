namespace ContentGrains.Bench.Load;

/// <summary>Where the load's feed requests go: the HTTP API, or the grains through an Orleans client.</summary>
public interface IFeedTarget
{
    /// <summary>What the load's results call this path ("http", "orleans").</summary>
    string Name { get; }

    /// <summary>Asks for person <paramref name="userId"/>'s feed of <paramref name="count"/> items; returns the HTTP status,
    /// 200 for an Orleans call that answered, or 0 for no answer (a failed connection, a timeout, an exception).</summary>
    Task<int> GetFeedAsync(string userId, int count, CancellationToken cancellation);
}

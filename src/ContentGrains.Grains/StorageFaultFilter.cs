using Orleans;

namespace ContentGrains.Grains;

/// <summary>
/// Every grain call's storage failure leaves the grain as <see cref="Abstractions.StorageUnavailableException"/>: the
/// drivers' exceptions have no Orleans codec, and the caller would get CodecNotFoundException instead of the reason.
/// </summary>
public sealed class StorageFaultFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception error) when (error is not Abstractions.StorageUnavailableException && StorageFaults.Translate(error) is { } fault)
        {
            throw fault;
        }
    }
}

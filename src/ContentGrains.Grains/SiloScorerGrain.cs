using ContentGrains.Abstractions;
using Orleans.Streams;

namespace ContentGrains.Grains;

/// <summary>One silo's scorer as the cluster sees it (key: silo name): what it serves and what it refused.</summary>
public interface ISiloScorerGrain : IGrainWithStringKey
{
    Task<SiloModelView> GetAsync();
}

/// <summary>
/// Pinned to its silo, subscribed to that silo's champion stream: hands each pushed champion to the silo's
/// <see cref="ModelCache"/>, which validates it and swaps it in (or refuses it, keeping the old).
/// </summary>
[ImplicitStreamSubscription(ChampionStream.Namespace)]
[SiloPinnedPlacement]
public sealed class SiloScorerGrain(ModelCache models) : Grain, ISiloScorerGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(ChampionStream.Provider).GetStream<ChampionMessage>(ChampionStream.For(this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((message, _) => models.SwapToAsync(message.Model, message.Version));
    }

    public Task<SiloModelView> GetAsync() => Task.FromResult(models.Report());
}

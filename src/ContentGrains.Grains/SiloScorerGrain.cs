using ContentGrains.Abstractions;
using Orleans.Placement;
using Orleans.Streams;

namespace ContentGrains.Grains;

/// <summary>One silo's scorer as the cluster sees it (key: silo name): what it serves and what it refused.</summary>
public interface ISiloScorerGrain : IGrainWithStringKey
{
    Task<SiloModelView> GetAsync();
}

/// <summary>
/// Pinned to its silo, subscribed to that silo's champion stream: hands each pushed champion to the silo's
/// <see cref="ModelCache"/> or <see cref="ClickModelCache"/>, which validates it and swaps it in (or refuses it, keeping the old),
/// and a click champion's retirement to the <see cref="ClickModelCache"/>, which stops serving it.
/// </summary>
[ImplicitStreamSubscription(ChampionStream.Namespace)]
[SiloPinnedPlacement]
[Immovable] // the activation rebalancer must not move a silo's own scorer to another silo
public sealed class SiloScorerGrain(ModelCache models, ClickModelCache clickModels) : Grain, ISiloScorerGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(ChampionStream.Provider).GetStream<ChampionMessage>(ChampionStream.For(this.GetPrimaryKeyString()));
        // Each cache takes the messages of its own registry (the feed model's, the click model's) and ignores the rest.
        await stream.SubscribeAsync(async (message, _) =>
        {
            if (message.Version is not { } version)
            {
                await clickModels.RetireAsync(message.Model); // only a click champion retires; a feed model always has one once trained
                return;
            }
            await models.SwapToAsync(message.Model, version);
            await clickModels.SwapToAsync(message.Model, version);
        });
    }

    public Task<SiloModelView> GetAsync() => Task.FromResult(models.Report());
}

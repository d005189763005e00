using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;
using ContentGrains.Core.Rules;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Mines one tenant's association rules over its rows of the event log (key: <see cref="TenantJobs.GrainKey"/>, "default"
/// for the default tenant) and stores each run as the next version of the tenant's model "rules" in the model store, the place every silo already loads models from (<see cref="RuleBookCache"/>). One
/// run at a time: a call while one runs waits for it. The mining itself runs on the thread pool.
/// </summary>
public sealed class RulesGrain(
    IEventLog log, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILogger<RulesGrain> logger) : Grain, IRulesGrain, IRemindable
{
    private const string MineReminder = "mine-rules";
    private Task<RulesRun>? running;

    private RulesOptions Rules => options.Value.Rules;
    private string Tenant => TenantJobs.TenantOf(this.GetPrimaryKeyString());
    private string ModelName => TenantJobs.ModelName(Tenant, RulesOptions.ModelName);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Rules.Interval > TimeSpan.Zero) await this.RegisterOrUpdateReminder(MineReminder, Rules.Interval, Rules.Interval);
    }

    public Task<RulesRun> MineAsync() => running ??= RunAsync();

    public async Task<long?> GetLatestVersionAsync() => (await store.ListAsync(ModelName)).FirstOrDefault()?.Version;

    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) =>
        reminderName == MineReminder ? MineAsync() : Task.CompletedTask;

    private async Task<RulesRun> RunAsync()
    {
        var started = clock.GetTimestamp();
        try
        {
            var miner = new LogRuleMiner(new TenantEventLog(log, Tenant), options.Value.Training.MemoryBoundBytes, Rules.SessionGap, Rules.Mining, Rules.RulesPerItem);
            var (mined, read) = await Task.Run(() => miner.MineAsync(CancellationToken.None));
            var bytes = mined.ToJsonBytes();
            var version = (await GetLatestVersionAsync() ?? 0) + 1;
            var seconds = clock.GetElapsedTime(started).TotalSeconds;
            await store.SaveAsync(new ModelVersion(ModelName, version, "fpgrowth", clock.GetUtcNow(), read, mined.Baskets, mined.Items,
                mined.Rules.Count, seconds, bytes.Length), bytes);
            logger.LogInformation("Mined rules v{Version}: {Baskets} sessions from {Events} events, {Rules} rules kept in {Seconds:F2} s",
                version, mined.Baskets, read, mined.Rules.Count, seconds);
            return new RulesRun(version, clock.GetUtcNow(), read, mined.Baskets, mined.Rules.Count, seconds, null);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException)
        {
            logger.LogError(error, "Mining association rules failed");
            return new RulesRun(null, clock.GetUtcNow(), 0, 0, 0, clock.GetElapsedTime(started).TotalSeconds, error.Message);
        }
        finally
        {
            running = null;
        }
    }
}

using ContentGrains.Abstractions;
using ContentGrains.Core.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// The event retention (key "default"): with <see cref="RetentionSettings.EventDays"/> set, a reminder every
/// <see cref="RetentionSettings.Interval"/> deletes the events whose event time is older, one bounded batch per statement
/// until a batch comes back short, and records the run in the privacy audit. Turned off, it unregisters its reminder.
/// Every silo pokes it at start (<see cref="RetentionStartup"/>), so the reminder exists without a first request.
/// </summary>
public sealed class RetentionGrain(PrivacyStores privacy, IOptions<EngineOptions> options, TimeProvider clock, ILogger<RetentionGrain> logger)
    : Grain, IRetentionGrain, IRemindable
{
    public const string Key = "default";
    public const string AuditKeyName = "retention";
    private const string ExpireReminder = "expire-events";
    private Task<RetentionRun>? running;

    private RetentionSettings Settings => options.Value.Retention;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Settings.Enabled) await this.RegisterOrUpdateReminder(ExpireReminder, Settings.Interval, Settings.Interval);
        else if (await this.GetReminder(ExpireReminder) is { } stale) await this.UnregisterReminder(stale);
    }

    /// <remarks>A finished run is never handed out again: on SQLite a whole run can complete synchronously.</remarks>
    public Task<RetentionRun> RunAsync() => running is { IsCompleted: false } ? running : running = ExpireAsync();

    public async Task<bool> IsScheduledAsync() => await this.GetReminder(ExpireReminder) is not null;

    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) =>
        reminderName == ExpireReminder ? RunAsync() : Task.CompletedTask;

    private async Task<RetentionRun> ExpireAsync()
    {
        if (!Settings.Enabled) return new RetentionRun(0, null, 0, 0, 0, "retention is off: ContentGrains:Engine:Retention:EventDays is 0");
        var started = clock.GetTimestamp();
        var cutoff = Settings.CutoffAt(clock.GetUtcNow());
        long expired = 0;
        var batches = 0;
        int last;
        do
        {
            last = await privacy.Erasure.ExpireBeforeAsync(cutoff, Settings.BatchEvents);
            expired += last;
            batches++;
        } while (last == Settings.BatchEvents);
        var seconds = clock.GetElapsedTime(started).TotalSeconds;
        if (expired > 0)
            await privacy.Audit.AppendAsync(new PrivacyAuditEntry(PrivacyActions.Retention, "", AuditKeyName, clock.GetUtcNow(),
                $"expired {expired} events with an event time before {cutoff:O} in {batches} batches"));
        logger.LogInformation("Retention expired {Expired} events older than {Days} days (before {Cutoff:O}) in {Batches} batches, {Seconds:F2} s",
            expired, Settings.EventDays, cutoff, batches, seconds);
        return new RetentionRun(Settings.EventDays, cutoff, expired, batches, seconds);
    }
}

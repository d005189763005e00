namespace ContentGrains.Grains.Tests;

/// <summary>A test grain that registers reminders, to check that the stores keep them durably.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string name);
    Task<string[]> ListAsync();
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public Task RegisterAsync(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    public async Task<string[]> ListAsync() => (await this.GetReminders()).Select(r => r.ReminderName).Order().ToArray();

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

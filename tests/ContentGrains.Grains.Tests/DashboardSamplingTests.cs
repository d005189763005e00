using ContentGrains.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The dashboard's host reads Orleans' meter at the interval the silo sets (its own is 1 s, and each reading walks every
/// activation). Fails when a dashboard version drops or renames the internal setting: then the silo would warn and read every second again.
/// </summary>
public sealed class DashboardSamplingTests
{
    [Fact]
    public void The_silos_dashboard_host_samples_at_the_configured_interval_not_every_second()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), IntervalOfAHostWith(configured: null));
        Assert.Equal(TimeSpan.FromSeconds(10), IntervalOfAHostWith(TimeSpan.FromSeconds(10)));
    }

    private static TimeSpan? IntervalOfAHostWith(TimeSpan? configured)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddDashboard();
            if (configured is { } every) Assert.True(DashboardSampling.Apply(silo.Services, every), "the dashboard's host has its sampling interval");
        });
        using var host = builder.Build(); // not started: the host instance and its setting are what is checked
        return DashboardSampling.Of(host.Services);
    }
}

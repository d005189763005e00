using System.Reflection;
using Orleans.Dashboard;

namespace ContentGrains.Silo.Hosting;

/// <summary>
/// How often the Orleans dashboard samples Orleans' meter. Its host reads every instrument of the meter once a second,
/// and two of Orleans' gauges walk every activation (the requests of each) and the directory cache on each reading: at
/// 100,000 people that was 7 % of the silo's CPU while it served 1,000 feeds/s over HTTP, and it grows with the people
/// held (a perf profile, session 17: `Catalog` and `DirectoryInstruments` under the dashboard's metric reader). The
/// interval is an internal setting of the dashboard's host (<c>DashboardHost.ExportIntervalMilliseconds</c>, 1 s in
/// Orleans.Dashboard 10.4), set here on the instance the silo creates. A dashboard version without it keeps its own
/// interval, and <see cref="Apply"/> says so. GET /metrics reads the same gauges only when it is scraped.
/// </summary>
public static class DashboardSampling
{
    private const string HostTypeName = "Orleans.Dashboard.DashboardHost";
    private const string IntervalProperty = "ExportIntervalMilliseconds";

    /// <summary>Makes the dashboard's host sample every <paramref name="every"/>; false when this dashboard version has no such setting.</summary>
    public static bool Apply(IServiceCollection services, TimeSpan every)
    {
        var (hostType, interval) = Setting();
        var registration = services.LastOrDefault(d => d.ServiceType == hostType && d.ImplementationType == hostType);
        if (hostType is null || interval?.PropertyType != typeof(int) || !interval.CanWrite || registration is null) return false;
        services.Remove(registration);
        services.AddSingleton(hostType, provider =>
        {
            var host = ActivatorUtilities.CreateInstance(provider, hostType);
            interval.SetValue(host, (int)every.TotalMilliseconds);
            return host;
        });
        return true;
    }

    /// <summary>The interval the silo's dashboard host samples at (for tests and the start-up line); null without a dashboard host.</summary>
    public static TimeSpan? Of(IServiceProvider services)
    {
        var (hostType, interval) = Setting();
        if (hostType is null || services.GetService(hostType) is not { } host) return null;
        return interval?.GetValue(host) is int ms ? TimeSpan.FromMilliseconds(ms) : null;
    }

    /// <summary>The dashboard's host type and its interval property, either null when this dashboard version lacks them.</summary>
    private static (Type? HostType, PropertyInfo? Interval) Setting()
    {
        var hostType = typeof(DashboardOptions).Assembly.GetType(HostTypeName);
        return (hostType, hostType?.GetProperty(IntervalProperty, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public));
    }
}

namespace ContentGrains.Core.Channels;

/// <summary>Sends and opens by local hour of week for one level of the send-time model (global, channel, group).</summary>
public sealed class HourlyEngagement
{
    public double[] Sends { get; } = new double[HourOfWeek.Count];
    public double[] Opens { get; } = new double[HourOfWeek.Count];
    public double TotalSends { get; private set; }
    public double TotalOpens { get; private set; }

    public void Add(int hourOfWeek, bool opened)
    {
        Sends[hourOfWeek]++;
        TotalSends++;
        if (!opened) return;
        Opens[hourOfWeek]++;
        TotalOpens++;
    }

    /// <summary>The open rate at an hour shrunk towards <paramref name="prior"/> with the weight of <paramref name="strength"/> sends.</summary>
    public double Rate(int hourOfWeek, double prior, double strength) => (Opens[hourOfWeek] + strength * prior) / (Sends[hourOfWeek] + strength);

    /// <summary>The open rate at an hour of day over the seven days of the week, shrunk the same way.</summary>
    public double DayHourRate(int hourOfDay, double prior, double strength)
    {
        double sends = 0, opens = 0;
        for (var day = 0; day < 7; day++) (sends, opens) = (sends + Sends[day * 24 + hourOfDay], opens + Opens[day * 24 + hourOfDay]);
        return (opens + strength * prior) / (sends + strength);
    }
}

/// <summary>One person's sends and opens on one channel, only at the hours of week they were sent something (sparse).</summary>
public sealed class PersonEngagement
{
    private readonly Dictionary<int, (int Sends, int Opens)> hours = [];

    public void Add(int hourOfWeek, bool opened)
    {
        var (sends, opens) = hours.GetValueOrDefault(hourOfWeek);
        hours[hourOfWeek] = (sends + 1, opens + (opened ? 1 : 0));
    }

    public double Rate(int hourOfWeek, double prior, double strength) =>
        hours.TryGetValue(hourOfWeek, out var cell) ? (cell.Opens + strength * prior) / (cell.Sends + strength) : prior;
}

using ContentGrains.Core.Click;

namespace ContentGrains.Grains.Tests;

public sealed class WindowsMessageTests
{
    [Fact]
    public void An_items_windows_cross_the_wire_with_first_seen_and_last_clicked()
    {
        var noon = new DateTimeOffset(2019, 11, 14, 12, 0, 0, TimeSpan.Zero);
        var windows = new RecentWindows();
        windows.RecordImpression(noon.AddHours(-2));
        windows.RecordImpression(noon);
        windows.RecordClick(noon.AddMinutes(-30));

        var copy = WindowsMessage.From(windows)!.ToWindows();

        Assert.Equal(noon.AddHours(-2), copy.FirstSeen);
        Assert.Equal(noon.AddMinutes(-30), copy.LastClicked);
        Assert.Equal(TimeSpan.FromHours(1), copy.SinceLastClick(noon.AddMinutes(30)));
        Assert.Equal(windows.CountsAt(noon), copy.CountsAt(noon));
        Assert.Null(WindowsMessage.From(new RecentWindows())!.ToWindows().LastClicked); // never clicked stays unknown
    }
}

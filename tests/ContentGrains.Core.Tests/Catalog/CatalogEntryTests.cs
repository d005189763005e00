using ContentGrains.Core.Catalog;
using ContentGrains.Core.Items;

namespace ContentGrains.Core.Tests.Catalog;

public class CatalogEntryTests
{
    private static CatalogEntry Entry(params string[] channels) => new("item-1", [], channels, null, default, 0);

    [Theory]
    [InlineData("web", true)]
    [InlineData("app", true)]
    [InlineData("tv", false)]
    [InlineData(null, true)]
    public void Item_with_channels_fits_only_those(string? channel, bool fits)
    {
        Assert.Equal(fits, Entry("web", "app").FitsChannel(channel));
    }

    [Theory]
    [InlineData("web")]
    [InlineData(null)]
    public void Item_without_channels_fits_any_channel(string? channel)
    {
        Assert.True(Entry().FitsChannel(channel));
    }

    [Fact]
    public void EntryFor_copies_metadata_and_starts_with_no_popularity()
    {
        var published = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var info = new ItemInfo("t", "x", ["jazz"], null, null, published, ["web"]);

        var entry = CatalogIndex.EntryFor("item-9", info);

        Assert.Equal(("item-9", published, 0L, 0.0, 0L), (entry.ItemId, entry.PublishedAt, entry.EventsApplied, entry.Trend.Value, entry.Trend.AsOfUnixMs));
        Assert.Equal(["jazz"], entry.Tags);
        Assert.Equal(["web"], entry.Channels);
    }

    [Fact]
    public void Channel_given_in_upper_case_matches_the_normalised_item_channel()
    {
        var (info, _) = ItemValidator.Validate("item-1", new ItemInput(null, null, null, null, null, null, ["Web"]));

        Assert.True(CatalogIndex.EntryFor("item-1", info!).FitsChannel("Web"));
    }
}

using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;
using ContentGrains.Core.Tests.Traffic;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Log;

/// <summary>A tenant's training reads only its own rows of a log that holds several tenants (Core.Tenants).</summary>
public sealed class TenantRowsTests
{
    private static readonly Interaction[] Mixed =
    [
        Event(EventType.Like, "i1", userId: "ann"),
        Event(EventType.Like, "acme/i1", userId: "acme/ann"),
        Event(EventType.Like, "acme-2/i9", userId: "acme-2/ann"),
        Event(EventType.Like, "acme/i2", userId: "acme/bob"),
        Event(EventType.Like, "i2", userId: "bob"),
        Event(EventType.Like, "acme/i3", userId: "acme/ann"),
    ];

    [Fact]
    public void A_row_is_the_tenant_of_its_person()
    {
        Assert.Equal([false, true, false, true, false, true], Mixed.Select(e => TenantRows.Holds("acme", e)).ToArray());
        Assert.Equal([true, false, false, false, true, false], Mixed.Select(e => TenantRows.Holds("", e)).ToArray());
        Assert.Equal(("acme/", null), (TenantRows.Prefix("acme"), TenantRows.Prefix("")));
    }

    [Fact]
    public async Task The_default_read_of_a_log_in_memory_pages_through_every_row_and_keeps_the_tenants()
    {
        var log = new ListEventLog(Mixed);
        IEventLog reader = log;
        Assert.Equal([2L, 4L], (await reader.ReadTenantAsync("acme", 0, 2)).Select(e => e.Sequence));
        Assert.Equal([6L], (await reader.ReadTenantAsync("acme", 4, 2)).Select(e => e.Sequence));
        Assert.Equal([1L, 5L], (await reader.ReadTenantAsync("", 0, 10)).Select(e => e.Sequence));
        Assert.Equal((3L, 1L, 2L), (await reader.CountTenantAsync("acme", 0), await reader.CountTenantAsync("acme", 4), await reader.CountTenantAsync("", 0)));
    }

    [Fact]
    public async Task A_tenants_training_read_holds_its_people_and_items_only_and_its_window_ends_at_its_last_row()
    {
        var (acme, acmeWindow) = await new TrainingLogReader(new ListEventLog(Mixed), 16L << 20, tenant: "acme").ReadAsync(null, CancellationToken.None);
        Assert.Equal(3, acme.EventsRead);
        Assert.Equal(["acme/ann", "acme/bob"], Enumerable.Range(0, acme.Users.Count).Select(acme.Users.IdOf).Order().ToArray());
        Assert.Equal(["acme/i1", "acme/i2", "acme/i3"], Enumerable.Range(0, acme.Items.Count).Select(acme.Items.IdOf).Order().ToArray());
        Assert.Equal((2L, 6L), (acmeWindow!.FirstSequence, acmeWindow.LastSequence));

        var (owner, _) = await new TrainingLogReader(new ListEventLog(Mixed), 16L << 20, tenant: "").ReadAsync(null, CancellationToken.None);
        Assert.Equal(["ann", "bob"], Enumerable.Range(0, owner.Users.Count).Select(owner.Users.IdOf).Order().ToArray());

        var (all, _) = await new TrainingLogReader(new ListEventLog(Mixed), 16L << 20).ReadAsync(null, CancellationToken.None);
        Assert.Equal(6, all.EventsRead); // no tenant: the offline tools' whole log
    }
}

using ContentGrains.Core.Events;
using ContentGrains.Core.Tenants;

namespace ContentGrains.Core.Tests.Tenants;

public sealed class TenantKeysTests
{
    [Fact]
    public void The_default_tenant_keeps_ids_unchanged_and_another_tenant_prefixes_them()
    {
        Assert.Equal("u1", TenantKeys.Qualify(TenantKeys.Default, "u1"));
        Assert.Equal("acme/u1", TenantKeys.Qualify("acme", "u1"));
        Assert.Equal(("acme", "u:1@x"), TenantKeys.Split("acme/u:1@x"));
        Assert.Equal(("", "u:1@x"), TenantKeys.Split("u:1@x"));
        Assert.True(TenantKeys.Belongs("acme", "acme/u1"));
        Assert.False(TenantKeys.Belongs("acme", "u1"));
        Assert.False(TenantKeys.Belongs("", "acme/u1"));
    }

    [Fact]
    public void No_valid_id_can_pose_as_a_qualified_key()
    {
        // The separator is outside the id alphabet, so a client id never splits into a tenant and an id.
        Assert.NotNull(EventValidator.CheckId("userId", "acme/u1"));
        Assert.Equal(("", "a.b-c_d:e@f"), TenantKeys.Split("a.b-c_d:e@f"));
    }

    [Fact]
    public void An_event_of_a_tenant_has_its_event_user_and_item_ids_qualified_and_nothing_else()
    {
        var e = new Interaction("e1", "u1", "i1", EventType.Click, DateTimeOffset.UnixEpoch, "web", 0, null, null, "v1");
        var q = TenantKeys.Qualify("acme", e);
        Assert.Equal(("acme/e1", "acme/u1", "acme/i1", "web", "v1"), (q.EventId, q.UserId, q.ItemId, q.Channel, q.Variant));
        Assert.Same(e, TenantKeys.Qualify(TenantKeys.Default, e));
    }

    [Theory]
    [InlineData("a", null)]
    [InlineData("acme-eu-2", null)]
    [InlineData("", "must be 1-32 characters, got 0")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "must be 1-32 characters, got 33")]
    [InlineData("Acme", "contains 'A'; a tenant is lower-case ASCII letters (a-z), digits and '-'")]
    [InlineData("a/b", "contains '/'; a tenant is lower-case ASCII letters (a-z), digits and '-'")]
    [InlineData("a_b", "contains '_'; a tenant is lower-case ASCII letters (a-z), digits and '-'")]
    public void Tenant_names_are_lower_case_letters_digits_and_dashes(string name, string? reason) =>
        Assert.Equal(reason, TenantKeys.CheckName(name));
}

namespace ContentGrains.Core.Sentiment;

/// <summary>
/// The topics an item belongs to, for topic-level sentiment. The engine registers none until topics are served live;
/// a topic source registers its own, and every comment then also counts in its item's topic series.
/// </summary>
public interface ISentimentTopics
{
    IReadOnlyList<string> TopicsOf(string itemId);
}

/// <summary>
/// The key function of sentiment series: which series one comment counts in. Every comment counts in its item's series
/// (<c>item:ID</c>), in each of the item's tags' (<c>tag:TAG</c>) and, when a topic source is given, in each of the
/// item's topics' (<c>topic:ID</c>). This is the one place a new kind of series plugs in.
/// A tenant's series are its own: the key of a non-default tenant's series is <c>tenant/kind:ID</c> (the item id is
/// logged qualified, <see cref="Tenants.TenantKeys"/>, and its tenant goes in front of every key the comment counts in);
/// the default tenant's keys are unchanged. A tenant name holds no ':' and a kind no '/', so the first '/' before the
/// first ':' ends the tenant, whatever a tag holds.
/// </summary>
public sealed class SentimentKeys(ISentimentTopics? topics = null)
{
    public const string Item = "item", Tag = "tag", Topic = "topic";

    /// <param name="itemId">The item as the log holds it: tenant-qualified.</param>
    public IEnumerable<string> For(string itemId, IReadOnlyList<string> tags)
    {
        var (tenant, local) = Tenants.TenantKeys.Split(itemId);
        yield return Of(tenant, Item, local);
        foreach (var tag in tags.Distinct(StringComparer.Ordinal)) yield return Of(tenant, Tag, tag);
        if (topics is null) yield break;
        foreach (var topic in topics.TopicsOf(itemId).Distinct(StringComparer.Ordinal)) yield return Of(tenant, Topic, topic);
    }

    /// <summary>The default tenant's key (and a key's local part).</summary>
    public static string Of(string kind, string id) => $"{kind}:{id}";

    /// <summary>The tenant's key of a series.</summary>
    public static string Of(string tenant, string kind, string id) => Tenants.TenantKeys.Qualify(tenant, Of(kind, id));

    /// <summary>The tenant of a key and the key as the tenant names it (kind:id).</summary>
    public static (string Tenant, string Local) Split(string key)
    {
        var colon = key.IndexOf(':');
        var slash = key.IndexOf(Tenants.TenantKeys.Separator);
        return slash >= 0 && (colon < 0 || slash < colon) ? (key[..slash], key[(slash + 1)..]) : (Tenants.TenantKeys.Default, key);
    }

    /// <summary>The kind and id of a key made by <see cref="Of(string, string)"/> or <see cref="Of(string, string, string)"/>, the tenant left out.</summary>
    public static (string Kind, string Id) Parse(string key)
    {
        var local = Split(key).Local;
        var colon = local.IndexOf(':');
        return colon < 0 ? ("", local) : (local[..colon], local[(colon + 1)..]);
    }
}

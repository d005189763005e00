using System.Collections;
using System.Reflection;
using ContentGrains.Grains;
using ContentGrains.Silo.Security;

namespace ContentGrains.Silo.Hosting;

/// <summary>
/// Every configuration key under "ContentGrains" that the host reads, derived from the types it binds
/// (<see cref="ContentGrainsHostOptions"/>, <see cref="EngineOptions"/> under "Engine", the HNSW settings under
/// "Engine:Vectors", the API key entries), so a new
/// option is known the moment it is a property. A key outside them is a typo or a setting that no longer exists: the
/// silo warns at start-up, and the deployment files are checked against the same list (DeploymentFilesTests).
/// </summary>
public static class KnownSettings
{
    private static readonly IReadOnlyDictionary<string, Type> Roots = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [ContentGrainsHostOptions.Section] = typeof(ContentGrainsHostOptions),
        [$"{ContentGrainsHostOptions.Section}:Engine"] = typeof(EngineOptions),
        [SiloSetup.VectorsSection] = typeof(Inference.Vectors.HnswOptions),
        [SiloSetup.ClusteredSection] = typeof(Inference.Vectors.ClusteredIndexOptions),
        [ApiKeyRing.Setting] = typeof(List<ApiKeyRing.EntryShape>),
    };

    /// <summary>True when <paramref name="path"/> ("ContentGrains:Engine:Feed:ExplorationSlots", any case) is a setting the host reads.</summary>
    public static bool IsKnown(string path)
    {
        var segments = path.Split(':');
        // The longest root that prefixes the path decides (Engine has its own type, not ContentGrainsHostOptions').
        foreach (var (root, type) in Roots.OrderByDescending(r => r.Key.Length))
        {
            var rootSegments = root.Split(':');
            if (segments.Length < rootSegments.Length
                || !segments.Take(rootSegments.Length).SequenceEqual(rootSegments, StringComparer.OrdinalIgnoreCase)) continue;
            return Resolves(type, segments.AsSpan(rootSegments.Length));
        }
        return false;
    }

    /// <summary>The keys with a value under "ContentGrains" in <paramref name="configuration"/> that the host does not read.</summary>
    public static IReadOnlyList<string> Unknown(IConfiguration configuration) =>
        configuration.GetSection(ContentGrainsHostOptions.Section).AsEnumerable()
            .Where(pair => pair.Value is not null && !IsKnown(pair.Key))
            .Select(pair => pair.Key)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A path into <paramref name="type"/>: property names (any case), list indexes, dictionary keys.</summary>
    private static bool Resolves(Type type, ReadOnlySpan<string> rest)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (rest.Length == 0) return true;
        if (IsLeaf(type)) return false;
        if (DictionaryValue(type) is { } value) return Resolves(value, rest[1..]);
        if (ElementType(type) is { } element) return int.TryParse(rest[0], out var index) && index >= 0 && Resolves(element, rest[1..]);
        var property = type.GetProperty(rest[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanRead: true } && (property.CanWrite || !IsLeaf(property.PropertyType)) && Resolves(property.PropertyType, rest[1..]);
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid) || type == typeof(Uri);

    private static Type? DictionaryValue(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d
                && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)))
            ?.GetGenericArguments()[1];

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;
}

using System.Text.Json;
using ContentGrains.Abstractions;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Fields a request body names that the engine does not read. They are ignored, and the answer lists them as warnings,
/// so a typo (<c>"tag"</c> for <c>"tags"</c>) is seen rather than silently dropped.
/// </summary>
public static class UnknownFields
{
    /// <summary>The JSON names of <typeparamref name="T"/>'s properties as the API reads them (case-insensitive, as the API's JSON is).</summary>
    public static IReadOnlySet<string> Of<T>()
    {
        // GetTypeInfo needs the options' resolver, which is only filled in once they were first used to (de)serialise:
        // a route whose static field asked first failed with NotSupportedException.
        if (!RequestJson.Options.IsReadOnly) RequestJson.Options.MakeReadOnly(populateMissingResolver: true);
        return RequestJson.Options.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public static IEnumerable<string> In(JsonElement element, IReadOnlySet<string> known) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n)) : [];

    public static string Reason(string what, IEnumerable<string> known) =>
        $"is not a field of {what}; it was ignored (the fields are {string.Join(", ", known)})";

    public static Rejection Warning(int index, string field, string what, IEnumerable<string> known) => new(index, field, Reason(what, known));
}

/// <summary>The answer to an item write that stored the item but ignored fields the engine does not know.</summary>
public sealed record ItemWriteWarnings(IReadOnlyList<FieldError> Warnings);

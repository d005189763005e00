namespace ContentGrains.Cli.Import;

/// <summary>Where a record came from: the file name and the 1-based line number, so a reject can be found and fixed.</summary>
public sealed record SourceLine(string File, long Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>An event read from a file, with the API's field names. Validation is left to the target (the engine, or
/// <see cref="ContentGrains.Core.Events.EventValidator"/> for an offline data set).</summary>
public sealed record ImportEvent(
    string? EventId, string? UserId, string? ItemId, string? Type, DateTimeOffset? Timestamp,
    string? Channel = null, double? DwellSeconds = null, double? Value = null, string? Text = null, string? Variant = null);

/// <summary>An item read from a file, with the API's field names (the body of a bulk POST /v1/items entry).</summary>
public sealed record ImportItem(
    string? ItemId, string? Title = null, string? Text = null, IReadOnlyList<string>? Tags = null, string? Format = null,
    string? Creator = null, DateTimeOffset? PublishedAt = null, IReadOnlyList<string>? Channels = null, IReadOnlyList<ImportVariant>? Variants = null);

/// <summary>A headline variant of an item (the API's HeadlineVariantSpec): events name its id in their "variant" field.</summary>
public sealed record ImportVariant(string Id, string Headline);

/// <summary>A user's side information (age, gender…): the engine has no place for it; the offline data set keeps it.</summary>
public sealed record ImportUser(string UserId, IReadOnlyList<KeyValuePair<string, string>> Attributes);

/// <summary>One line of a file: either a record or the field and reason it could not be read.</summary>
public sealed record SourceRow<T>(SourceLine Source, T? Value, string? Field = null, string? Reason = null) where T : class
{
    public static SourceRow<T> Bad(SourceLine source, string field, string reason) => new(source, null, field, reason);
}

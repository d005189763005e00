namespace ContentGrains.Core.Data;

/// <summary>One column of a RecBole atomic file: its name and declared type.</summary>
public sealed record AtomicField(string Name, AtomicFieldType Type)
{
    /// <summary>Parses a header cell such as <c>user_id:token</c> or <c>class:token_seq</c>.</summary>
    public static AtomicField Parse(string headerCell)
    {
        var colon = headerCell.LastIndexOf(':');
        if (colon <= 0 || colon == headerCell.Length - 1)
            throw new FormatException($"Header cell '{headerCell}' is not of the form name:type.");

        var name = headerCell[..colon];
        var type = headerCell[(colon + 1)..] switch
        {
            "token" => AtomicFieldType.Token,
            "float" => AtomicFieldType.Float,
            "token_seq" => AtomicFieldType.TokenSequence,
            "float_seq" => AtomicFieldType.FloatSequence,
            var other => throw new FormatException($"Unknown atomic field type '{other}' in '{headerCell}'."),
        };
        return new AtomicField(name, type);
    }
}

using System.Text.Json;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Counts the elements of a top-level JSON array as its bytes arrive, so that a batch over its element limit is
/// refused at the first element too many, without reading or parsing the rest of the body. Bytes are fed in order;
/// the counter keeps the reader's state between chunks. Malformed JSON throws <see cref="JsonException"/>.
/// </summary>
public sealed class JsonArrayCounter
{
    private JsonReaderState state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
    private long consumed;
    private bool rootSeen;

    /// <summary>Elements of the root array seen so far (0 when the root is not an array).</summary>
    public long Count { get; private set; }

    /// <summary>False once the root turned out not to be an array: nothing to count.</summary>
    public bool IsArray { get; private set; } = true;

    /// <summary>Bytes of the body the counter has read through; the next <see cref="Feed"/> starts there.</summary>
    public long Consumed => consumed;

    /// <summary>Reads on from <see cref="Consumed"/> in <paramref name="body"/> (everything received so far).</summary>
    public void Feed(ReadOnlySpan<byte> body, bool final)
    {
        if (!IsArray) return;
        var reader = new Utf8JsonReader(body[(int)consumed..], final, state);
        while (reader.Read())
        {
            if (!rootSeen)
            {
                rootSeen = true;
                if (reader.TokenType != JsonTokenType.StartArray) { IsArray = false; return; }
                continue;
            }
            if (reader.CurrentDepth == 1 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray)) Count++;
        }
        consumed += reader.BytesConsumed;
        state = reader.CurrentState;
    }
}

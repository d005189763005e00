using System.Text.Json;
using CommunityToolkit.HighPerformance.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace ContentGrains.Silo.Api;

/// <summary>Reads a request body as JSON, answering malformed or over-large bodies with problem details.</summary>
public static class RequestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Parses the body, refusing more than <paramref name="maxBytes"/> (each route states its own limit; without one,
    /// Kestrel's default of about 28.6 MiB holds).
    /// </summary>
    public static async Task<(JsonDocument? Document, IResult? Error)> ParseAsync(HttpRequest request, long? maxBytes = null)
    {
        // A declared length over the limit is refused before reading, so a client that sent Expect: 100-continue never uploads it.
        var limit = LimitBody(request, maxBytes);
        if (request.ContentLength > limit) return (null, Problems.TooLarge($"the body is larger than {limit} bytes"));
        try
        {
            return (await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted), null);
        }
        catch (JsonException error)
        {
            return (null, Problems.BadRequest("body", $"is not valid JSON: {error.Message}"));
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge($"the body is larger than {limit} bytes"));
        }
    }

    /// <summary>
    /// Reads a body whose root should be an array of at most <paramref name="maxElements"/> elements, counting them
    /// while the body streams in: a batch with one element too many is refused (413) right there, before the rest is
    /// read. The answer is the body's bytes, checked as JSON, for the route to read with its own reader (no document in
    /// between). A root that is not an array is returned as it is (the route says what it wants). The bytes are rented
    /// from the shared array pool (a batch of 1,000 events is a few hundred KB: a fresh array would be a large object
    /// per request, collected only by a full collection): the caller disposes the body once it has read it.
    /// </summary>
    public static async Task<(ArrayPoolBufferWriter<byte>? Body, IResult? Error)> ReadArrayAsync(HttpRequest request, long maxBytes, int maxElements, string elementName)
    {
        var limit = LimitBody(request, maxBytes);
        if (request.ContentLength > limit) return (null, Problems.TooLarge($"the body is larger than {limit} bytes"));
        var body = new ArrayPoolBufferWriter<byte>(request.ContentLength is > 0 and < 1 << 24 ? (int)request.ContentLength : 64 * 1024);
        var counter = new JsonArrayCounter();
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(body.GetMemory(64 * 1024), request.HttpContext.RequestAborted);
                body.Advance(read);
                counter.Feed(body.WrittenSpan, final: read == 0);
                if (counter.Count > maxElements)
                    return Refused(body, Problems.TooLarge($"a batch holds at most {maxElements} {elementName}; reading stopped at the next one, before the rest of the body"));
                if (read == 0) break;
            }
            // The counter read an array to its end (so it is valid JSON); anything else it left at the first token.
            if (!counter.IsArray) JsonDocument.Parse(body.WrittenMemory).Dispose();
            return (body, null);
        }
        catch (JsonException error)
        {
            return Refused(body, Problems.BadRequest("body", $"is not valid JSON: {error.Message}"));
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused(body, Problems.TooLarge($"the body is larger than {limit} bytes"));
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static (ArrayPoolBufferWriter<byte>? Body, IResult? Error) Refused(ArrayPoolBufferWriter<byte> body, IResult error)
    {
        body.Dispose();
        return (null, error);
    }

    /// <summary>Sets the route's body size limit where the server still allows it; returns the limit in force.</summary>
    private static long? LimitBody(HttpRequest request, long? maxBytes)
    {
        var sizeLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (maxBytes is { } max && sizeLimit is { IsReadOnly: false }) sizeLimit.MaxRequestBodySize = max;
        return sizeLimit?.MaxRequestBodySize;
    }

    /// <summary>Deserialises a body into <typeparamref name="T"/>; a type error names the JSON path of the field.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.BadRequest("body", "must not be null")) : (value, null);
        }
        catch (JsonException error)
        {
            return (null, TypeProblem(error));
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge("the body is too large"));
        }
    }

    /// <summary>An already parsed body as <typeparamref name="T"/>; a type error names the JSON path of the field.</summary>
    public static (T? Value, IResult? Error) Read<T>(JsonElement element) where T : class
    {
        try
        {
            var value = element.Deserialize<T>(Options);
            return value is null ? (null, Problems.BadRequest("body", "must not be null")) : (value, null);
        }
        catch (JsonException error)
        {
            return (null, TypeProblem(error));
        }
    }

    private static IResult TypeProblem(JsonException error)
    {
        var field = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "body" : error.Path.TrimStart('$', '.');
        // System.Text.Json's "could not be converted to" names .NET types: say it in the API's words instead.
        return Problems.BadRequest(field, error.Message.Contains("could not be converted to", StringComparison.Ordinal)
            ? "has the wrong type for this field (the route's schema is in /openapi/v1.json)"
            : $"is not valid JSON ({FirstSentence(error.Message)})");
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}

/// <summary>Problem-details answers that name the field and the reason.</summary>
public static class Problems
{
    public static IResult BadRequest(string field, string reason) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, detail: $"{field} {reason}");

    public static IResult Invalid(IEnumerable<(string Field, string Reason)> problems)
    {
        var errors = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray());
        return Results.ValidationProblem(errors, detail: string.Join("; ", errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")));
    }

    public static IResult TooLarge(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
}

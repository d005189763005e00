using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContentGrains.Silo.Tests;

/// <summary>Small HTTP+JSON helpers; tests read answers as JSON nodes to check the wire format itself.</summary>
public static class Json
{
    public static async Task<(int Status, JsonNode? Body)> SendJsonAsync(this HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<(int Status, JsonNode? Body)> PostJsonAsync(this HttpClient http, string path, object? body) => http.SendJsonAsync(HttpMethod.Post, path, body);
    public static Task<(int Status, JsonNode? Body)> PutJsonAsync(this HttpClient http, string path, object? body) => http.SendJsonAsync(HttpMethod.Put, path, body);
    public static Task<(int Status, JsonNode? Body)> GetJsonAsync(this HttpClient http, string path) => http.SendJsonAsync(HttpMethod.Get, path);

    public static object Event(string id, string user, string item, string type = "click", string? timestamp = null) =>
        new { eventId = id, userId = user, itemId = item, type, timestamp = timestamp ?? DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"), channel = "web" };

    /// <summary>
    /// The eight events the models and rules tests share: ann, bob and cat view alien and like aliens; dan views alien;
    /// eve views heat. Hand-computed figures in both tests rest on exactly these.
    /// </summary>
    public static List<object> AlienAudience()
    {
        var events = new List<object>();
        foreach (var user in new[] { "ann", "bob", "cat" })
        {
            events.Add(Event($"{user}-1", user, "alien", "view"));
            events.Add(Event($"{user}-2", user, "aliens", "like"));
        }
        events.Add(Event("dan-1", "dan", "alien", "view"));
        events.Add(Event("eve-1", "eve", "heat", "view"));
        return events;
    }

    public static object Item(string title, params string[] tags) => new { title, tags, publishedAt = "2026-01-01T00:00:00Z" };

    public static string[] FeedIds(JsonNode feed) => feed["items"]!.AsArray().Select(i => (string)i!["itemId"]!).ToArray();

    public static long Long(this JsonNode? node, string path) =>
        path.Split('.').Aggregate(node, (n, key) => n?[key])?.GetValue<long>() ?? throw new KeyNotFoundException(path);
}

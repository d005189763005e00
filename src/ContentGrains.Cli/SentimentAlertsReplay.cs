using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Core.Sentiment;
using ContentGrains.Core.Text;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains sentiment alerts`: the engine's live path offline, on a file of events (JSON lines with itemId,
/// timestamp and text, as `simulate comments` writes them): each text scored by the model (each distinct text once),
/// each comment added in file order to its item's <see cref="SentimentSeries"/>, and the window checked by the engine's
/// default <see cref="NegativeSpikeDetector"/> after every comment, as the engine checks after every batch.
/// </summary>
public static class SentimentAlertsReplay
{
    public sealed record Result(int Comments, int DistinctTexts, int NegativeScored, double WindowHours, IReadOnlyList<SentimentAlert> Alerts, double Seconds);

    public static Result Run(SentimentModel model, ITextEncoder encoder, string eventsPath, TimeSpan window)
    {
        var started = Stopwatch.GetTimestamp();
        var comments = Read(eventsPath);
        var texts = comments.Select(c => c.Text).Distinct(StringComparer.Ordinal).ToList();
        var scores = texts.Chunk(32).SelectMany(batch => model.Score(encoder, batch)).ToArray();
        var pPositive = texts.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => scores[x.i], StringComparer.Ordinal);
        var detector = new NegativeSpikeDetector();
        var series = new Dictionary<string, SentimentSeries>(StringComparer.Ordinal);
        var alerts = new List<SentimentAlert>();
        foreach (var (itemId, at, text) in comments)
        {
            var key = SentimentKeys.Of(SentimentKeys.Item, itemId);
            if (!series.TryGetValue(key, out var s)) series[key] = s = new SentimentSeries(window, 90);
            alerts.AddRange(s.Check(key, detector, s.Add([new ScoredComment(at, pPositive[text])])));
        }
        return new Result(comments.Count, texts.Count, comments.Count(c => pPositive[c.Text] < ScoredComment.Threshold), window.TotalHours, alerts,
            Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static List<(string ItemId, DateTimeOffset At, string Text)> Read(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--events: file '{path}' does not exist");
        var rows = new List<(string, DateTimeOffset, string)>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Trim().Length == 0) continue;
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (!root.TryGetProperty("text", out var body) || body.GetString() is not { Length: > 0 } comment) continue; // no text: nothing to score
            if (!root.TryGetProperty("itemId", out var item) || item.GetString() is not { Length: > 0 } itemId)
                throw new FormatException($"--events line {line}: itemId is required");
            if (!root.TryGetProperty("timestamp", out var at) || !at.TryGetDateTimeOffset(out var timestamp))
                throw new FormatException($"--events line {line}: timestamp must be an ISO 8601 time");
            rows.Add((itemId, timestamp, comment));
        }
        return rows;
    }
}

using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ContentGrains.Bench;
using ContentGrains.Bench.LearningGap;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Simulation;

// Usage: ContentGrains.Bench.LearningGap [--seeds "1 2"] [--segments 0] [--users 300] [--items 600] [--days 6]
//        [--variants "main;nodiv:DiversityWeight=0;..."] [--logs DIR] [--out FILE]
// Each variant is NAME[:KEY=VALUE,KEY=VALUE…], KEY a FeedSettings or ProfileSettings property (the engine's defaults
// otherwise). For every seed and variant the bench/learning world (feeds of 10, visitors one at a time) runs in process
// against the heuristic feed (InProcessEngine) and writes DIR/VARIANT-SEED[-segmentsK].jsonl: the `simulate
// --impressions` line of every shown slot plus why it is there (SlotWhy), which bench/tools/known_people_gap.py reads.
// --out gets the expected CTR per day of every run.
var (options, error) = BenchArgs.Read(args, ["seeds", "segments", "users", "items", "days", "variants", "logs", "out"]);
if (options is null) { Console.Error.WriteLine($"ContentGrains.Bench.LearningGap: {error}"); return 2; }
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var seeds = options.GetValueOrDefault("seeds", "1").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
var (segments, users, items, days) = (Int("segments", 0), Int("users", 300), Int("items", 600), Int("days", 6));
var logs = options.GetValueOrDefault("logs", "/tmp/learning-gap");
Directory.CreateDirectory(logs);
var variants = options.GetValueOrDefault("variants", "main").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Variant.Parse).ToList();
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

var runs = new List<object>();
foreach (var seed in seeds)
    foreach (var variant in variants)
    {
        // As `simulate` does: the last `days` days up to today, and the engine's clock is today.
        var today = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var settings = new WorldSettings { Seed = seed, Users = users, Items = items, Start = today.Date.AddDays(-days), Segments = segments };
        var world = new SimWorld(settings);
        var engine = new InProcessEngine(world, variant.Feed, variant.Profiles, today);
        var name = $"{variant.Name}-{seed}{(segments > 0 ? $"-segments{segments}" : "")}";
        using var log = new StreamWriter(Path.Combine(logs, name + ".jsonl"));
        var simulation = new AudienceSimulation(world, engine, 10, "web", $"gap{seed}", parallel: 1)
        {
            VisitDone = (person, day, feeds) =>
            {
                foreach (var feed in feeds)
                {
                    var why = engine.Why[(person.Id, feed.ShownAt)];
                    foreach (var s in feed.Slots)
                        log.WriteLine(JsonSerializer.Serialize(new
                        {
                            day, userId = person.Id, feed = feed.FeedNumber, slot = s.Slot, itemId = s.ItemId, shownAt = feed.ShownAt,
                            oracleProbability = s.OracleProbability, examined = s.Examined, clicked = s.Clicked, liked = s.Liked,
                            dwellSeconds = s.DwellSeconds, why = why[s.Slot],
                        }, json));
                }
            },
        };
        var perDay = new List<object>();
        for (var day = 0; day < days; day++)
        {
            var report = await simulation.RunDayAsync(day);
            perDay.Add(new { day, report.Impressions, report.Clicks, report.MeanOracleProbability, report.OracleCtr });
        }
        Console.WriteLine($"{name}: " + string.Join(" ", perDay.Select(d => JsonSerializer.Serialize(d, json))));
        runs.Add(new { variant = variant.Name, variant.Overrides, seed, segments, days = perDay });
    }

if (options.TryGetValue("out", out var output))
    File.WriteAllText(output, JsonSerializer.Serialize(new { users, items, days, runs }, new JsonSerializerOptions(json) { WriteIndented = true }));
return 0;

/// <summary>A named set of FeedSettings and ProfileSettings overrides.</summary>
internal sealed record Variant(string Name, string Overrides, FeedSettings Feed, ProfileSettings Profiles)
{
    public static Variant Parse(string text)
    {
        var (name, overrides) = text.Split(':', 2) is [var n, var o] ? (n, o) : (text, "");
        object feed = new FeedSettings() with { }, profiles = new ProfileSettings() with { };
        foreach (var pair in overrides.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : throw new ArgumentException($"'{pair}' is not KEY=VALUE");
            var target = typeof(FeedSettings).GetProperty(key) is not null ? feed : typeof(ProfileSettings).GetProperty(key) is not null ? profiles
                : throw new ArgumentException($"{key} is not a FeedSettings or ProfileSettings property");
            var property = target.GetType().GetProperty(key, BindingFlags.Public | BindingFlags.Instance)!;
            property.SetValue(target, property.PropertyType == typeof(TimeSpan) ? TimeSpan.Parse(value, CultureInfo.InvariantCulture)
                : property.PropertyType == typeof(bool) ? bool.Parse(value)
                : Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
        }
        return new Variant(name, overrides, (FeedSettings)feed, (ProfileSettings)profiles);
    }
}

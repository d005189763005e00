using ContentGrains.Cli.Import;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Events;

namespace ContentGrains.Cli;

/// <summary>
/// The events of a data file for the offline KPIs, in time order, with the item tags found beside it: RecBole
/// (<c>X.inter</c>, tags from <c>X.item</c>), MIND (<c>behaviors.tsv</c>: an impression per candidate and a click per
/// clicked one; tags = the category in <c>news.tsv</c>) or jsonl (<c>events.jsonl</c> with the API's fields, tags from
/// <c>items.jsonl</c>). Rows go through the engine's validator; refused rows are counted, not fatal. The whole file is
/// held in memory (an offline tool); the engine's job reads its log in pages instead.
/// </summary>
public sealed record KpiDataFile(IReadOnlyList<Interaction> Events, IReadOnlyDictionary<string, IReadOnlyList<string>> Tags, long Rejected)
{
    public static readonly string[] Formats = ["recbole", "mind", "jsonl"];

    public static KpiDataFile Read(string path, string format)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return format switch
        {
            "recbole" => Validated(RecBoleReader.ReadInteractions(path, RatingRule.Default), ItemTags(RecBoleReader.ReadItems, Path.ChangeExtension(path, ".item"))),
            "jsonl" => Validated(GenericReader.ReadEventsJsonl(path, RatingRule.Default), ItemTags(GenericReader.ReadItemsJsonl, Path.Combine(folder, "items.jsonl"))),
            "mind" => Mind(path, Path.Combine(folder, "news.tsv")),
            _ => throw new ArgumentException($"--format must be one of {string.Join(", ", Formats)}"),
        };
    }

    private static KpiDataFile Validated(IEnumerable<SourceRow<ImportEvent>> rows, IReadOnlyDictionary<string, IReadOnlyList<string>> tags)
    {
        var validator = new EventValidator();
        var events = new List<Interaction>();
        long rejected = 0;
        foreach (var row in rows)
        {
            if (row.Value is not { } e) { rejected++; continue; }
            var (valid, _) = validator.Validate(new EventInput(e.EventId, e.UserId, e.ItemId, e.Type, e.Timestamp, e.Channel, e.DwellSeconds, e.Value, e.Text));
            if (valid is null) rejected++;
            else events.Add(valid);
        }
        return new KpiDataFile([.. events.OrderBy(e => e.Timestamp)], tags, rejected);
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ItemTags(Func<string, IEnumerable<SourceRow<ImportItem>>> read, string path)
    {
        var tags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!File.Exists(path)) return tags;
        foreach (var row in read(path))
            if (row.Value is { ItemId: { } id, Tags: { Count: > 0 } itemTags }) tags[id] = itemTags;
        return tags;
    }

    private static KpiDataFile Mind(string behaviors, string news)
    {
        var events = new List<Interaction>();
        foreach (var impression in MindReader.ReadBehaviors(behaviors))
            foreach (var candidate in impression.Candidates)
            {
                events.Add(new Interaction($"{impression.Id}-{candidate.NewsId}-i", impression.UserId, candidate.NewsId, EventType.Impression, impression.Time, "web", 0, null, null));
                if (candidate.Clicked)
                    events.Add(new Interaction($"{impression.Id}-{candidate.NewsId}-c", impression.UserId, candidate.NewsId, EventType.Click, impression.Time, "web", 0, null, null));
            }
        var tags = File.Exists(news)
            ? MindReader.ReadNews(news).ToDictionary(n => n.Id, n => (IReadOnlyList<string>)[n.Category], StringComparer.Ordinal)
            : new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        return new KpiDataFile([.. events.OrderBy(e => e.Timestamp)], tags, 0);
    }
}

using System.Globalization;
using ContentGrains.Core.Events;
using ContentGrains.Core.Items;

namespace ContentGrains.Cli.Import;

/// <summary>
/// An offline data set in RecBole atomic format, which `contentgrains evaluate --data DIR` reads:
/// NAME.inter (user_id, item_id, rating, timestamp), NAME.item (item_id, title, class, published_at) and NAME.user
/// (user_id plus the source's side columns). Events and items pass the engine's own validators, and a repeated event
/// id counts as a duplicate, so the accepted / duplicate / rejected counts are the ones the engine would give.
/// Impressions are accepted but not written: a RecBole .inter lists interactions, and evaluate treats every row as one.
/// </summary>
public sealed class OfflineDataSetTarget : IImportTarget
{
    private readonly EventValidator validator = new();
    private readonly HashSet<string> eventIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> itemIds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ImportItem> items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImportUser> users = new(StringComparer.Ordinal);
    private readonly List<string> userColumns = [];
    private readonly StreamWriter inter;
    private readonly string folder, name;
    private long impressions;

    public OfflineDataSetTarget(string folder, string name)
    {
        this.folder = folder;
        this.name = name;
        Directory.CreateDirectory(folder);
        // A side file left by an earlier import into the same NAME would no longer match the new NAME.inter.
        File.Delete(Path.Combine(folder, name + ".item"));
        File.Delete(Path.Combine(folder, name + ".user"));
        inter = new StreamWriter(Path.Combine(folder, name + ".inter"));
        inter.WriteLine("user_id:token\titem_id:token\trating:float\ttimestamp:float");
        Description = Path.Combine(folder, name) + ".{inter,item,user}";
    }

    public string Description { get; }
    public int MaxBatch => HttpImportTarget.ApiMaxBatch;
    public int MaxConcurrentBatches => 1;
    public bool KeepsUsers => true;

    public Task<BatchResult> SendItemsAsync(IReadOnlyList<ImportItem> batch, CancellationToken cancel)
    {
        var rejected = new List<BatchReject>();
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            var (info, problems) = ItemValidator.Validate(item.ItemId,
                new ItemInput(item.Title, item.Text, item.Tags, item.Format, item.Creator, item.PublishedAt, item.Channels));
            if (info is null) { rejected.AddRange(problems.Select(p => new BatchReject(i, p.Field, p.Reason))); continue; }
            // Kept normalised as the engine stores it (tags lower-case, distinct); a later row of the same id replaces it.
            items[item.ItemId!] = item with { Tags = info.Tags, PublishedAt = info.PublishedAt };
            itemIds.Add(item.ItemId!);
        }
        return Task.FromResult(new BatchResult(batch.Count - rejected.Select(r => r.Index).Distinct().Count(), 0, rejected, 0));
    }

    public async Task<BatchResult> SendEventsAsync(IReadOnlyList<ImportEvent> batch, CancellationToken cancel)
    {
        int accepted = 0, duplicates = 0, unknown = 0;
        var rejected = new List<BatchReject>();
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            var (valid, problem) = validator.Validate(new EventInput(e.EventId, e.UserId, e.ItemId, e.Type, e.Timestamp, e.Channel, e.DwellSeconds, e.Value, e.Text));
            if (valid is null) { rejected.Add(new BatchReject(i, problem!.Field, problem.Reason)); continue; }
            if (!eventIds.Add(valid.EventId)) { duplicates++; continue; }
            accepted++;
            if (!itemIds.Contains(valid.ItemId)) unknown++;
            if (valid.Type == EventType.Impression) { impressions++; continue; }
            // The rating comes back from "value"; an event without one (a click, a share) is a plain interaction of weight 1.
            await inter.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{valid.UserId}\t{valid.ItemId}\t{valid.Value ?? 1}\t{valid.Timestamp.ToUnixTimeMilliseconds() / 1000.0}"));
        }
        return new BatchResult(accepted, duplicates, rejected, unknown);
    }

    public Task<BatchResult> SendUsersAsync(IReadOnlyList<ImportUser> batch, CancellationToken cancel)
    {
        var rejected = new List<BatchReject>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (EventValidator.CheckId("userId", batch[i].UserId) is { } problem) { rejected.Add(new BatchReject(i, problem.Field, problem.Reason)); continue; }
            users[batch[i].UserId] = batch[i];
            foreach (var (column, _) in batch[i].Attributes)
                if (!userColumns.Contains(column)) userColumns.Add(column);
        }
        return Task.FromResult(new BatchResult(batch.Count - rejected.Count, 0, rejected, 0));
    }

    public async Task<IReadOnlyList<string>> CompleteAsync(CancellationToken cancel)
    {
        await inter.FlushAsync(cancel);
        var notes = new List<string>();
        if (impressions > 0) notes.Add($"{impressions} impressions accepted but not written to {name}.inter (it lists interactions only)");
        if (items.Count > 0)
        {
            await File.WriteAllLinesAsync(Path.Combine(folder, name + ".item"),
                ["item_id:token\ttitle:token_seq\tclass:token_seq\tpublished_at:float",
                 .. items.Values.Select(i => string.Create(CultureInfo.InvariantCulture,
                     $"{i.ItemId}\t{Cell(i.Title)}\t{string.Join(' ', (i.Tags ?? []).Select(t => t.Replace(' ', '_')))}\t{i.PublishedAt?.ToUnixTimeSeconds()}"))], cancel);
        }
        if (users.Count > 0)
        {
            await File.WriteAllLinesAsync(Path.Combine(folder, name + ".user"),
                [string.Join('\t', ["user_id:token", .. userColumns.Select(c => c + ":token")]),
                 .. users.Values.Select(u => string.Join('\t', [u.UserId, .. userColumns.Select(c => Cell(u.Attributes.FirstOrDefault(a => a.Key == c).Value))]))], cancel);
        }
        return notes;
    }

    /// <summary>Tabs and line breaks would split the row; a title keeps its words.</summary>
    private static string Cell(string? text) => text is null ? "" : text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');

    public async ValueTask DisposeAsync() => await inter.DisposeAsync();
}

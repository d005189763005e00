using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Data;

namespace ContentGrains.Core.Rules;

/// <summary>Baskets from data files, for the CLI and the benchmarks.</summary>
public static class BasketFiles
{
    /// <summary>
    /// A RecBole <c>.inter</c> file (user_id, item_id, timestamp in seconds): every rating is an event, cut into
    /// sessions by <paramref name="gap"/> (<see cref="SessionBaskets"/>).
    /// </summary>
    public static Baskets FromRecBole(string path, TimeSpan gap)
    {
        var file = AtomicFile.Read(path);
        var user = file.RequireColumn("user_id", AtomicFieldType.Token);
        var item = file.RequireColumn("item_id", AtomicFieldType.Token);
        var time = file.RequireColumn("timestamp", AtomicFieldType.Float);
        var sessions = new SessionBaskets(gap);
        for (var row = 0; row < file.RowCount; row++)
            sessions.Add(file.Token(row, user), file.Token(row, item), DateTimeOffset.FromUnixTimeMilliseconds((long)(file.Float(row, time) * 1000)));
        return sessions.Build();
    }

    public static string RecBoleRule(TimeSpan gap) => $"sessions: a person's ratings with gaps of at most {gap.TotalMinutes:0.##} minutes";

    /// <summary>
    /// MIND's behaviors.tsv: the history column (news clicked before the sample week, without times, so sessions
    /// cannot be cut) of each person, from their longest history in the file — one basket per person.
    /// </summary>
    public static Baskets FromMindHistories(string path)
    {
        var longest = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var impression in MindReader.ReadBehaviors(path))
            if (!longest.TryGetValue(impression.UserId, out var known) || impression.History.Count > known.Count)
                longest[impression.UserId] = impression.History;
        return Baskets.From(longest.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value));
    }

    public const string MindRule = "histories: each person's clicked-news history (MIND's history column, their longest row)";
}

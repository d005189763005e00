namespace ContentGrains.Core.Click;

/// <summary>
/// The one definition of the click model's input row: the names, their order and their count, and how
/// <see cref="ClickSignals"/> become numbers. Offline evaluation (MIND) and live ranking both write rows here, so a
/// model trained on one serves the other. Heavy-tailed counts enter as log1p; an unavailable signal enters as 0 with
/// a "_missing" indicator of 1, so one model shape serves catalogs with and without embeddings, text or tags.
/// </summary>
public static class ClickFeatures
{
    /// <summary>The channels with their own indicator; any other channel sets "channel_other".</summary>
    public static readonly IReadOnlyList<string> Channels = ["web", "app", "push", "email", "social"];

    /// <summary>CTR smoothing: (clicks + weight·prior) / (impressions + weight), a typical news CTR as the prior.</summary>
    public const double CtrPrior = 0.04;
    public const double CtrPriorWeight = 10;

    /// <summary>
    /// Features also given as the candidate's rank among the candidates scored with it (its slate): "slate_rank_X" is
    /// the share of the slate's other candidates with a lower X, ties counting half (0.5 for a lone candidate). Group
    /// AUC and the feed compare candidates of one slate, and a count's meaning shifts with the traffic of the hour; its
    /// rank in the slate does not. Filled by <see cref="WriteSlate"/> once every row of the slate is written.
    /// </summary>
    public static readonly IReadOnlyList<string> SlateRanked =
        ["ctr_1h", "ctr_6h", "ctr_24h", "ctr_all", "log_clicks_1h", "log_clicks_6h", "log_impressions_1h", "log_age_hours", "co_click", "log_earlier_clicks"];

    public static readonly IReadOnlyList<string> Names = BuildNames();

    // After Names: static fields initialise in textual order.
    private static readonly int[] SlateSources = SlateRanked.Select(IndexOf).ToArray();
    private static readonly int SlateStart = Names.Count - SlateRanked.Count;

    public static int Count => Names.Count;

    /// <summary>
    /// Names the row's definition: the feature count and the first 12 hex digits of the SHA-256 of the names in order.
    /// A click artifact carries the definition it was trained on; a silo with another one refuses it.
    /// </summary>
    public static readonly string DefinitionVersion =
        $"f{Names.Count}-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Names))))[..12];

    /// <summary>The position of a feature in the row.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
            if (Names[i] == name) return i;
        throw new ArgumentException($"no click feature is named '{name}'", nameof(name));
    }

    /// <summary>Writes the row of <paramref name="signals"/> into <paramref name="row"/> (length <see cref="Count"/>).</summary>
    public static void Write(ClickSignals signals, Span<float> row)
    {
        if (row.Length != Count)
            throw new ArgumentException($"a click feature row has {Count} values, got {row.Length}", nameof(row));
        var i = 0;
        Optional(signals.EmbeddingScore, row, ref i);
        Optional(signals.TextSimilarity, row, ref i);
        Optional(signals.CoClick, row, ref i);
        Optional(signals.Age is { } age ? Log1p(Math.Max(0, age.TotalHours)) : null, row, ref i);
        Optional(signals.SinceItemClicked is { } sinceClick ? Log1p(Math.Max(0, sinceClick.TotalHours)) : null, row, ref i);
        var windows = signals.ItemWindows;
        if (windows is not null && windows.Count != RecentWindows.Names.Count)
            throw new ArgumentException($"ItemWindows: expected {RecentWindows.Names.Count} windows, got {windows.Count}", nameof(signals));
        for (var w = 0; w < RecentWindows.Names.Count; w++)
        {
            var count = windows?[w] ?? default;
            row[i++] = Log1p(count.Impressions);
            row[i++] = Log1p(count.Clicks);
            row[i++] = (float)((count.Clicks + CtrPriorWeight * CtrPrior) / (count.Impressions + CtrPriorWeight));
        }
        Optional(signals.EarlierClicks is { } earlier ? Log1p(earlier) : null, row, ref i);
        row[i++] = (float)Math.Sin(2 * Math.PI * signals.HourOfDay / 24.0);
        row[i++] = (float)Math.Cos(2 * Math.PI * signals.HourOfDay / 24.0);
        var channel = ChannelColumn(signals.Channel);
        for (var c = 0; c <= Channels.Count; c++)
            row[i++] = channel == c ? 1 : 0;
        Optional(signals.Slot is { } slot ? Log1p(slot) : null, row, ref i);
        row[i++] = Log1p(signals.UserHistoryLength);
        Optional(signals.SinceUserLastSeen is { } since ? Log1p(Math.Max(0, since.TotalHours)) : null, row, ref i);
        Optional(signals.TagMatch, row, ref i);
        row[i..].Fill(0.5f); // the slate ranks of a lone candidate, until WriteSlate sees the whole slate
    }

    /// <summary>
    /// Fills the "slate_rank_" columns of a slate's rows (rows × <see cref="Count"/>, every other column already written
    /// by <see cref="Write"/>). The live feed, the log replay and MIND all call it on the rows they score or train on together.
    /// </summary>
    public static void WriteSlate(Span<float> rows)
    {
        if (rows.Length % Count != 0)
            throw new ArgumentException($"rows: {rows.Length} values is not a whole number of {Count}-feature rows", nameof(rows));
        var candidates = rows.Length / Count;
        var values = new float[candidates];
        var ranks = new float[candidates];
        for (var f = 0; f < SlateSources.Length; f++)
        {
            for (var r = 0; r < candidates; r++) values[r] = rows[r * Count + SlateSources[f]];
            SlateRank.Of(values, ranks);
            for (var r = 0; r < candidates; r++) rows[r * Count + SlateStart + f] = ranks[r];
        }
    }

    /// <summary>A fresh row for <paramref name="signals"/>.</summary>
    public static float[] Row(ClickSignals signals)
    {
        var row = new float[Count];
        Write(signals, row);
        return row;
    }

    private static List<string> BuildNames()
    {
        var names = new List<string>();
        AddOptional(names, "embedding_score");
        AddOptional(names, "text_similarity");
        AddOptional(names, "co_click");
        AddOptional(names, "log_age_hours");
        AddOptional(names, "log_hours_since_item_click");
        foreach (var window in RecentWindows.Names)
            names.AddRange([$"log_impressions_{window}", $"log_clicks_{window}", $"ctr_{window}"]);
        AddOptional(names, "log_earlier_clicks");
        names.AddRange(["hour_sin", "hour_cos"]);
        names.AddRange(Channels.Select(c => "channel_" + c));
        names.Add("channel_other");
        AddOptional(names, "log_slot");
        names.Add("log_user_history");
        AddOptional(names, "log_hours_since_user_seen");
        AddOptional(names, "tag_match");
        names.AddRange(SlateRanked.Select(n => "slate_rank_" + n));
        return names;
    }

    private static void AddOptional(List<string> names, string name) => names.AddRange([name, name + "_missing"]);

    private static void Optional(double? value, Span<float> row, ref int i)
    {
        row[i++] = value is { } v ? (float)v : 0;
        row[i++] = value is null ? 1 : 0;
    }

    /// <summary>The channel's indicator among Channels then "other"; −1 (no indicator set) when the channel is unknown.</summary>
    private static int ChannelColumn(string? channel)
    {
        if (channel is null) return -1;
        for (var c = 0; c < Channels.Count; c++)
            if (string.Equals(Channels[c], channel, StringComparison.OrdinalIgnoreCase)) return c;
        return Channels.Count;
    }

    private static float Log1p(double value) => (float)Math.Log(1 + Math.Max(0, value));
}

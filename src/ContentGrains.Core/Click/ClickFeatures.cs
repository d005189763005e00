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

    /// <summary>
    /// CTR smoothing: (clicks + weight·prior) / (impressions + weight), a typical news CTR as the prior
    /// (<see cref="Performance.CtrPrior.ClickModel"/>), or the CTR model's prediction for the item (<see cref="ClickSignals.CtrPrior"/>).
    /// </summary>
    public const double CtrPrior = 0.04;
    public const double CtrPriorWeight = 10;

    public static readonly IReadOnlyList<string> Names = BuildNames();

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
        var prior = signals.CtrPrior ?? Performance.CtrPrior.ClickModel;
        Optional(signals.EmbeddingScore, row, ref i);
        Optional(signals.TextSimilarity, row, ref i);
        Optional(signals.CoClick, row, ref i);
        Optional(signals.Age is { } age ? Log1p(Math.Max(0, age.TotalHours)) : null, row, ref i);
        var windows = signals.ItemWindows;
        if (windows is not null && windows.Count != RecentWindows.Names.Count)
            throw new ArgumentException($"ItemWindows: expected {RecentWindows.Names.Count} windows, got {windows.Count}", nameof(signals));
        for (var w = 0; w < RecentWindows.Names.Count; w++)
        {
            var count = windows?[w] ?? default;
            row[i++] = Log1p(count.Impressions);
            row[i++] = Log1p(count.Clicks);
            row[i++] = (float)prior.Smooth(count.Clicks, count.Impressions);
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
        Optional(signals.TagLift, row, ref i);
        Optional(signals.TagRate, row, ref i);
        Optional(signals.TagShown is { } shown ? Log1p(shown) : null, row, ref i);
    }

    /// <summary>Sets a written row's slot columns (<c>log_slot</c> and its indicator) as <see cref="Write"/> writes <paramref name="slot"/>.</summary>
    public static void WriteSlot(Span<float> row, int slot)
    {
        row[SlotColumn] = Log1p(slot);
        row[SlotColumn + 1] = 0;
    }

    private static readonly int SlotColumn = IndexOf("log_slot");

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
        AddOptional(names, "log_tag_lift");
        AddOptional(names, "tag_engagement_rate");
        AddOptional(names, "log_tag_shown");
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

using System.Globalization;
using System.Text;
using static ContentGrains.Core.Reports.SvgCharts;

namespace ContentGrains.Core.Reports;

/// <summary>
/// A report as one self-contained HTML page: findings first (what a content team reads), then charts drawn as inline
/// SVG on the server (CTR with intervals by channel, hour, segment, topic and format; segment × topic; headline
/// posteriors; experiment arms), the tables behind them, and how the numbers were made. No script, no external file.
/// </summary>
public static class ReportPage
{
    private const string Style = "body{font-family:system-ui,sans-serif;margin:24px;max-width:1100px;color:#222}" +
        "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:right}" +
        "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.finding{margin:6px 0}.note{color:#555;font-size:13px}" +
        "svg.chart{display:block;margin:12px 0;border:1px solid #eee;background:#fff}";

    public static string Render(ContentReport r)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Esc($"Content report {r.Id}")).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append($"<h1>Content report {Esc(r.Id)}</h1><p class=\"note\">{Esc(Header(r))}</p>");
        Findings(html, r);
        Charts(html, r);
        Segments(html, r);
        Experiments(html, r);
        Bandits(html, r);
        html.Append($"<h2>Sentiment</h2><p id=\"sentiment\">{Esc(r.Sentiment.Status)} (source: {Esc(r.Sentiment.Source)})</p>");
        if (r.Sentiment.Alerts.Count > 0)
            Table(html, "sentiment-alerts", ["key", "window", "comments", "negative share", "reason"],
                r.Sentiment.Alerts.Select(a => new[] { a.Key, a.Window.ToString("u", CultureInfo.InvariantCulture), N(a.Comments), Pct(a.NegativeShare), a.Reason }));
        Method(html, r);
        return html.Append("</body></html>").ToString();
    }

    private static string Header(ContentReport r) =>
        string.Create(CultureInfo.InvariantCulture, $"Created {r.CreatedAt:u}; events from {r.From?.ToString("u", CultureInfo.InvariantCulture) ?? "the start"} to {r.To?.ToString("u", CultureInfo.InvariantCulture) ?? "now"}; ") +
        (r.Privacy is { } p ? $"differentially private ({p.Mechanism}, ε = {p.Epsilon.ToString("0.###", CultureInfo.InvariantCulture)})." : "exact (not for release outside the engine's operators).");

    private static void Findings(StringBuilder html, ContentReport r)
    {
        html.Append("<h2>Findings</h2><div id=\"findings\">");
        if (r.Findings.Count == 0) html.Append("<p class=\"finding\">No difference is large enough for the data to carry it.</p>");
        foreach (var f in r.Findings) html.Append($"<p class=\"finding\" data-direction=\"{f.Direction}\">{Esc(f.Text)}</p>");
        var m = r.FindingsMethod;
        html.Append(string.Create(CultureInfo.InvariantCulture,
            $"<p class=\"note\">{m.Found} of {m.Comparisons} comparisons held ({m.Shown} shown); family-wise error {m.Alpha} (Bonferroni), so each interval is at {m.Confidence:0.#####}; groups need ≥ {m.MinImpressions} impressions or ≥ {m.MinDwells} dwell values on both sides.</p></div>"));
    }

    private static void Charts(StringBuilder html, ContentReport r)
    {
        html.Append("<h2>Performance</h2>");
        foreach (var (axis, title) in new[] { ("channel", "CTR by channel"), ("hour", "CTR by hour of day (UTC)"), ("segment", "CTR by segment"), ("topic", "CTR by topic (largest 15)"), ("format", "CTR by format") })
        {
            var rows = r.Performance.ByAxis.GetValueOrDefault(axis) ?? [];
            var shown = axis == "topic" ? rows.OrderByDescending(x => x.Impressions).Take(15).ToList() : rows;
            html.Append(Bars("ctr-by-" + axis, title, shown.Where(x => x.Ctr is not null).Select(x => new ChartBar(x.Keys[axis], x.Ctr!.Value, x.Ctr.Low, x.Ctr.High,
                $"{x.Keys[axis]}: CTR {Pct(x.Ctr.Value)} [{Pct(x.Ctr.Low)}, {Pct(x.Ctr.High)}], {N(x.Impressions)} impressions")).ToList(), Pct));
        }
        SegmentTopicHeat(html, r);
        html.Append("<h3>Largest cells</h3>");
        Table(html, "cells", [.. CellKey.Axes, "impressions", "clicks", "CTR", "dwell (s)", "day-1 retention"],
            r.Performance.Cells.Take(40).Select(c => CellKey.Axes.Select(a => c.Keys[a]).Concat([N(c.Impressions), N(c.Clicks), Ci(c.Ctr), Dwell(c.Dwell), Ci(c.Day1Retention)]).ToArray()));
    }

    private static void SegmentTopicHeat(StringBuilder html, ContentReport r)
    {
        var segments = r.Segments.Segments.Select(s => s.Segment).ToList();
        var topics = (r.Performance.ByAxis.GetValueOrDefault("topic") ?? []).OrderByDescending(t => t.Impressions).Take(12).Select(t => t.Keys["topic"]).ToList();
        var ctr = r.Segments.Segments.ToDictionary(s => s.Segment, s => s.Top["topic"].Where(t => t.Ctr is not null).ToDictionary(t => t.Key, t => t.Ctr!.Value));
        html.Append(Heat("ctr-segment-topic", "CTR by segment × topic (each segment's 5 largest topics)", segments, topics,
            (row, col) => ctr[segments[row]].TryGetValue(topics[col], out var v) ? v : null, Pct));
    }

    private static void Segments(StringBuilder html, ContentReport r)
    {
        html.Append($"<h2>Segments</h2><p class=\"note\">Segment model v{r.Segments.ModelVersion?.ToString(CultureInfo.InvariantCulture) ?? "–"} ({Esc(r.Segments.Source)}).</p>");
        Table(html, "segments", ["segment", "people", "share", "top topics", "top formats", "top channels", "top hours"],
            r.Segments.Segments.Select(s => new[] { s.Segment, N(s.People), Pct(s.Share), Tops(s, "topic"), Tops(s, "format"), Tops(s, "channel"), Tops(s, "hour") }));
    }

    private static string Tops(SegmentSummary s, string axis) => string.Join(", ", s.Top[axis].Take(3).Select(t => $"{t.Key} ({Pct(t.ImpressionShare)})"));

    private static void Experiments(StringBuilder html, ContentReport r)
    {
        html.Append("<h2>Experiments</h2>");
        if (r.Experiments is null) { html.Append("<p class=\"note\">Left out of a private report (exact aggregates).</p>"); return; }
        if (r.Experiments.Count == 0) html.Append("<p class=\"note\">No experiment exists (or none of those named).</p>");
        foreach (var x in r.Experiments)
        {
            html.Append($"<h3>{Esc(x.Id)} ({Esc(x.Status)}): {Esc(x.Verdict)}{(x.DecisionArm is null ? "" : " " + Esc(x.DecisionArm))}</h3><p class=\"note\">{Esc(x.Reason)}</p>");
            html.Append(Bars("experiment-" + x.Id, $"{x.Id}: {x.Arms.FirstOrDefault()?.Metric ?? "primary metric"} per arm", x.Arms.Where(a => a.Value is not null)
                .Select(a => new ChartBar(a.Arm, a.Value!.Value, a.Low, a.High, $"{a.Arm}: {a.Value:0.####} ({N(a.Persons)} persons)")).ToList(), v => v.ToString("0.###", CultureInfo.InvariantCulture)));
            Table(html, "arms-" + x.Id, ["arm", "persons", "metric", "value", "interval", "impressions", "clicks", "event CTR"],
                x.Arms.Select(a => new[] { a.Arm, N(a.Persons), a.Metric ?? "", a.Value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "–",
                    a.Low is { } l && a.High is { } h ? string.Create(CultureInfo.InvariantCulture, $"[{l:0.####}, {h:0.####}]") : "–", N(a.Impressions), N(a.Clicks), Ci(a.EventCtr) }));
        }
    }

    private static void Bandits(StringBuilder html, ContentReport r)
    {
        html.Append("<h2>Headline tests</h2>");
        if (r.Bandits is null) { html.Append("<p class=\"note\">Left out of a private report (exact aggregates).</p>"); return; }
        if (r.Bandits.Count == 0) html.Append("<p class=\"note\">No item has a headline test.</p>");
        foreach (var b in r.Bandits)
        {
            html.Append($"<h3>{Esc(b.ItemId)}: {Esc(b.State)}{(b.Winner is null ? "" : ", winner " + Esc(b.Winner))}</h3>");
            html.Append(Bars("bandit-" + b.ItemId, $"{b.ItemId}: posterior CTR per variant (95 % credible)", b.Variants
                .Select(v => new ChartBar(v.VariantId, v.Mean, v.Low, v.High, $"{v.VariantId}: {Pct(v.Mean)}, P(best) {Pct(v.ProbabilityBest)}, {N(v.Impressions)} impressions")).ToList(), Pct));
        }
    }

    private static void Method(StringBuilder html, ContentReport r)
    {
        html.Append("<h2>How these numbers were made</h2><ul class=\"note\">");
        if (r.Privacy is { } p)
        {
            foreach (var s in p.Statement) html.Append($"<li>{Esc(s)}</li>");
            Table(html, "privacy", ["measure", "epsilon", "sensitivity", "noise scale", "why"],
                p.Measures.Select(m => new[] { m.Name, m.Epsilon.ToString("0.####", CultureInfo.InvariantCulture), m.Sensitivity.ToString("G4", CultureInfo.InvariantCulture), m.Scale.ToString("G4", CultureInfo.InvariantCulture), m.Why }));
        }
        foreach (var n in r.Notes) html.Append($"<li>{Esc(n)}</li>");
        var perf = r.Performance;
        html.Append(string.Create(CultureInfo.InvariantCulture, $"<li>Intervals: {perf.ProportionInterval} for rates, {perf.MeanInterval} for dwell, at {perf.Confidence:0.##}. Topic: {r.TopicSource}. {perf.CellsTotal} cells (bound {perf.MaxCells}); cells under {perf.MinCellImpressions} impressions are folded in the table.</li></ul>"));
    }

    private static void Table(StringBuilder html, string id, IReadOnlyList<string> head, IEnumerable<string[]> rows)
    {
        html.Append($"<table id=\"{Esc(id)}\"><tr>");
        foreach (var h in head) html.Append($"<th>{Esc(h)}</th>");
        html.Append("</tr>");
        foreach (var row in rows) html.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{Esc(c)}</td>"))).Append("</tr>");
        html.Append("</table>");
    }

    private static string Pct(double v) => (v * 100).ToString(v < 0.1 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + " %";
    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
    private static string Ci(Kpis.ProportionInterval? p) => p is null ? "–" : $"{Pct(p.Value)} [{Pct(p.Low)}, {Pct(p.High)}]";
    private static string Dwell(Kpis.MeanInterval? m) => m is null ? "–" : m.Low is { } l && m.High is { } h
        ? string.Create(CultureInfo.InvariantCulture, $"{m.Mean:0.#} [{l:0.#}, {h:0.#}]") : m.Mean.ToString("0.#", CultureInfo.InvariantCulture);
}

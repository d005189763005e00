using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContentGrains.Testing;

namespace ContentGrains.Grains.Tests;

/// <summary>deploy/grafana/contentgrains.json queries only metrics the engine's meter defines, and shows every one.</summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string[] HistogramSeries = ["_bucket", "_count", "_sum"];

    [Fact]
    public void Every_query_names_a_metric_of_the_engine_meter_and_every_metric_is_shown()
    {
        var path = Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "contentgrains.json");
        var dashboard = JsonNode.Parse(File.ReadAllText(path))!;
        var expressions = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()).Select(t => (string)t!["expr"]!).ToList();
        Assert.Equal(14, expressions.Count);

        var queried = expressions.SelectMany(e => MetricName().Matches(e).Select(m => SeriesOf(m.Value))).ToHashSet();
        Assert.All(queried, name => Assert.Contains(name, EngineMetrics.Names));
        Assert.Equal(EngineMetrics.Names.Order(), queried.Order());
    }

    /// <summary>A histogram is queried through its _bucket, _count and _sum series.</summary>
    private static string SeriesOf(string name) =>
        HistogramSeries.FirstOrDefault(name.EndsWith) is { } suffix && name[..^suffix.Length] == EngineMetrics.FeedDurationName ? name[..^suffix.Length] : name;

    [GeneratedRegex("contentgrains_[a-z_]+")]
    private static partial Regex MetricName();
}

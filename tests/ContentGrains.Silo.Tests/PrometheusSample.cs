using System.Globalization;

namespace ContentGrains.Silo.Tests;

/// <summary>One line of the Prometheus text format GET /metrics answers: name{labels} value [timestamp].</summary>
internal sealed record PrometheusSample(string Name, string Labels, double Value)
{
    public static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient http)
    {
        var response = await http.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static IReadOnlyList<PrometheusSample> Parse(string text) =>
        text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(ParseLine).ToList();

    /// <summary>The one sample of a metric whose labels contain every given one (or any, when none is given).</summary>
    public static double ValueOf(IReadOnlyList<PrometheusSample> samples, string name, params string[] labels) =>
        Assert.Single(samples, s => s.Name == name && labels.All(l => s.Labels.Contains(l, StringComparison.Ordinal))).Value;

    private static PrometheusSample ParseLine(string line)
    {
        var brace = line.IndexOf('{');
        var close = brace < 0 ? -1 : line.LastIndexOf('}');
        var name = brace < 0 ? line[..line.IndexOf(' ')] : line[..brace];
        var labels = brace < 0 ? "" : line[(brace + 1)..close];
        var rest = line[((brace < 0 ? name.Length : close + 1))..].Trim().Split(' ');
        return new PrometheusSample(name, labels, double.Parse(rest[0], CultureInfo.InvariantCulture));
    }
}

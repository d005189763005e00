using System.Text.RegularExpressions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Experiments;
using ContentGrains.Core.Reports;
using ContentGrains.Core.Traffic;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Reports;

public sealed class ReportPageTests
{
    private static ContentReport Report(ReportRequest request)
    {
        var labels = new ReportLabels { TopicOf = id => id[..1] == "a" ? "astronomy" : "<cooking>", SegmentOf = p => (p.Length % 2).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var events = Enumerable.Range(0, 400).SelectMany(i => new[]
        {
            Event(EventType.Impression, i % 2 == 0 ? "a1" : "c1", T0.AddMinutes(i * 7), 0, i % 3 == 0 ? "web" : "app", $"p{i % 40}"),
            Event(EventType.Click, i % 2 == 0 ? "a1" : "c1", T0.AddMinutes(i * 7), 0, i % 3 == 0 ? "web" : "app", $"p{i % 40}"),
        }).Where((e, j) => e.Type == EventType.Impression || j % 8 == 1).ToList();
        var counts = new ReportComputation(labels, ArmLabels.None, new TrafficOptions()).Run(events, request);
        var inputs = ReportInputs.Empty with
        {
            Bandits = [new BanditSummary("storm", "running", null, "hook", [new VariantSummary("plain", 1000, 40, 0.04, 0.03, 0.05, 0.1), new VariantSummary("hook", 1000, 55, 0.055, 0.042, 0.07, 0.9)])],
        };
        return new ReportAssembler(NoiseSource.Seeded(1), minCellImpressions: 1).Assemble("r7", T0, request, counts, labels, inputs);
    }

    [Fact]
    public void The_page_is_self_contained_with_one_svg_chart_per_view_and_escaped_text()
    {
        var html = ReportPage.Render(Report(new ReportRequest()));

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        var charts = Regex.Matches(html, "<svg class=\"chart\" data-chart=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["ctr-by-channel", "ctr-by-hour", "ctr-by-segment", "ctr-by-topic", "ctr-by-format", "ctr-segment-topic", "bandit-storm"], charts);
        Assert.Contains("&lt;cooking&gt;", html);
        Assert.DoesNotContain("<cooking>", html);
        Assert.True(Regex.Matches(html, "class=\"bar\"").Count >= 2 + 2 + 2 + 2 + 1 + 2, "bars drawn");
        Assert.Contains("class=\"whisker\"", html);
    }

    [Fact]
    public void A_private_page_states_its_epsilon_and_each_measures_noise()
    {
        var html = ReportPage.Render(Report(new ReportRequest { Epsilon = 2 }));
        Assert.Contains("differentially private (laplace, ε = 2)", html);
        Assert.Contains("<table id=\"privacy\">", html);
        Assert.Contains("Left out of a private report", html);
    }
}

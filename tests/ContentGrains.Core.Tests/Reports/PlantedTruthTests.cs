using ContentGrains.Core.Events;
using ContentGrains.Core.Experiments;
using ContentGrains.Core.Reports;
using ContentGrains.Core.Simulation;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Tests.Reports;

/// <summary>
/// Findings against what the simulator plants (<see cref="PlantedSegments"/>): K groups with distinct topic tastes
/// (group g's home topics are t mod K = g), their own habit hour and home channel. Tastes move CTR; hours and channels
/// only move when and where people come, not how they click. So a report must find topics that win or trail per
/// segment — the right ones — and no channel or hour effect, which the world does not have. Within a segment a home topic
/// can trail the segment's other home topics (a Dirichlet gives some home topics little weight), so the truth checked is:
/// only home topics ever win, and every topic that is not home to the segment trails it.
/// </summary>
public sealed class PlantedTruthTests
{
    private const int Groups = 4;
    private static readonly WorldSettings World = new() { Seed = 5, Users = 2_000, Items = 400, Topics = 20, Segments = Groups };
    private static readonly Lazy<(List<Interaction> Events, ReportLabels Labels)> Data = new(Generate);

    private static (List<Interaction>, ReportLabels) Generate()
    {
        var world = new WorldGenerator(World);
        var end = World.Start.AddDays(14);
        var events = new BulkEventGenerator(World, 400_000, end, TimeSpan.FromDays(14), interactionsOnly: false).Events()
            .Select(e => new Interaction($"b{e.Sequence}", SimIds.User(e.User), SimIds.Item(e.Item),
                EventTypes.TryParse(e.Type, out var type) ? type : throw new InvalidOperationException(e.Type), e.Timestamp, e.Channel, e.DwellSeconds, null, null))
            .ToList();
        var topics = Enumerable.Range(0, World.Items).ToDictionary(i => SimIds.Item(i), i => world.Item(i).Tags[0]);
        var groups = Enumerable.Range(0, World.Users).ToDictionary(u => SimIds.User(u), u => world.Person(u).Segment.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (events, new ReportLabels { TopicOf = topics.GetValueOrDefault, SegmentOf = groups.GetValueOrDefault, TopicSource = "first-tag" });
    }

    private static ContentReport Report(ReportRequest request, int seed = 1)
    {
        var (events, labels) = Data.Value;
        var counts = new ReportComputation(labels, ArmLabels.None, new TrafficOptions()).Run(events, request);
        return new ReportAssembler(NoiseSource.Seeded(seed)).Assemble("r1", World.Start, request, counts, labels, ReportInputs.Empty);
    }

    private static bool IsHome(string topicTag, string segment)
    {
        var topic = TopicVocabulary.Topics.Select((t, i) => (t.Tag, i)).First(t => t.Tag == topicTag).i;
        return topic % Groups == int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Exact_report_finds_each_segments_planted_topics_and_no_channel_or_hour_effect()
    {
        var report = Report(new ReportRequest());
        var topicFindings = report.Findings.Where(f => f.Where.Keys.SequenceEqual(["topic"]) && f.Segment != FindingsFinder.Everyone).ToList();

        Assert.NotEmpty(topicFindings);
        Assert.All(topicFindings, f => Assert.True(f.Direction == "trails" || IsHome(f.Where["topic"], f.Segment), f.Text));
        Assert.DoesNotContain(report.Findings, f => f.Where.Keys.All(k => k is "channel" or "hour"));
        Assert.Equal(Groups, report.Segments.Segments.Count(s => s.Segment != CellKey.Unknown));
        // Every segment's largest topic is one of its home topics, and its top channel its planted channel.
        Assert.All(report.Segments.Segments, s =>
        {
            Assert.True(IsHome(s.Top["topic"][0].Key, s.Segment), $"segment {s.Segment}'s top topic {s.Top["topic"][0].Key}");
            Assert.Equal(PlantedSegments.Channels[int.Parse(s.Segment, System.Globalization.CultureInfo.InvariantCulture)], s.Top["channel"][0].Key);
        });
    }

    [Fact]
    public void Findings_cover_every_segment_when_all_findings_are_listed()
    {
        var (events, labels) = Data.Value;
        var request = new ReportRequest();
        var counts = new ReportComputation(labels, ArmLabels.None, new TrafficOptions()).Run(events, request);
        var (all, method) = new FindingsFinder(maxShown: int.MaxValue).Find(counts.Cube.Cells);
        Assert.Equal(method.Found, all.Count);
        for (var g = 0; g < Groups; g++)
        {
            var segment = g.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var topics = all.Where(f => f.Segment == segment && f.Measure == "ctr" && f.Where.Keys.SequenceEqual(["topic"])).ToList();
            Assert.Contains(topics, f => f.Direction == "trails" && !IsHome(f.Where["topic"], segment));
            Assert.All(topics, f => Assert.True(f.Direction == "trails" || IsHome(f.Where["topic"], segment), f.Text));
        }
    }

    [Fact]
    public void A_private_report_at_epsilon_one_keeps_only_true_findings_and_a_tiny_epsilon_finds_nothing()
    {
        var report = Report(new ReportRequest { Epsilon = 1.0 });
        Assert.NotNull(report.Privacy);
        Assert.Null(report.Experiments);
        Assert.All(report.Findings.Where(f => f.Where.Keys.SequenceEqual(["topic"]) && f.Segment != FindingsFinder.Everyone),
            f => Assert.True(f.Direction == "trails" || IsHome(f.Where["topic"], f.Segment), f.Text));
        Assert.DoesNotContain(report.Findings, f => f.Where.Keys.All(k => k is "channel" or "hour"));

        Assert.Empty(Report(new ReportRequest { Epsilon = 0.001 }).Findings);
    }

    [Fact]
    public void A_private_report_at_epsilon_ten_keeps_each_segments_winning_topic_and_best_hours()
    {
        var exact = Report(new ReportRequest());
        var report = Report(new ReportRequest { Epsilon = 10.0 }, seed: 3);

        Assert.Contains(report.Notes, n => n.Contains("coarse tables only", StringComparison.Ordinal));
        Assert.Equal(10.0, report.Privacy!.Measures.Sum(m => m.Epsilon), 9);
        for (var g = 0; g < Groups; g++)
        {
            var segment = g.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (truth, noisy) = (exact.Segments.Segments.Single(s => s.Segment == segment), report.Segments.Segments.Single(s => s.Segment == segment));
            // The winning topic is one of the segment's planted home topics (which home topic wins may differ: they are close).
            Assert.True(IsHome(truth.WinningTopic!.Key, segment), truth.WinningTopic.Key);
            Assert.True(IsHome(noisy.WinningTopic!.Key, segment), $"segment {segment}: {noisy.WinningTopic.Key} (exact: {truth.WinningTopic.Key})");
            // Visits fall about the planted habit hour (6 + 4g: 06, 10, 14, 18) with a spread of √2 h, so the two hours
            // beside it are about equally busy: the busiest hour on the home channel must be one of them.
            var planted = new PlantedSegments(Groups, World.Topics).HabitHour(g);
            foreach (var summary in new[] { truth, noisy })
            {
                var hour = int.Parse(summary.BestHourByChannel![PlantedSegments.Channels[g]].Key[..2], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(hour + 0.5 - planted) <= 1, $"segment {segment}: busiest hour {hour}:00 on its home channel, planted {planted}");
            }
        }
        Assert.All(report.Findings.Where(f => f.Where.Keys.SequenceEqual(["topic"]) && f.Segment != FindingsFinder.Everyone),
            f => Assert.True(f.Direction == "trails" || IsHome(f.Where["topic"], f.Segment), f.Text));
        Assert.DoesNotContain(report.Findings, f => f.Where.Keys.All(k => k is "channel" or "hour"));
    }
}

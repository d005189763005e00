using System.Diagnostics;
using ContentGrains.Core.Click;
using ContentGrains.Core.Events;
using ContentGrains.Core.Registry;
using ContentGrains.Inference.Click;
using ContentGrains.Training.Click;

namespace ContentGrains.Bench.Scale;

/// <summary>
/// The click model's part of the bench. The synthetic log has views only, no impressions, so a bounded sample of shown
/// feeds is generated: for each of <c>feeds</c> random people, their views, then a feed of 10 impressions (5 items of
/// their topic, 5 of any topic, shuffled) a minute later, then clicks 5 s after it (in-topic 30 %, others 3 %), two
/// minutes apart per person. The rows come from the live row builder (<see cref="ClickLogReplay"/>), the newest 20 % of
/// feeds are held out as the live job holds them out, the model is the live one (<see cref="TorchClickModelTrainer"/>),
/// and the held-out metrics are scored with ONNX Runtime as a silo scores it.
/// </summary>
internal static class ClickSample
{
    public static Dictionary<string, object> Run(SyntheticWorld world, int feeds, int threads)
    {
        var random = new Random(5);
        var replay = new ClickLogReplay(item => (SyntheticWorld.TagsOf(int.Parse(item.AsSpan(4))), SyntheticWorld.Start.AddDays(-1)),
            ClickLogReplay.DefaultSessionWindow);
        var shown = new List<ClickImpression>();
        var (impressions, clicks) = (0L, 0L);
        var clock = Stopwatch.StartNew();
        for (var f = 0; f < feeds; f++)
        {
            var user = random.Next(world.Users);
            var at = SyntheticWorld.Start.AddDays(1).AddMinutes(2.0 * f);
            var events = world.ViewsOf(user, at).ToList();
            var slate = Enumerable.Range(0, 10).Select(k => k < 5 ? world.ItemInTopic(random, world.TopicOf(user)) : random.Next(world.Items)).ToArray();
            random.Shuffle(slate);
            var feedTime = at.AddMinutes(1);
            events.AddRange(slate.Select((item, k) => new Interaction($"i{f}-{k}", $"u{user}", SyntheticWorld.ItemId(item), EventType.Impression, feedTime, "web", 0, null, null)));
            foreach (var item in slate.Distinct())
            {
                if (random.NextDouble() >= (item % SyntheticWorld.Topics == world.TopicOf(user) ? 0.3 : 0.03)) continue;
                events.Add(new Interaction($"c{f}-{item}", $"u{user}", SyntheticWorld.ItemId(item), EventType.Click, feedTime.AddSeconds(5), "web", 0, null, null));
                clicks++;
            }
            impressions += slate.Length;
            shown.AddRange(replay.Add(events));
        }
        shown.AddRange(replay.Add([new Interaction("end", "nobody", "item0", EventType.View, SyntheticWorld.Start.AddDays(30), "web", 0, null, null)]));
        var rowsSeconds = clock.Elapsed.TotalSeconds;

        var ordered = shown.OrderBy(f => f.Time).ToList();
        var heldOut = (int)Math.Round(ordered.Count * ClickTrainingRun.HeldOutShare);
        TorchSharp.torch.set_num_threads(threads);
        clock.Restart();
        var fit = new TorchClickModelTrainer().Fit(ordered[..^heldOut], 2020);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var metrics = ClickTrainingRun.Evaluate(new OnnxClickModelLoader().Load(fit.Artifact), ordered[^heldOut..]);
        return new Dictionary<string, object>
        {
            ["clickSample"] = "generated: the synthetic log has no impressions (see ClickSample)",
            ["clickFeeds"] = ordered.Count, ["clickImpressions"] = impressions, ["clickClicks"] = clicks,
            ["clickRowsSeconds"] = Math.Round(rowsSeconds, 1),
            ["clickTrainSeconds"] = Math.Round(trainSeconds, 1), ["clickDevice"] = fit.Device,
            ["clickArtifactBytes"] = fit.Artifact.ToBytes().Length,
            ["clickHeldOutAuc"] = Math.Round(metrics.Auc ?? double.NaN, 4), ["clickHeldOutGroupAuc"] = Math.Round(metrics.GroupAuc ?? double.NaN, 4),
        };
    }
}

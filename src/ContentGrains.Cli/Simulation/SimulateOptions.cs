using System.CommandLine;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli.Simulation;

/// <summary>The options of `contentgrains simulate`: against a running engine, or an in-memory policy (<see cref="Policy"/>).</summary>
public sealed record SimulateOptions(Uri? Url, string? ApiKey, int Users, int Items, int Topics, int Days, long Seed, int FeedSize,
    string Channel, string? Out, string? Impressions, bool RetrainEveryDay, int Parallel, bool RetrainClickEveryDay = false, string? FeedKind = null,
    int Segments = 0, string? Groups = null, int VariantItems = 0, int HeadlineVariants = 3, double HeadlineLift = 0.3, string Policy = SimulateOptions.EnginePolicy,
    int LearnerSamples = Core.Simulation.InformedLearnerFeedSource.DefaultSamples)
{
    /// <summary>Who makes the feeds: the engine at --url, or one of the in-memory policies the engine is measured against.</summary>
    public const string EnginePolicy = "engine", InformedPolicy = "informed", OraclePolicy = "oracle", RandomPolicy = "random";
    public static readonly IReadOnlyList<string> Policies = [EnginePolicy, InformedPolicy, OraclePolicy, RandomPolicy];

    /// <summary>Each feed request scans every item for the oracle's best feed, so the interactive world stays this small.</summary>
    public const int MaxItems = 200_000, MaxUsers = 1_000_000;

    public static Option[] Declare() =>
    [
        CommandTree.Value("learner-samples", "N", "With --policy informed: taste vectors in each person's posterior, 1 to 65,536 (more: a closer ceiling, slower).",
            Core.Simulation.InformedLearnerFeedSource.DefaultSamples.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        CommandTree.Value("url", "URL", "The engine to simulate an audience for, like http://127.0.0.1:5080. Required with --policy engine."),
        CommandTree.Value("policy", "NAME", "Who makes the feeds: engine (at --url); or in memory, with no engine: informed (knows the items' truth, learns each person from their clicks: the ceiling for a learner), oracle (knows everything), random.", EnginePolicy),
        CommandTree.Value("api-key", "KEY", $"The engine's API key; default ${Import.ImportOptions.ApiKeyVariable}."),
        CommandTree.Value("users", "N", $"Simulated people, 1 to {MaxUsers:N0}.", "200"),
        CommandTree.Value("items", "N", $"Items in the catalog, 1 to {MaxItems:N0}.", "500"),
        CommandTree.Value("topics", "N", $"Topics of the world, 2 to {Core.Simulation.TopicVocabulary.Topics.Count}.", "20"),
        CommandTree.Value("days", "N", "Simulated days, 1 to 365.", "5"),
        CommandTree.Value("seed", "N", "Random seed.", "1"),
        CommandTree.Value("feed-size", "N", "Items per feed request, 1 to 500.", "10"),
        CommandTree.Value("channel", "NAME", "The channel the events carry.", "web"),
        CommandTree.Value("out", "FILE", "Write the report (JSON) here."),
        CommandTree.Value("impressions", "FILE.jsonl", "Log every impression and its outcome here."),
        CommandTree.Value("parallel", "N", "People simulated at once, 1 to 64.", "4"),
        CommandTree.Value("feed-kind", "KIND", "The model kind --retrain-every-day trains (and the feed asks for)."),
        CommandTree.Value("segments", "K", "Plant K groups of people (needs --groups), 0 to --topics.", "0"),
        CommandTree.Value("groups", "GROUPS.tsv", "Where the planted groups (the truth) are written."),
        CommandTree.Value("variant-items", "N", "Give N items headline variants, one of which (never told to the engine) has a planted click lift; 0 to --items.", "0"),
        CommandTree.Value("headline-variants", "N", $"Headline variants per such item, 2 to {Core.Variants.VariantValidator.MaxVariants}.", "3"),
        CommandTree.Value("headline-lift", "X", "The planted variant's relative click lift, 0.01 to 10.", "0.3"),
        CommandTree.Flag("retrain-every-day", "Train the feed model at the end of each simulated day."),
        CommandTree.Flag("retrain-click-every-day", "Train the click model at the end of each simulated day."),
    ];

    /// <summary>Checks the words after the command's name (the parser reads them against <see cref="Declare"/>).</summary>
    public static (SimulateOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var (values, error) = OptionValues.Parse(args, Declare());
        return values is null ? (null, error) : Parse(values);
    }

    public static (SimulateOptions? Options, string? Error) Parse(OptionValues values)
    {
        var policy = values.Text("policy") ?? EnginePolicy;
        if (!Policies.Contains(policy)) return (null, $"--policy: '{policy}' is not one of {string.Join(", ", Policies)}");
        var (learnerSamples, badSamples) = values.Integer("learner-samples", Core.Simulation.InformedLearnerFeedSource.DefaultSamples, 1, 65_536);
        if (badSamples is not null) return (null, badSamples);
        if (values.Text("learner-samples") is not null && policy != InformedPolicy) return (null, "--learner-samples applies to --policy informed only");
        var url = values.Text("url");
        Uri? uri = null;
        if (policy == EnginePolicy)
        {
            if (url is null) return (null, "--url is required: the engine to simulate an audience for, like http://127.0.0.1:5080");
            if (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https"))
                return (null, $"--url: '{url}' is not an http(s) URL like http://127.0.0.1:5080");
        }
        else if (url is not null || values.Flag("retrain-every-day") || values.Flag("retrain-click-every-day") || values.Text("variant-items") is not null)
            return (null, $"--policy {policy} runs in memory with no engine: --url, --retrain-every-day, --retrain-click-every-day and --variant-items do not apply");
        var (users, e1) = values.Integer("users", 200, 1, MaxUsers);
        var (items, e2) = values.Integer("items", 500, 1, MaxItems);
        var (topics, e3) = values.Integer("topics", 20, 2, Core.Simulation.TopicVocabulary.Topics.Count);
        var (days, e4) = values.Integer("days", 5, 1, 365);
        var (seed, e5) = values.Integer("seed", 1, long.MinValue, long.MaxValue);
        var (feedSize, e6) = values.Integer("feed-size", 10, 1, 500); // the API's most items per feed
        var (parallel, e7) = values.Integer("parallel", 4, 1, 64);
        var (segments, e8) = values.Integer("segments", 0, 0, topics);
        var (variantItems, e9) = values.Integer("variant-items", 0, 0, items);
        var (headlineVariants, e10) = values.Integer("headline-variants", 3, 2, Core.Variants.VariantValidator.MaxVariants);
        var (headlineLift, e11) = values.Real("headline-lift", 0.3, 0.01, 10);
        if (new[] { e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11 }.FirstOrDefault(e => e is not null) is { } bad) return (null, bad);
        if (segments > 0 && values.Text("groups") is null) return (null, "--segments needs --groups FILE: where the planted groups (the truth) are written");
        var channel = values.Text("channel") ?? "web";
        if (Core.Events.EventValidator.CheckId("channel", channel) is { } problem) return (null, $"--channel {problem.Reason}");
        var feedKind = values.Text("feed-kind");
        if (feedKind is not null && Core.Events.EventValidator.CheckId("feed-kind", feedKind) is { } badKind) return (null, $"--feed-kind {badKind.Reason}");
        if (feedKind is not null && !values.Flag("retrain-every-day")) return (null, "--feed-kind names the kind --retrain-every-day trains; give both");
        var apiKey = values.Text("api-key") ?? Environment.GetEnvironmentVariable(Import.ImportOptions.ApiKeyVariable);
        return (new SimulateOptions(uri, apiKey, (int)users, (int)items, (int)topics, (int)days, seed, (int)feedSize, channel,
            values.Text("out"), values.Text("impressions"), values.Flag("retrain-every-day"), (int)parallel, values.Flag("retrain-click-every-day"), feedKind,
            (int)segments, values.Text("groups"), (int)variantItems, (int)headlineVariants, headlineLift, policy, (int)learnerSamples), null);
    }
}

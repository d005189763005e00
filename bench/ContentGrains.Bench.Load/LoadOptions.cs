using System.Globalization;

namespace ContentGrains.Bench.Load;

/// <summary>
/// The options of the feed load generator. Closed loop by default (each client sends its next request when the last
/// is answered); with --rate, open loop: requests are sent on a fixed schedule and each latency counts from the time the
/// request was due, so a stalled engine cannot hide its stall by slowing the generator down (coordinated omission).
/// </summary>
public sealed record LoadOptions(
    Uri Url, int Users, int Clients, double Seconds, double WarmupSeconds, double? Rate, int Count, int? SiloPid,
    string Out, string Commit, string Label, long Seed)
{
    private static readonly string[] Known =
        ["url", "users", "clients", "seconds", "warmup", "rate", "count", "silo-pid", "out", "commit", "label", "seed"];

    public const string Usage =
        "usage: ContentGrains.Bench.Load --url http://127.0.0.1:PORT --users N [--clients 16] [--seconds 60] [--warmup 10]\n" +
        "         [--rate FEEDS_PER_S] [--count 10] [--silo-pid PID] [--out result.json] [--commit SHA] [--label TEXT] [--seed 1]\n" +
        "  people are u0 … u{N-1} (the ids `contentgrains simulate bulk` writes); --rate switches to an open loop";

    public static (LoadOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var (values, error) = BenchArgs.Read(args, Known);
        if (values is null) return (null, error);
        if (!values.TryGetValue("url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return (null, "--url: required, the engine's absolute URL");
        try
        {
            var options = new LoadOptions(
                uri, Int(values, "users", null, 1), Int(values, "clients", 16, 1), Number(values, "seconds", 60, 1),
                Number(values, "warmup", 10, 0), values.ContainsKey("rate") ? Number(values, "rate", 0, 1) : null,
                Int(values, "count", 10, 1), values.ContainsKey("silo-pid") ? Int(values, "silo-pid", null, 1) : null,
                values.GetValueOrDefault("out", "load.json"), values.GetValueOrDefault("commit", "unknown"),
                values.GetValueOrDefault("label", ""), Int(values, "seed", 1, int.MinValue));
            return (options, null);
        }
        catch (FormatException e) { return (null, e.Message); }
    }

    internal static int Int(Dictionary<string, string> values, string name, int? fallback, int min)
    {
        if (!values.TryGetValue(name, out var text))
            return fallback ?? throw new FormatException($"--{name}: required");
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min)
            throw new FormatException($"--{name}: '{text}' is not a whole number of at least {min}");
        return v;
    }

    internal static double Number(Dictionary<string, string> values, string name, double fallback, double min)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min)
            throw new FormatException($"--{name}: '{text}' is not a number of at least {min}");
        return v;
    }
}

using System.Globalization;
using ContentGrains.Core.Data;

namespace ContentGrains.Cli;

/// <summary>
/// How `evaluate` splits the data, in RecBole's notation: "given" (NAME.train/valid/test.inter), "RS:0.8,0.1,0.1"
/// (per-user random) or "TO:0.8,0.1,0.1" (per-user temporal order), the last two from NAME.inter.
/// </summary>
public sealed record SplitSpec(string Kind, double Train, double Valid, double Test)
{
    public override string ToString() => Kind == "given" ? "given" : string.Create(CultureInfo.InvariantCulture, $"{Kind}:{Train},{Valid},{Test}");

    public static (SplitSpec? Split, string? Error) Parse(string text)
    {
        if (text == "given") return (new SplitSpec("given", 0, 0, 0), null);
        var parts = text.Split(':', 2);
        if (parts.Length != 2 || parts[0] is not ("RS" or "TO"))
            return (null, $"'{text}' is not 'given', 'RS:train,valid,test' or 'TO:train,valid,test'");
        var ratios = parts[1].Split(',');
        if (ratios.Length != 3 || !ratios.All(r => double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0))
            return (null, $"'{parts[1]}' is not three non-negative ratios like 0.8,0.1,0.1");
        var v = ratios.Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        return v.Sum() <= 0 ? (null, "the ratios must not all be 0") : (new SplitSpec(parts[0], v[0], v[1], v[2]), null);
    }

    /// <summary>Loads the split for data set <paramref name="name"/> in <paramref name="folder"/>.</summary>
    public GivenSplit Load(string folder, string name, int seed) => Kind switch
    {
        "given" => GivenSplit.Load(folder, name),
        "RS" => RandomSplit.Shuffled(AtomicFile.Read(Path.Combine(folder, $"{name}.inter")), seed, Train, Valid, Test),
        _ => RandomSplit.Temporal(AtomicFile.Read(Path.Combine(folder, $"{name}.inter")), Train, Valid, Test),
    };

    /// <summary>The file whose NAME prefix names the data set.</summary>
    public string FileSuffix => Kind == "given" ? ".train.inter" : ".inter";
}

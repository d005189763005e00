using System.Globalization;
using System.Text.Json;
using ContentGrains.Bench;
using ContentGrains.Bench.Gpu;
using TorchSharp;

// Usage: ContentGrains.Bench.Gpu --device cuda|cpu --out FILE [--data DIR] [--work DIR] [--parts ml100k,click,scale]
//        [--threads 1] [--scale-items 1000000] [--scale-users-per-item 0.1] [--scale-budget 300000]
//        [--commit SHA] [--libtorch VERSION] [--gpu NAME] [--machine TEXT]
// Runs the project's own trainers on the device libtorch picks (TrainingDevice: CUDA when torch.cuda.is_available(),
// else the CPU) and fails when that is not the asked --device, so a run named cuda never quietly trained on the CPU.
// Parts: ml100k (the embedding model on RecBole's given split in --data, test NDCG@10 / Recall@10), click (the live
// click model on generated impressions, held-out AUC, its ONNX export and the TorchSharp scores written to --work for
// bench/tools/gpu_onnx_compare.py), scale (the live embedding kind on a synthetic catalog, ms per user example).
// Each part's figures are printed as soon as they exist and the JSON is rewritten after each part.
string[] known = ["device", "out", "data", "work", "parts", "threads", "scale-items", "scale-users-per-item", "scale-budget", "commit", "libtorch", "gpu", "machine"];
var (options, error) = BenchArgs.Read(args, known);
if (options is null || !options.TryGetValue("device", out var asked) || asked is not ("cuda" or "cpu") || !options.ContainsKey("out"))
{
    Console.Error.WriteLine(error ?? "--device cuda|cpu and --out FILE are required");
    return 2;
}

// Before anything else touches libtorch: asking for CUDA loads libtorch_cuda (TorchSharp's CUDA backend) first.
var cudaAvailable = torch.cuda.is_available();
var found = cudaAvailable ? "cuda" : "cpu";
if (found != asked)
{
    Console.Error.WriteLine($"--device {asked}: libtorch reports torch.cuda.is_available() = {cudaAvailable}, so training would run on {found}");
    return 3;
}

int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var threads = Int("threads", 1);
var parts = options.GetValueOrDefault("parts", "ml100k,click,scale").Split(',');
var work = options.GetValueOrDefault("work", Path.GetTempPath());
Directory.CreateDirectory(work);
var result = new Dictionary<string, object?>
{
    ["benchmark"] = "gpu-check: the project's trainers on the device libtorch picks (bench/gpu-check.sh)",
    ["commit"] = options.GetValueOrDefault("commit", "unknown"),
    ["askedDevice"] = asked,
    ["cudaAvailable"] = cudaAvailable,
    ["cudaDeviceCount"] = cudaAvailable ? torch.cuda.device_count() : 0,
    ["libtorch"] = options.GetValueOrDefault("libtorch", "the libtorch the loader found (not given)"),
    ["torchSharpBuiltFor"] = "libtorch 2.10.0 (TorchSharp 0.107.0)",
    ["gpu"] = options.GetValueOrDefault("gpu"),
    ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {options.GetValueOrDefault("machine", "")}",
    ["threads"] = threads,
};

void Write()
{
    var path = options["out"];
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    File.WriteAllText(path, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
}

foreach (var part in parts)
{
    result[part] = part switch
    {
        "ml100k" => Ml100kRun.Run(options.GetValueOrDefault("data") ?? throw new ArgumentException("--data: the ml100k part needs the folder of RecBole's ml-100k split"), threads),
        "click" => ClickRun.Run(work, asked, threads),
        "scale" => ScaleRun.Run(Int("scale-items", 1_000_000),
            double.Parse(options.GetValueOrDefault("scale-users-per-item", "0.1"), CultureInfo.InvariantCulture),
            long.Parse(options.GetValueOrDefault("scale-budget", "300000"), CultureInfo.InvariantCulture), threads),
        _ => throw new ArgumentException($"--parts: unknown part '{part}' (ml100k, click, scale)"),
    };
    Console.WriteLine($"{part}: {JsonSerializer.Serialize(result[part])}");
    Write();
}
Console.WriteLine($"wrote {options["out"]}");
return 0;

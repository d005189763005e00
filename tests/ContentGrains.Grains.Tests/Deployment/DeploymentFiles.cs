using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContentGrains.Testing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ContentGrains.Grains.Tests.Deployment;

/// <summary>One container as a deployment file runs it: where it is declared, its image, environment and ports.</summary>
public sealed record DeployedContainer(string Where, string Image, IReadOnlyDictionary<string, string?> Environment, IReadOnlyDictionary<string, int> NamedPorts, IReadOnlyList<int> Ports)
{
    public bool IsEngine => Image.StartsWith("contentgrains/", StringComparison.Ordinal);
}

/// <summary>
/// The deployment files as data: docker-compose.yml as docker-compose itself resolves it (anchors, merges, profiles),
/// the Kubernetes manifests, the Dockerfiles and the silo's configuration profiles.
/// </summary>
public static partial class DeploymentFiles
{
    public static string Root => RepositoryPaths.Root;

    /// <summary>`docker-compose config` with the given profiles; throws with its error output when it refuses the file.</summary>
    public static Dictionary<object, object> ComposeConfig(params string[] profiles)
    {
        var executable = FindOnPath("docker-compose")
            ?? throw new InvalidOperationException("this test needs docker-compose (Debian's package; ./test.sh installs it: apt-get install docker-compose)");
        var start = new ProcessStartInfo(executable) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-f", "docker-compose.yml" }.Concat(profiles.SelectMany(p => new[] { "--profile", p })).Append("config"))
            start.ArgumentList.Add(argument);
        start.Environment["POSTGRES_PASSWORD"] = "not-a-real-password";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(); throw new TimeoutException("docker-compose config ran past 2 minutes"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"docker-compose config {string.Join(" ", profiles)} refused the file: {error.Result}");
        return (Dictionary<object, object>)new Deserializer().Deserialize<object>(output.Result)!;
    }

    /// <summary>Every object of every manifest under deploy/k8s, with its file name.</summary>
    public static IReadOnlyList<(string File, Dictionary<object, object> Object)> KubernetesObjects()
    {
        var objects = new List<(string, Dictionary<object, object>)>();
        foreach (var path in Directory.GetFiles(Path.Combine(Root, "deploy", "k8s"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var parser = new Parser(new StringReader(File.ReadAllText(path)));
            parser.Consume<StreamStart>();
            var deserializer = new Deserializer();
            while (parser.Accept<DocumentStart>(out _))
                if (deserializer.Deserialize<object>(parser) is Dictionary<object, object> document)
                    objects.Add((Path.GetFileName(path), document));
        }
        return objects;
    }

    /// <summary>The containers of docker-compose (all profiles) and of every Kubernetes workload (init containers too).</summary>
    public static IReadOnlyList<DeployedContainer> Containers()
    {
        var containers = new List<DeployedContainer>();
        foreach (var (name, service) in Map(ComposeConfig("gpu")["services"]))
        {
            var s = Map(service);
            var environment = Map(s.GetValueOrDefault("environment")).ToDictionary(e => (string)e.Key, e => e.Value?.ToString());
            var ports = List(s.GetValueOrDefault("ports")).Select(ContainerSideOfPublishedPort).ToList();
            containers.Add(new DeployedContainer($"docker-compose.yml: {name}", (string)s["image"], environment, new Dictionary<string, int>(), ports));
        }
        foreach (var (file, obj) in KubernetesObjects())
        {
            if (PodSpec(obj) is not { } pod) continue;
            foreach (var c in List(pod.GetValueOrDefault("initContainers")).Concat(List(pod.GetValueOrDefault("containers"))).Select(Map))
            {
                var environment = List(c.GetValueOrDefault("env")).Select(Map)
                    .ToDictionary(e => (string)e["name"], e => e.GetValueOrDefault("value")?.ToString());
                var named = List(c.GetValueOrDefault("ports")).Select(Map).Where(p => p.ContainsKey("name"))
                    .ToDictionary(p => (string)p["name"], p => int.Parse(p["containerPort"].ToString()!));
                containers.Add(new DeployedContainer($"{file}: {Name(obj)}/{c["name"]}", (string)c["image"], environment, named, named.Values.ToList()));
            }
        }
        return containers;
    }

    /// <summary>The pod template's spec of a workload, or null for objects that run no pods.</summary>
    public static Dictionary<object, object>? PodSpec(Dictionary<object, object> obj) =>
        obj["kind"] is "Deployment" or "StatefulSet" or "DaemonSet" or "Job"
            ? Map(Map(Map(obj["spec"])["template"])["spec"])
            : null;

    public static Dictionary<object, object> PodLabels(Dictionary<object, object> obj) =>
        Map(Map(Map(Map(obj["spec"])["template"]).GetValueOrDefault("metadata")).GetValueOrDefault("labels"));

    public static string Name(Dictionary<object, object> obj) => $"{obj["kind"]} {Map(obj["metadata"])["name"]}";

    /// <summary>The ENV names and values and the EXPOSEd ports of a Dockerfile under deploy/docker.</summary>
    public static (IReadOnlyDictionary<string, string> Environment, IReadOnlyList<int> Exposed) Dockerfile(string fileName)
    {
        var text = File.ReadAllText(Path.Combine(Root, "deploy", "docker", fileName)).Replace("\\\n", " ");
        var environment = new Dictionary<string, string>();
        var exposed = new List<int>();
        foreach (var line in text.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("ENV ", StringComparison.Ordinal))
                foreach (Match pair in EnvPair().Matches(line[4..])) environment[pair.Groups[1].Value] = pair.Groups[2].Value;
            if (line.StartsWith("EXPOSE ", StringComparison.Ordinal))
                exposed.AddRange(line[7..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p.Split('/')[0])));
        }
        return (environment, exposed);
    }

    /// <summary>The keys of a silo-config profile under "ContentGrains", as configuration paths ("ContentGrains:Engine:X"), and its Urls.</summary>
    public static (IReadOnlyList<string> Settings, string? Urls) SiloProfile(string profile)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "silo-config", $"{profile}.json")))!.AsObject();
        var settings = new List<string>();
        Flatten(json["ContentGrains"], "ContentGrains", settings);
        return (settings, (string?)json["Urls"]);
    }

    public static IEnumerable<string> SiloProfiles() =>
        Directory.GetFiles(Path.Combine(Root, "silo-config"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    public static Dictionary<object, object> Map(object? node) => node as Dictionary<object, object> ?? [];
    public static List<object> List(object? node) => node as List<object> ?? [];

    private static void Flatten(JsonNode? node, string path, List<string> into)
    {
        switch (node)
        {
            case JsonObject o: foreach (var (key, child) in o) Flatten(child, $"{path}:{key}", into); break;
            case JsonArray a: for (var i = 0; i < a.Count; i++) Flatten(a[i], $"{path}:{i}", into); break;
            default: into.Add(path); break;
        }
    }

    /// <summary>The container's port of a published one: long form { published, target }, or "8081:8080[/tcp]".</summary>
    private static int ContainerSideOfPublishedPort(object published) =>
        published is Dictionary<object, object> longForm
            ? int.Parse(longForm["target"].ToString()!)
            : int.Parse(published.ToString()!.Split('/')[0].Split(':')[^1]);

    private static string? FindOnPath(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    [GeneratedRegex("""([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)""")]
    private static partial Regex EnvPair();
}

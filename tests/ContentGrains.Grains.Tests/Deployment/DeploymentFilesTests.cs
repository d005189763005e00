using ContentGrains.Silo.Hosting;
using static ContentGrains.Grains.Tests.Deployment.DeploymentFiles;

namespace ContentGrains.Grains.Tests.Deployment;

/// <summary>
/// docker-compose.yml, deploy/k8s and deploy/docker run what the code does: docker-compose accepts the file, every
/// setting they give is one the host reads, the ports are the ones it listens on, the images are ones that are built,
/// and the manifests' references (selectors, secrets, service accounts, files) resolve.
/// </summary>
public sealed class DeploymentFilesTests
{
    /// <summary>Variables the deployment files may set that are not ContentGrains__ settings, and who reads them.</summary>
    private static readonly Dictionary<string, string> OtherVariables = new()
    {
        ["CONTENTGRAINS_PROFILE"] = "HostConfiguration: the silo-config profile",
        ["PGPASSWORD"] = "Npgsql: the password the connection string leaves out",
        ["DOTNET_gcServer"] = ".NET runtime",
        ["DOTNET_GCHeapHardLimitPercent"] = ".NET runtime: the GC heap's budget, a share of the container's memory limit",
        ["DOTNET_ROOT"] = ".NET host (the GPU image installs the runtime itself)",
        ["DOTNET_RUNNING_IN_CONTAINER"] = ".NET runtime",
        ["ASPNETCORE_HTTP_PORTS"] = "ASP.NET Core, as in Microsoft's aspnet images (the profile's Urls takes precedence)",
        ["NVIDIA_VISIBLE_DEVICES"] = "the NVIDIA container runtime",
        ["NVIDIA_DRIVER_CAPABILITIES"] = "the NVIDIA container runtime",
        ["POD_NAME"] = "Orleans' Kubernetes hosting",
        ["POD_NAMESPACE"] = "Orleans' Kubernetes hosting",
        ["POD_IP"] = "Orleans' Kubernetes hosting",
        ["ORLEANS_SERVICE_ID"] = "Orleans' Kubernetes hosting",
        ["ORLEANS_CLUSTER_ID"] = "Orleans' Kubernetes hosting",
    };

    private static readonly string[] KubernetesHostingVariables = ["POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID"];

    [Fact]
    public void Docker_compose_accepts_the_file_and_keeps_the_gpu_silo_under_its_profile()
    {
        foreach (var profiles in new[] { Array.Empty<string>(), ["gpu"] })
        {
            var services = Map(ComposeConfig(profiles)["services"]);
            Assert.Equal(["postgres", "schema", "silo-gpu", "silo1", "silo2"], services.Keys.Cast<string>().Order());
            var profiled = services.Where(s => Map(s.Value).ContainsKey("profiles"))
                .ToDictionary(s => (string)s.Key, s => string.Join(",", List(Map(s.Value)["profiles"])));
            Assert.Equal(new Dictionary<string, string> { ["silo-gpu"] = "gpu" }, profiled);
        }
    }

    [Fact]
    public void Every_setting_the_deployment_files_give_the_engine_is_one_the_host_reads()
    {
        var given = Containers().Where(c => c.IsEngine).SelectMany(c => c.Environment.Keys.Select(name => (c.Where, name)))
            .Concat(new[] { "Dockerfile.silo", "Dockerfile.silo-gpu" }.SelectMany(f => Dockerfile(f).Environment.Keys.Select(name => (f, name))))
            .ToList();
        Assert.NotEmpty(given);
        var unread = given.Where(g => g.name.StartsWith("ContentGrains__", StringComparison.Ordinal)
                ? !KnownSettings.IsKnown(g.name.Replace("__", ":"))
                : !OtherVariables.ContainsKey(g.name))
            .Select(g => $"{g.Item1}: {g.name}").ToList();
        Assert.True(unread.Count == 0, "set but read by nothing: " + string.Join("; ", unread));

        var unknownInProfiles = SiloProfiles().SelectMany(p => SiloProfile(p).Settings.Where(s => !KnownSettings.IsKnown(s)).Select(s => $"{p}.json: {s}")).ToList();
        Assert.True(unknownInProfiles.Count == 0, "silo-config keys read by nothing: " + string.Join("; ", unknownInProfiles));

        var profiles = SiloProfiles().ToHashSet();
        var namedProfiles = Containers().Where(c => c.IsEngine).Select(c => c.Environment.GetValueOrDefault("CONTENTGRAINS_PROFILE"))
            .Concat(new[] { "Dockerfile.silo", "Dockerfile.silo-gpu" }.Select(f => Dockerfile(f).Environment.GetValueOrDefault("CONTENTGRAINS_PROFILE")))
            .OfType<string>().ToList();
        Assert.NotEmpty(namedProfiles);
        Assert.All(namedProfiles, p => Assert.Contains(p, profiles));
    }

    [Fact]
    public void The_ports_the_files_publish_are_the_ports_the_silo_listens_on()
    {
        var (settings, urls) = SiloProfile("postgres");
        Assert.Equal(SiloProfile("gpu").Urls, urls);
        var http = new Uri(urls!.Replace("0.0.0.0", "localhost")).Port;
        var options = new ContentGrainsHostOptions();
        Assert.Contains("ContentGrains:SiloPort", settings);
        foreach (var dockerfile in new[] { "Dockerfile.silo", "Dockerfile.silo-gpu" })
            Assert.Equal(new[] { http, options.SiloPort, options.GatewayPort }.Order(), Dockerfile(dockerfile).Exposed.Order());

        var silos = Containers().Where(c => c.IsEngine && !c.Where.Contains("schema", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, silos.Count); // compose: silo1, silo2, silo-gpu; k8s: silo, silo-gpu (the schema job serves nothing)
        foreach (var silo in silos.Where(s => s.Where.StartsWith("docker-compose", StringComparison.Ordinal)))
            Assert.Equal([http], silo.Ports);
        foreach (var silo in silos.Where(s => !s.Where.StartsWith("docker-compose", StringComparison.Ordinal)))
        {
            Assert.Equal(http, silo.NamedPorts["http"]);
            Assert.Equal(options.SiloPort, silo.NamedPorts["silo"]);
            Assert.Equal(options.GatewayPort, silo.NamedPorts["gateway"]);
        }
    }

    [Fact]
    public void Every_engine_image_is_one_the_compose_file_builds_from_a_dockerfile_that_exists()
    {
        var built = Map(ComposeConfig("gpu")["services"]).Values.Select(Map).Where(s => s.ContainsKey("build"))
            .ToDictionary(s => Repository((string)s["image"]), s => (string)Map(s["build"])["dockerfile"]);
        Assert.Equal(["contentgrains/silo", "contentgrains/silo-gpu"], built.Keys.Order());
        Assert.All(built.Values, dockerfile => Assert.True(File.Exists(Path.Combine(Root, dockerfile)), dockerfile));

        var used = Containers().Where(c => c.IsEngine).Select(c => Repository(c.Image)).ToHashSet();
        Assert.All(used, image => Assert.Contains(image, built.Keys));
        var kustomization = KubernetesObjects().Single(o => (string)o.Object["kind"] == "Kustomization").Object;
        Assert.All(List(kustomization["images"]).Select(i => (string)Map(i)["name"]), image => Assert.Contains(image, built.Keys));
    }

    [Fact]
    public void The_kubernetes_manifests_reference_only_what_they_define()
    {
        var objects = KubernetesObjects();
        var kustomization = objects.Single(o => (string)o.Object["kind"] == "Kustomization").Object;
        var listed = List(kustomization["resources"]).Cast<string>().ToHashSet();
        Assert.Equal(objects.Select(o => o.File).Where(f => f != "kustomization.yaml").ToHashSet(), listed);

        var secrets = objects.Where(o => (string)o.Object["kind"] == "Secret")
            .ToDictionary(o => (string)Map(o.Object["metadata"])["name"], o => Map(o.Object.GetValueOrDefault("stringData")).Keys.Cast<string>().ToHashSet());
        var accounts = objects.Where(o => (string)o.Object["kind"] == "ServiceAccount").Select(o => (string)Map(o.Object["metadata"])["name"]).ToHashSet();
        var workloads = objects.Where(o => PodSpec(o.Object) is not null).ToList();
        Assert.NotEmpty(workloads);
        foreach (var (file, workload) in workloads)
        {
            var pod = PodSpec(workload)!;
            var labels = PodLabels(workload);
            if ((string)workload["kind"] != "Job")
                Assert.All(Map(Map(Map(workload["spec"])["selector"])["matchLabels"]), l => Assert.Equal(l.Value, labels.GetValueOrDefault(l.Key)));
            if (pod.GetValueOrDefault("serviceAccountName") is string account) Assert.Contains(account, accounts);
            foreach (var container in List(pod.GetValueOrDefault("initContainers")).Concat(List(pod.GetValueOrDefault("containers"))).Select(Map))
            {
                var ports = List(container.GetValueOrDefault("ports")).Select(p => (string)Map(p)["name"]).ToHashSet();
                foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
                    if (Map(Map(container.GetValueOrDefault(probe)).GetValueOrDefault("httpGet")).GetValueOrDefault("port") is string port)
                        Assert.True(ports.Contains(port), $"{file}: {probe} names port {port}, which the container does not declare");
                foreach (var env in List(container.GetValueOrDefault("env")).Select(Map))
                    if (Map(Map(env.GetValueOrDefault("valueFrom")).GetValueOrDefault("secretKeyRef")) is { Count: > 0 } reference)
                        Assert.True(secrets.GetValueOrDefault((string)reference["name"])?.Contains((string)reference["key"]) == true,
                            $"{file}: {env["name"]} reads key {reference["key"]} of secret {reference["name"]}, which is not defined here");
            }
        }
        foreach (var (file, service) in objects.Where(o => (string)o.Object["kind"] == "Service"))
        {
            var selector = Map(Map(service["spec"])["selector"]);
            Assert.True(workloads.Any(w => selector.All(l => Equals(PodLabels(w.Object).GetValueOrDefault(l.Key), l.Value))), $"{file}: {Name(service)} selects no pod defined here");
        }
    }

    [Fact]
    public void No_service_exposes_the_silo_or_gateway_port_and_a_policy_admits_them_only_from_the_engine()
    {
        var objects = KubernetesObjects();
        var exposed = objects.Where(o => (string)o.Object["kind"] == "Service")
            .SelectMany(o => List(Map(o.Object["spec"])["ports"]).Select(Map).Select(p => (o.File, Target: p.GetValueOrDefault("targetPort")?.ToString())))
            .Where(p => p.Target is "silo" or "gateway" or "11111" or "30000").ToList();
        Assert.Empty(exposed);

        var policy = objects.Single(o => (string)o.Object["kind"] == "NetworkPolicy").Object;
        var rules = List(Map(policy["spec"])["ingress"]).Select(Map).ToList();
        var orleansRule = Assert.Single(rules, r => List(r["ports"]).Select(p => Map(p)["port"].ToString()).Order().SequenceEqual(["gateway", "silo"]));
        Assert.Equal("contentgrains", Map(Map(Map(Assert.Single(List(orleansRule["from"])))["podSelector"])["matchLabels"])["app.kubernetes.io/part-of"]);
    }

    [Fact]
    public void A_silo_under_kubernetes_hosting_has_the_pod_variables_labels_and_account_it_needs()
    {
        var objects = KubernetesObjects();
        var silos = objects.Where(o => PodSpec(o.Object) is { } pod && List(pod["containers"]).Select(Map)
            .Any(c => List(c.GetValueOrDefault("env")).Select(Map).Any(e => (string)e["name"] == "ContentGrains__KubernetesHosting" && (string?)e.GetValueOrDefault("value") == "true"))).ToList();
        Assert.Equal(2, silos.Count);
        var role = objects.Single(o => (string)o.Object["kind"] == "Role").Object;
        var verbs = List(Map(Assert.Single(List(role["rules"])))["verbs"]).Cast<string>().ToHashSet();
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, verbs);
        var binding = objects.Single(o => (string)o.Object["kind"] == "RoleBinding").Object;
        foreach (var (file, silo) in silos)
        {
            var container = Containers().Single(c => c.Where.StartsWith($"{file}: {Name(silo)}/silo", StringComparison.Ordinal));
            Assert.All(KubernetesHostingVariables, v => Assert.True(container.Environment.ContainsKey(v), $"{file}: {v} missing"));
            Assert.False(container.Environment.ContainsKey("ContentGrains__SiloName"), "the pod name is the silo name under Kubernetes hosting");
            var labels = PodLabels(silo);
            Assert.Equal("contentgrains", labels["orleans/serviceId"]);
            Assert.Equal("contentgrains", labels["orleans/clusterId"]);
            var account = (string)PodSpec(silo)!["serviceAccountName"];
            Assert.Equal(account, Map(Assert.Single(List(binding["subjects"])))["name"]);
            if ((string?)container.Environment.GetValueOrDefault("ContentGrains__Role") == "gpu")
                Assert.True(Map(Map(List(PodSpec(silo)!["containers"]).Select(Map).Single()["resources"])["limits"]).ContainsKey("nvidia.com/gpu"), $"{file}: a gpu silo without a GPU");
        }
    }

    [Theory]
    [InlineData("ContentGrains:Storage", true)]
    [InlineData("contentgrains:engine:feed:explorationslots", true)]
    [InlineData("ContentGrains:Engine:Kpis:Traffic:MaxActionsPerMinute", true)]
    [InlineData("ContentGrains:Engine:Kpis:Traffic:NoSuchRule", false)]
    [InlineData("ContentGrains:Engine:SnapshotIntervall", false)]
    [InlineData("ContentGrains:ApiKeys:0:Scopes:2", true)]
    [InlineData("ContentGrains:ApiKeys:0:Key", false)]
    [InlineData("ContentGrains:ApiKeys:first:Name", false)]
    [InlineData("ContentGrains:IsPostgres", false)]
    [InlineData("ContentGrains:Engine", true)]
    [InlineData("ContentGrains:Engine:Vectors:Connectivity", true)]
    [InlineData("ContentGrains:Engine:Vectors:Conectivity", false)]
    [InlineData("Logging:LogLevel:Default", false)]
    public void Known_settings_are_the_options_the_host_binds(string key, bool known) =>
        Assert.Equal(known, KnownSettings.IsKnown(key));

    private static string Repository(string image) => image.Split(':')[0];
}

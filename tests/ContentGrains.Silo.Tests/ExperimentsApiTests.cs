using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>The experiment routes of a real running host: lifecycle, assignment, outcomes, results, the feed's arm and bad input.</summary>
public sealed class ExperimentsApiTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    private static object Definition(string id) => new
    {
        id,
        arms = new object[] { new { name = "control", weight = 1 }, new { name = "variant", weight = 1, feed = new { popularityWeight = 2.0 } } },
        metrics = new object[] { new { name = "clicks" }, new { name = "errors", higherIsBetter = false, guardrail = true } },
        minPersonsPerArm = 20,
    };

    [Fact]
    public async Task Create_start_assign_record_and_read_results_with_intervals_and_a_decision()
    {
        var (created, view) = await Http.PostJsonAsync("/v1/experiments", Definition("api-exp"));
        Assert.Equal(201, created);
        Assert.Equal("draft", (string)view!["status"]!);
        Assert.Equal("api-exp", (string)view["spec"]!["salt"]!); // the salt defaults to the id
        Assert.Equal(200, (await Http.PostJsonAsync("/v1/experiments/api-exp/start", null)).Status);

        var preByArm = new Dictionary<string, List<double>> { ["control"] = [], ["variant"] = [] };
        for (var i = 0; i < 200; i++)
        {
            var (status, assignment) = await Http.PostJsonAsync("/v1/experiments/api-exp/assign", new { userId = $"u{i}", preExposure = i % 4 });
            Assert.Equal(200, status);
            var arm = (string)assignment!["arm"]!;
            preByArm[arm].Add(i % 4);
            var clicks = i % 4 + (arm == "variant" ? 2 : 0);
            Assert.Equal(200, (await Http.PostJsonAsync("/v1/experiments/api-exp/outcomes", new { userId = $"u{i}", metric = "clicks", value = clicks })).Status);
        }
        var (ok, results) = await Http.GetJsonAsync("/v1/experiments/api-exp/results");

        Assert.Equal(200, ok);
        Assert.Equal(200, results.Long("persons"));
        var comparison = results!["comparisons"]!.AsArray().Single(c => (string)c!["metric"]! == "clicks")!;
        // Each person's clicks are their pre-exposure value plus 2 in the variant: the raw difference carries the arms' pre difference.
        Assert.Equal(2.0 + preByArm["variant"].Average() - preByArm["control"].Average(), (double)comparison["armMean"]! - (double)comparison["controlMean"]!, 9);
        Assert.Equal(preByArm["control"].Count, results["arms"]![0]!.Long("persons"));
        // The pre-exposure value explains the rest of the spread exactly: CUPED removes almost all variance.
        Assert.True((double)comparison["cupedVarianceReduction"]! > 0.99);
        Assert.True((double)comparison["sequential"]!["low"]! > 0);
        Assert.NotNull(results["sampleRatio"]!["pValue"]);
        Assert.Equal(("ship", "variant"), ((string)results["decision"]!["verdict"]!, (string)results["decision"]!["arm"]!));
        Assert.Equal(2, results["arms"]!.AsArray().Count);

        Assert.Equal(200, (await Http.PostJsonAsync("/v1/experiments/api-exp/stop", null)).Status);
        Assert.Equal(409, (await Http.PostJsonAsync("/v1/experiments/api-exp/start", null)).Status);
    }

    [Fact]
    public async Task The_feed_inside_an_experiment_names_the_arm()
    {
        Assert.Equal(201, (await Http.PostJsonAsync("/v1/experiments", Definition("feed-exp"))).Status);
        Assert.Equal(200, (await Http.PostJsonAsync("/v1/experiments/feed-exp/start", null)).Status);
        var (status, feed) = await Http.GetJsonAsync("/v1/users/reader-1/feed?experiment=feed-exp");
        Assert.Equal(200, status);
        Assert.Equal("feed-exp", (string)feed!["experiment"]!);
        var (_, assignment) = await Http.PostJsonAsync("/v1/experiments/feed-exp/assign", new { userId = "reader-1" });
        Assert.Equal((string)assignment!["arm"]!, (string)feed["arm"]!);
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/users/reader-1/feed?experiment=nope")).Status);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_experiment_routes()
    {
        var openApi = (await Http.GetJsonAsync("/openapi/v1.json")).Body!;
        foreach (var path in new[] { "/v1/experiments", "/v1/experiments/{id}", "/v1/experiments/{id}/start", "/v1/experiments/{id}/stop",
                     "/v1/experiments/{id}/assign", "/v1/experiments/{id}/outcomes", "/v1/experiments/{id}/results" })
            Assert.NotNull(openApi["paths"]![path]);
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_the_reason()
    {
        var (status, problem) = await Http.PostJsonAsync("/v1/experiments", new
        {
            id = "bad-exp",
            arms = new object[] { new { name = "a", weight = -1 }, new { name = "b", feed = new { diversityWeight = 3 } } },
            metrics = new object[] { new { name = "clicks", kind = "median" } },
        });
        Assert.Equal(400, status);
        var errors = problem!["errors"]!.AsObject();
        Assert.Contains("must be a positive number", (string)errors["arms[0].weight"]![0]!);
        Assert.Contains("diversityWeight", (string)errors["arms[1].feed"]![0]!);
        Assert.Contains("'mean', 'proportion' or 'ratio'", (string)errors["metrics[0].kind"]![0]!);

        Assert.NotNull((await Http.PostJsonAsync("/v1/experiments", new { id = "bad id" })).Body!["errors"]!["id"]);
        Assert.NotNull((await Http.PostJsonAsync("/v1/experiments", new { id = "no-arms" })).Body!["errors"]!["arms"]);
        Assert.NotNull((await Http.PostJsonAsync("/v1/experiments", """{"id":"typed","arms":"two"}""")).Body!["errors"]!["arms"]);
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/experiments/never/results")).Status);
        Assert.Equal(404, (await Http.PostJsonAsync("/v1/experiments/never/start", null)).Status);

        Assert.Equal(201, (await Http.PostJsonAsync("/v1/experiments", Definition("dup-exp"))).Status);
        Assert.Equal(409, (await Http.PostJsonAsync("/v1/experiments", Definition("dup-exp"))).Status);
        Assert.Equal(409, (await Http.PostJsonAsync("/v1/experiments/dup-exp/outcomes", new { userId = "u1", metric = "clicks", value = 1 })).Status);
        await Http.PostJsonAsync("/v1/experiments/dup-exp/start", null);
        Assert.NotNull((await Http.PostJsonAsync("/v1/experiments/dup-exp/outcomes", new { userId = "u1", metric = "clicks", value = 1 })).Body!["errors"]!["userId"]);
        Assert.NotNull((await Http.PostJsonAsync("/v1/experiments/dup-exp/outcomes", new { userId = "u1", metric = "revenue", value = 1 })).Body!["errors"]!["metric"]);
        Assert.NotNull((await Http.PostJsonAsync("/v1/experiments/dup-exp/outcomes", new { userId = "u1", metric = "clicks" })).Body!["errors"]!["value"]);
        Assert.NotNull((await Http.PostJsonAsync("/v1/experiments/dup-exp/assign", new { userId = "" })).Body!["errors"]!["userId"]);
    }
}

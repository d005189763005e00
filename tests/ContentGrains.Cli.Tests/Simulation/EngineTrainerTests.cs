using System.Net;
using System.Text;
using ContentGrains.Cli.Import;
using ContentGrains.Cli.Simulation;

namespace ContentGrains.Cli.Tests.Simulation;

/// <summary>
/// Retraining between simulated days against a scripted handler, for the API shapes the engine may answer with: a
/// synchronous 200 with the version (today's engine, also covered end to end), and a 202 with a job to poll.
/// </summary>
public sealed class EngineTrainerTests
{
    private sealed class ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            Requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
            return Task.FromResult(answer(request, Requests.Count));
        }
    }

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static EngineTrainer Trainer(ScriptedHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://engine/") }, pollEvery: TimeSpan.Zero, giveUpAfter: TimeSpan.FromSeconds(5));

    [Fact]
    public async Task A_synchronous_answer_names_the_new_version()
    {
        var handler = new ScriptedHandler((_, _) => Json("""{"name":"default","version":7,"kind":"ease","champion":true}"""));
        Assert.Equal("version 7 (ease)", await Trainer(handler).TrainAsync(default));
        Assert.Equal(["POST /v1/models/train"], handler.Requests);
    }

    [Fact]
    public async Task An_accepted_job_is_polled_until_it_reaches_a_final_status()
    {
        var handler = new ScriptedHandler((_, n) => n switch
        {
            1 => Json("""{"jobId":"job-42","status":"queued"}""", HttpStatusCode.Accepted),
            2 => Json("""{"jobId":"job-42","status":"running","progress":0.5}"""),
            _ => Json("""{"jobId":"job-42","status":"Succeeded","version":8}"""),
        });
        Assert.Equal("job job-42 succeeded: version 8", await Trainer(handler).TrainAsync(default));
        Assert.Equal(["POST /v1/models/train", "GET /v1/models/jobs/job-42", "GET /v1/models/jobs/job-42"], handler.Requests);
    }

    [Fact]
    public async Task The_click_registry_is_trained_and_its_job_polled_with_model_click()
    {
        var handler = new ScriptedHandler((_, n) => n == 1
            ? new HttpResponseMessage(HttpStatusCode.Accepted) { Headers = { Location = new Uri("http://engine/v1/models/jobs/c9?model=click") } }
            : Json("""{"status":"succeeded","version":3,"kind":"click"}"""));

        Assert.Equal("job c9 succeeded: version 3 (click)", await Trainer(handler).TrainAsync(default, EngineTrainer.ClickModel));
        Assert.Equal(["POST /v1/models/train?model=click", "GET /v1/models/jobs/c9?model=click"], handler.Requests);
        Assert.True(SimulateOptions.Parse(["--url", "http://127.0.0.1:5080", "--retrain-click-every-day"]).Options!.RetrainClickEveryDay);
    }

    [Fact]
    public async Task A_feed_kind_goes_on_the_train_call_and_the_job_is_polled_by_registry_alone()
    {
        var handler = new ScriptedHandler((_, n) => n == 1
            ? Json("""{"jobId":"e1","status":"queued"}""", HttpStatusCode.Accepted)
            : Json("""{"status":"succeeded","version":2,"kind":"embedding"}"""));

        Assert.Equal("job e1 succeeded: version 2 (embedding)", await Trainer(handler).TrainAsync(default, kind: "embedding"));
        Assert.Equal(["POST /v1/models/train?kind=embedding", "GET /v1/models/jobs/e1"], handler.Requests);
        var options = SimulateOptions.Parse(["--url", "http://127.0.0.1:5080", "--retrain-every-day", "--feed-kind", "embedding"]).Options!;
        Assert.Equal("embedding", options.FeedKind);
    }

    [Fact]
    public void A_feed_kind_without_feed_retraining_or_with_a_bad_name_is_refused_naming_the_option()
    {
        var (alone, aloneError) = SimulateOptions.Parse(["--url", "http://127.0.0.1:5080", "--feed-kind", "embedding"]);
        var (bad, badError) = SimulateOptions.Parse(["--url", "http://127.0.0.1:5080", "--retrain-every-day", "--feed-kind", "no spaces"]);

        Assert.Null(alone);
        Assert.StartsWith("--feed-kind", aloneError);
        Assert.Null(bad);
        Assert.StartsWith("--feed-kind", badError);
    }

    [Fact]
    public async Task A_job_id_given_only_in_the_location_header_is_polled_and_a_refusal_is_an_error()
    {
        var accepted = new ScriptedHandler((_, n) => n == 1
            ? new HttpResponseMessage(HttpStatusCode.Accepted) { Headers = { Location = new Uri("http://engine/v1/models/jobs/17") } }
            : Json("""{"id":17,"state":"failed","error":"no events"}"""));
        Assert.StartsWith("job 17 failed: ", await Trainer(accepted).TrainAsync(default));

        var refused = new ScriptedHandler((_, _) => Json("""{"detail":"a training run is already in progress"}""", HttpStatusCode.Conflict));
        var error = await Assert.ThrowsAsync<TargetUnavailableException>(() => Trainer(refused).TrainAsync(default));
        Assert.Contains("answered 409", error.Message);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using ContentGrains.Abstractions;
using ContentGrains.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains.Tests;

/// <summary>The sentiment webhook against a real local HTTP listener: what it posts, its bounded retries, and that Send never waits.</summary>
public sealed class SentimentWebhookTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 10, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly HttpListener listener = new();
    private readonly string url = $"http://127.0.0.1:{Ports.Free()}/hook/";
    private readonly List<(int Status, string Body)> calls = [];

    private static SentimentAlertView Alert(string key) =>
        new(key, "item", key[5..], Day, Day.AddDays(1), 8, 10, 0.8, 0.104, 3e-7, Day.AddHours(5));

    private SentimentWebhook Start(Func<int, int> status, int attempts)
    {
        listener.Prefixes.Add(url);
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception error) when (error is HttpListenerException or ObjectDisposedException) { return; }
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                int answer;
                lock (calls)
                {
                    answer = status(calls.Count + 1);
                    calls.Add((answer, body));
                }
                context.Response.StatusCode = answer;
                context.Response.Close();
            }
        });
        var options = Options.Create(new EngineOptions
        {
            Sentiment = new SentimentOptions { WebhookUrl = url, WebhookAttempts = attempts, WebhookRetryDelay = TimeSpan.FromMilliseconds(50) },
        });
        return new SentimentWebhook(options, NullLogger<SentimentWebhook>.Instance);
    }

    private int Calls { get { lock (calls) return calls.Count; } }

    [Fact]
    public async Task A_receiver_that_fails_once_gets_the_alerts_as_json_on_the_retry()
    {
        await using var webhook = Start(n => n == 1 ? 503 : 204, attempts: 3);

        webhook.Send([Alert("item:amp"), Alert("item:mic")]);

        await Eventually.Get(() => Task.FromResult(webhook.Statistics), s => s.Delivered == 1, "the retried call delivered");
        Assert.Equal([503, 204], calls.Select(c => c.Status));
        var alerts = JsonNode.Parse(calls[1].Body)!["alerts"]!.AsArray();
        Assert.Equal(["item:amp", "item:mic"], alerts.Select(a => (string)a!["key"]!));
        Assert.Equal((8, 10, 0.8), ((int)alerts[0]!["negative"]!, (int)alerts[0]!["total"]!, (double)alerts[0]!["negativeShare"]!));
        Assert.Equal(Day, (DateTimeOffset)alerts[0]!["windowStart"]!);
    }

    [Fact]
    public async Task A_receiver_that_always_fails_is_tried_the_configured_number_of_times_then_given_up()
    {
        await using var webhook = Start(_ => 500, attempts: 3);

        webhook.Send([Alert("item:amp")]);

        await Eventually.Get(() => Task.FromResult(webhook.Statistics), s => s.Failed == 1, "the call given up");
        await Task.Delay(400); // a fourth try would come 200 ms after the third
        Assert.Equal(3, Calls);
        Assert.Equal((0L, 1L), webhook.Statistics);
    }

    [Fact]
    public async Task Without_a_url_nothing_is_sent()
    {
        await using var webhook = new SentimentWebhook(Options.Create(new EngineOptions()), NullLogger<SentimentWebhook>.Instance);

        webhook.Send([Alert("item:amp")]);

        Assert.Equal((0L, 0L), webhook.Statistics);
    }

    public void Dispose() => listener.Close();
}

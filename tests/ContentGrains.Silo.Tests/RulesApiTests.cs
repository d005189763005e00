using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// POST /v1/rules/mine and GET /v1/items/{id}/also on a real host process. Five one-session baskets: ann, bob and cat
/// read alien and aliens, dan reads alien, eve reads heat.
/// </summary>
public sealed class RulesApiTests : SqliteSiloTests
{
    protected override async Task SeedAsync()
    {
        var (status, result) = await Http.PostJsonAsync("/v1/events", AlienAudience());
        Assert.Equal((200, 8), (status, (int)result!["accepted"]!));
    }

    [Fact]
    public async Task Mining_serves_also_read_rules_with_hand_computed_measures()
    {
        var (_, before) = await Http.GetJsonAsync("/v1/items/alien/also");
        Assert.Empty(before!["rules"]!.AsArray());
        Assert.Null(before["version"]);

        var (status, run) = await Http.PostJsonAsync("/v1/rules/mine", new { });
        Assert.Equal(200, status);
        Assert.Equal((1, 5, 8), ((int)run!["version"]!, (int)run["baskets"]!, (int)run["eventsRead"]!));

        // alien ⇒ aliens: 3 of alien's 4 baskets (confidence 0.75), aliens in 3 of 5 (lift 0.75 / 0.6 = 1.25), support 3/5.
        var also = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/items/alien/also")).Body!,
            a => a["version"] is not null, "the mined rules on the silo");
        var rule = also["rules"]!.AsArray().Single()!;
        Assert.Equal("aliens", (string)rule["itemId"]!);
        Assert.Equal((3, 0.6, 0.75, 1.25), ((int)rule["count"]!, (double)rule["support"]!, (double)rule["confidence"]!, Math.Round((double)rule["lift"]!, 12)));
        Assert.Empty((await Http.GetJsonAsync("/v1/items/heat/also")).Body!["rules"]!.AsArray());
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/items/alien/also?count=0")).Status);
    }
}

using System.Net;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowDefinitions.Api.FunctionalTests.Controllers;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Adversarial;

/// <summary>
/// Finding: one tenant could keep the service busy for everyone. Rate and concurrency limits per organization (off by
/// default) answer 429 with Retry-After and leave other organizations alone; a request that runs too long is a 504.
/// </summary>
public class FairnessTests
{
    [Test]
    public async Task WithoutConfiguration_NothingIsRateLimited()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClientFor("unlimited-org");

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => client.GetAsync("/v1/workflows/limits/max-allowed")));

        Assert.Multiple(() =>
        {
            Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
            Assert.That(factory.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter, Is.Null, "no limiter runs per request");
        });
    }

    [Test]
    public async Task AnOrganizationAboveItsRate_Gets429WithRetryAfter_OthersDoNot()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["RateLimiting:RequestsPerSecond"] = "2", ["RateLimiting:Burst"] = "3" });
        using var busy = factory.CreateClientFor("busy-org");
        using var quiet = factory.CreateClientFor("quiet-org");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await busy.GetAsync("/v1/workflows/limits/max-allowed"));
        }

        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await refused.AssertErrorAsync(HttpStatusCode.TooManyRequests, "Too many requests");
        Assert.Multiple(async () =>
        {
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.InRange(3, 4), "the burst, and what refills meanwhile");
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
            await (await quiet.GetAsync("/v1/workflows/limits/max-allowed")).AssertStatusAsync(HttpStatusCode.OK);
        });
    }

    [Test]
    public async Task AnOrganizationAboveItsConcurrency_Gets429_OthersDoNot()
    {
        await using var api = await FakeAutomationApi.StartAsync();
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["RateLimiting:ConcurrentRequests"] = "1",
            ["Automation:BaseUrl"] = api.BaseAddress.ToString(),
        });
        using var busy = factory.CreateClientFor("concurrent-org");
        using var quiet = factory.CreateClientFor("other-org");
        api.Delay = TimeSpan.FromSeconds(2);
        var slow = busy.PostAsync("/v2/flows/templates", JsonBody(WithMailAction()));
        await WaitUntilAsync(() => api.Requests.Count > 0);

        var second = await busy.GetAsync("/v1/workflows/limits/max-allowed");
        var other = await quiet.GetAsync("/v1/workflows/limits/max-allowed");

        await second.AssertErrorAsync(HttpStatusCode.TooManyRequests, "Too many requests");
        await other.AssertStatusAsync(HttpStatusCode.OK);
        await (await slow).AssertStatusAsync(HttpStatusCode.Created);
        await (await busy.GetAsync("/v1/workflows/limits/max-allowed")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task ARequestRunningLongerThanTheTimeout_Is504_AndLeavesNothingBehind()
    {
        await using var api = await FakeAutomationApi.StartAsync();
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["RequestLimits:RequestTimeoutSeconds"] = "1",
            ["Automation:BaseUrl"] = api.BaseAddress.ToString(),
        });
        using var client = factory.CreateClientFor("timeout-org");
        api.Delay = TimeSpan.FromSeconds(3);

        var response = await client.PostAsync("/v2/flows/templates", JsonBody(WithMailAction()));

        await response.AssertErrorAsync(HttpStatusCode.GatewayTimeout, "Request timed out");
        api.Delay = TimeSpan.Zero;
        await WaitUntilAsync(() => api.FlowsOf("timeout-org").Count == 0);
        Assert.That(await client.WorkflowCountAsync(), Is.Zero);
    }

    private static string WithMailAction() => """
        {"name": "Slow", "tasks": [{"id": "t1", "name": "Mail", "task_type": "AUTOMATION",
          "automation_config": {"action_config": {"type": "send-email"}}}], "edges": []}
        """;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.That(condition(), Is.True);
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Errors;

/// <summary>
/// A store too contended to commit in time, or one that cannot tell whether a commit landed, is a 503 the client can act
/// on (retry, or read back), with <c>Retry-After</c> — not a 500 and not minutes of waiting.
/// </summary>
public class StoreUnavailableTests
{
    [Test]
    public async Task AStoreBusyWithConcurrentWrites_Answers503_WithRetryAfter()
    {
        using var factory = new ApiFactory(configureServices: services =>
            services.AddScoped<IWorkflowSlots>(_ => new FailingSlots(new StoreBusyException(TimeSpan.FromSeconds(5), new InvalidOperationException("write conflict")))));
        using var client = factory.CreateClientFor("org");

        var response = await client.PostAsync("/v2/flows/templates", JsonBody(FlowSamples.Minimal));

        await response.AssertErrorAsync(HttpStatusCode.ServiceUnavailable,
            "Too many concurrent writes of this organization's workflows; the write was tried for 5 s and not stored. Retry it.");
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task AWriteWhoseOutcomeIsUnknown_Answers503_AskingToReadBack()
    {
        using var factory = new ApiFactory(configureServices: services =>
            services.AddScoped<IWorkflowSlots>(_ => new FailingSlots(new WriteOutcomeUnknownException(new TimeoutException("connection reset during commit")))));
        using var client = factory.CreateClientFor("org");

        var response = await client.PostAsync("/v1/workflows/definitions", JsonBody("""{"name": "Lead", "flow": []}"""));

        var body = await response.AssertErrorAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Multiple(() =>
        {
            Assert.That(body["message"]!.GetValue<string>(), Does.Contain("read the resource"));
            Assert.That(body.ToJsonString(), Does.Not.Contain("connection reset"));
            Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        });
    }
}

using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowDefinitions.Api.FunctionalTests.Controllers;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Adversarial;

/// <summary>
/// Finding: listFlowTemplates, getDefinitions and getAllClosingReasons built the whole organization in memory before
/// answering (1,000 flows of 6 MiB is 6 GB). They are written item by item as the store returns them, byte for byte
/// as before.
/// </summary>
public class StreamedListTests
{
    [Test]
    public async Task Lists_AreExactlyTheItemsAsTheirSingleReadsAnswerThem()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClientFor("list-bytes-org");
        var reasons = new List<string>();
        var definitions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var reason = await (await client.PostAsync("/v1/workflows/closing-reasons", JsonBody($$$"""{"title": "Reason {{{i}}} ü😀", "note": {"n": [1.50, 1E+2]}}"""))).ReadJsonAsync();
            reasons.Add(await client.GetStringAsync($"/v2/workflows/closing-reasons/{reason["id"]}"));
            var definition = await (await client.PostAsync("/v1/workflows/definitions", JsonBody(DefinitionSamples.LeadQualification))).ReadJsonAsync();
            definitions.Add(await client.GetStringAsync($"/v1/workflows/definitions/{definition["id"]}"));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await client.GetStringAsync("/v1/workflows/closing-reasons"), Is.EqualTo($$"""{"reasons":[{{string.Join(",", reasons)}}]}"""));
            Assert.That(await client.GetStringAsync("/v1/workflows/definitions"), Is.EqualTo($"[{string.Join(",", definitions)}]"));
        });
    }

    [Test]
    public async Task FlowList_IsTheFlowsWithoutTheirLimitWarnings_NewestFirst()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClientFor("list-flows-org");
        var expected = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var flow = await client.CreateAsync(FlowSamples.CustomerOnboarding);
            var read = await client.GetFlowAsync(flow.Id());
            read.Remove("limit_warnings");
            expected.Insert(0, read.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }

        Assert.That(await client.GetStringAsync("/v2/flows/templates"), Is.EqualTo($$"""{"results":[{{string.Join(",", expected)}}]}"""));
    }

    [Test]
    public async Task AList_IsWrittenWhileTheStoreIsStillReadingIt()
    {
        var gate = new TaskCompletionSource();
        using var factory = new ApiFactory(configureServices: services =>
            services.Replace(ServiceDescriptor.Scoped<IClosingReasonRepository>(provider =>
                new GatedCatalog(ActivatorUtilities.CreateInstance<SqliteClosingReasonRepository>(provider), gate.Task))));
        using var client = factory.CreateClientFor("list-stream-org");
        for (var i = 0; i < 4; i++)
        {
            await (await client.PostAsync("/v1/workflows/closing-reasons", JsonBody($$"""{"id": "r{{i}}", "title": "Reason", "text": "{{new string('x', 20_000)}}"}""")))
                .AssertStatusAsync(HttpStatusCode.Created);
        }

        using var response = await client.GetAsync("/v1/workflows/closing-reasons", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var start = new byte[64];
        var read = await body.ReadAtLeastAsync(start, start.Length).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(Encoding.UTF8.GetString(start, 0, read), Does.StartWith("""{"reasons":[{"id":"r0","""), "the first reasons arrive while the store holds back the rest");
        gate.SetResult();
        var rest = await new StreamReader(body).ReadToEndAsync();
        Assert.That(JsonNode.Parse(Encoding.UTF8.GetString(start, 0, read) + rest)!["reasons"]!.AsArray(), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task AStoreFailingInTheMiddleOfAList_BreaksTheAnswer_RatherThanEndingItEarly()
    {
        using var factory = new ApiFactory(configureServices: services =>
            services.Replace(ServiceDescriptor.Scoped<IClosingReasonRepository>(provider =>
                new GatedCatalog(ActivatorUtilities.CreateInstance<SqliteClosingReasonRepository>(provider), Task.FromException(new InvalidOperationException("store lost"))))));
        using var client = factory.CreateClientFor("list-broken-org");
        for (var i = 0; i < 4; i++)
        {
            await client.PostAsync("/v1/workflows/closing-reasons", JsonBody($$"""{"title": "Reason {{i}}", "text": "{{new string('x', 20_000)}}"}"""));
        }

        Assert.CatchAsync(async () => await (await client.GetAsync("/v1/workflows/closing-reasons")).Content.ReadAsStringAsync(),
            "a client must not take a cut list for a whole one");
    }

    /// <summary>The real catalog, holding back everything after the second reason until <paramref name="gate"/> completes.</summary>
    private sealed class GatedCatalog(IClosingReasonRepository inner, Task gate) : IClosingReasonRepository
    {
        public Task<ClosingReason?> FindAsync(OrganizationId organizationId, ClosingReasonId id, CancellationToken cancellationToken) =>
            inner.FindAsync(organizationId, id, cancellationToken);

        public async IAsyncEnumerable<ClosingReason> ListAsync(
            OrganizationId organizationId, bool includeInactive, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var count = 0;
            await foreach (var reason in inner.ListAsync(organizationId, includeInactive, cancellationToken))
            {
                if (count++ == 2)
                {
                    await gate;
                }

                yield return reason;
            }
        }

        public Task AddAsync(ClosingReason reason, int maxReasons, CancellationToken cancellationToken) => inner.AddAsync(reason, maxReasons, cancellationToken);

        public Task UpdateAsync(ClosingReason reason, CancellationToken cancellationToken) => inner.UpdateAsync(reason, cancellationToken);

        public Task<bool> DeleteAsync(OrganizationId organizationId, ClosingReasonId id, long? revision, CancellationToken cancellationToken) =>
            inner.DeleteAsync(organizationId, id, revision, cancellationToken);
    }
}

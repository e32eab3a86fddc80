using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using WorkflowDefinitions.Api.FunctionalTests.Controllers;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Telemetry;

/// <summary>What the meter provider exports over OTLP: ASP.NET Core's, the runtime's and the service's own metrics.</summary>
public class MetricsTests
{
    private const string Organization = "metrics-org";

    [Test]
    public async Task Requests_AreMeasured_ByAspNetCoreTheRuntimeAndTheServicesOwnCounters()
    {
        var exported = new List<MetricSnapshot>();
        using var factory = new ApiFactory(
            new Dictionary<string, string?> { [$"WorkflowLimits:PerOrg:{Organization}"] = "2", ["FlowLimits:MaxTasks"] = "1" },
            services => services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported)));
        using var client = factory.CreateClientFor(Organization);

        var flow = await client.CreateAsync(FlowSamples.Minimal);
        await (await client.PutAsync($"/v2/flows/templates/{flow.Id()}", JsonBody(FlowSamples.Minimal))).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.PostAsync("/v2/flows/templates?enforce_limits=true", JsonBody(FlowSamples.Minimal))).AssertErrorAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsync("/v2/flows/templates", JsonBody("""
            {"name": "Broken", "tasks": [{"id": "t1", "name": "A", "task_type": "MANUAL"}], "edges": [{"id": "e1", "from_id": "t1", "to_id": "gone"}, {"id": "e2", "from_id": "t1", "to_id": "away"}]}
            """))).AssertErrorAsync(HttpStatusCode.BadRequest);
        var definition = await client.PostAsync("/v1/workflows/definitions", JsonBody(DefinitionSamples.LeadQualification));
        await definition.AssertStatusAsync(HttpStatusCode.Created);
        await (await client.PostAsync("/v1/workflows/definitions", JsonBody(DefinitionSamples.LeadQualification))).AssertErrorAsync(HttpStatusCode.BadRequest);
        foreach (var _ in new[] { "read", "answered again", "answered again" })
        {
            await (await client.PostAsync("/v2/flows/templates:search", JsonBody("""{"name": "metrics"}"""))).AssertStatusAsync(HttpStatusCode.OK);
        }

        await (await client.DeleteAsync($"/v2/flows/templates/{flow.Id()}")).AssertStatusAsync(HttpStatusCode.NoContent);
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Multiple(() =>
        {
            Assert.That(Sum(exported, "workflow_definitions.workflows.created", ("organization.id", Organization), ("workflow.model", "flow"), ("workflow.origin", "create")), Is.EqualTo(1));
            Assert.That(Sum(exported, "workflow_definitions.workflows.created", ("organization.id", Organization), ("workflow.model", "definition")), Is.EqualTo(1));
            Assert.That(Sum(exported, "workflow_definitions.workflows.updated", ("organization.id", Organization), ("workflow.model", "flow")), Is.EqualTo(1));
            Assert.That(Sum(exported, "workflow_definitions.workflows.deleted", ("organization.id", Organization), ("workflow.model", "flow")), Is.EqualTo(1));
            Assert.That(Sum(exported, "workflow_definitions.quota.rejections", ("organization.id", Organization)), Is.EqualTo(1));
            Assert.That(Sum(exported, "workflow_definitions.flow_limit_warnings", ("limit", "errors.flow_max_tasks"), ("enforced", false)), Is.EqualTo(2), "create and update");
            Assert.That(Sum(exported, "workflow_definitions.flow_limit_warnings", ("limit", "errors.flow_max_tasks"), ("enforced", true)), Is.EqualTo(1));
            Assert.That(Sum(exported, "workflow_definitions.validation.failures",
                ("operation", "createFlowTemplate"), ("rule", "edges[].to_id '*' does not reference an existing task (edge '*')")), Is.EqualTo(2));
            Assert.That(exported.Select(m => m.Name), Is.SupersetOf(new[]
            {
                "workflow_definitions.sqlite.write.wait", "workflow_definitions.sqlite.write.duration",
                "workflow_definitions.sqlite.commit.duration", "workflow_definitions.sqlite.commit.writes",
            }));
            Assert.That(FirstBounds(exported, "workflow_definitions.sqlite.commit.duration"), Is.EqualTo(new[] { 0.0001, 0.00025, 0.0005, 0.001 }), "buckets for durations in seconds");
            Assert.That(Sum(exported, "workflow_definitions.sqlite.search_cache.lookups", ("result", "miss")), Is.EqualTo(1));
            Assert.That(Sum(exported, "workflow_definitions.sqlite.search_cache.lookups", ("result", "hit")), Is.EqualTo(2));
            Assert.That(Sum(exported, "workflow_definitions.sqlite.search_cache.size"), Is.GreaterThan(0), "the search kept");
            Assert.That(exported.Select(m => m.Name), Has.Member("http.server.request.duration"));
            Assert.That(exported.Select(m => m.Name), Has.Some.StartsWith("dotnet.gc."));
        });
    }

    /// <summary>The first four bucket bounds of a histogram's latest export.</summary>
    private static double[] FirstBounds(List<MetricSnapshot> exported, string name)
    {
        foreach (var point in exported.Last(m => m.Name == name).MetricPoints)
        {
            var bounds = new List<double>();
            foreach (var bucket in point.GetHistogramBuckets())
            {
                bounds.Add(bucket.ExplicitBound);
            }

            return [.. bounds.Take(4)];
        }

        return [];
    }

    /// <summary>The latest total of a counter over the points carrying all the given attributes.</summary>
    private static long Sum(List<MetricSnapshot> exported, string name, params (string Key, object Value)[] attributes)
    {
        var metric = exported.LastOrDefault(m => m.Name == name);
        if (metric is null)
        {
            return 0;
        }

        long total = 0;
        foreach (var point in metric.MetricPoints)
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            if (attributes.All(a => Equals(tags.GetValueOrDefault(a.Key), a.Value)))
            {
                total += point.GetSumLong();
            }
        }

        return total;
    }
}

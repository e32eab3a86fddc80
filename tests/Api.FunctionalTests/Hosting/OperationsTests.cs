using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using WorkflowDefinitions.Api.Telemetry;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Hosting;

/// <summary>What operators rely on: probes, durability, traces and fail-fast configuration.</summary>
public class OperationsTests
{
    [Test]
    public async Task HealthEndpoints_AnswerWithoutAToken()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        await live.AssertStatusAsync(HttpStatusCode.OK);
        await ready.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That((await ready.ReadJsonAsync())["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Readiness_WhenTheDatabaseCannotBeOpened_Answers503WithAMessage_WhileLivenessStaysUp()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        await (await client.GetAsync("/health/ready")).AssertStatusAsync(HttpStatusCode.OK);

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(factory.DatabasePath)!))
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(factory.DatabasePath);

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        var body = await ready.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SQLite database is not reachable.");
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("Unhealthy"));
        await live.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task StoredData_SurvivesARestartOverTheSameFile()
    {
        var directory = Directory.CreateTempSubdirectory("wd-restart-").FullName;
        var databasePath = Path.Combine(directory, "restart.db");
        try
        {
            string created;
            using (var first = new ApiFactory(databasePath: databasePath))
            using (var client = first.CreateClientFor("org-restart"))
            {
                var response = await client.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"id": "kept", "title": "survives", "x": {"y": [1]}}"""));
                await response.AssertStatusAsync(HttpStatusCode.Created);
                created = (await response.ReadJsonAsync()).ToJsonString();
            }

            using var second = new ApiFactory(databasePath: databasePath);
            using var again = second.CreateClientFor("org-restart");

            var fetched = await again.GetAsync("/v2/workflows/closing-reasons/kept");

            await fetched.AssertStatusAsync(HttpStatusCode.OK);
            Assert.That((await fetched.ReadJsonAsync()).ToJsonString(), Is.EqualTo(created));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase(null, false)]
    [TestCase("http://collector.invalid:4317", true)]
    public void Traces_AreRecordedOnlyWhenExported(string? endpoint, bool recorded)
    {
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint });

        Assert.That(factory.Services.GetService<TracerProvider>() is not null, Is.EqualTo(recorded));
    }

    [TestCase("/v1/workflows/closing-reasons", """{"title": "traced"}""", "CreateClosingReasonCommand", "insert closing_reasons")]
    [TestCase("/v2/flows/templates", """{"name": "Traced flow", "tasks": [], "edges": []}""", "CreateFlowTemplateCommand", "insert flow_templates")]
    [TestCase("/v1/workflows/definitions", """{"name": "Traced definition", "flow": []}""", "CreateDefinitionCommand", "insert workflow_definitions")]
    public async Task ACreateRequest_YieldsServerHandlerAndStoreSpans_InOneTrace(string path, string body, string handlerSpan, string storeSpan)
    {
        var spans = new List<Activity>();
        using var factory = new ApiFactory(configureServices: services =>
            services.AddOpenTelemetry().WithTracing(tracing => TelemetrySetup.InstrumentTraces(tracing).AddInMemoryExporter(spans)));
        using var client = factory.CreateClientFor("org-traced");

        var response = await client.PostAsync(path, JsonBody(body));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        // The server span ends after the response has reached the client: wait for it (at most 5 s).
        for (var waited = 0; waited < 50 && !spans.ToArray().Any(s => s.Kind == ActivityKind.Server); waited++)
        {
            factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
            await Task.Delay(100);
        }

        var server = spans.Single(s => s.Kind == ActivityKind.Server);
        var handler = spans.Single(s => s.DisplayName == handlerSpan);
        var store = spans.Single(s => s.DisplayName == storeSpan);
        Assert.Multiple(() =>
        {
            Assert.That(handler.TraceId, Is.EqualTo(server.TraceId));
            Assert.That(store.TraceId, Is.EqualTo(server.TraceId));
            Assert.That(store.ParentSpanId, Is.EqualTo(handler.SpanId));
            Assert.That(handler.GetTagItem("workflow_definitions.organization_id"), Is.EqualTo("org-traced"));
            Assert.That(store.GetTagItem("db.system.name"), Is.EqualTo("sqlite"));
        });
    }

    [Test]
    public async Task AFailedRequest_TagsItsHandlerSpan_AndMarksItAnErrorOnlyWhenTheServiceFailed()
    {
        var spans = new List<Activity>();
        using var factory = new ApiFactory(configureServices: services =>
        {
            services.AddOpenTelemetry().WithTracing(tracing => TelemetrySetup.InstrumentTraces(tracing).AddInMemoryExporter(spans));
            services.AddScoped<IWorkflowSlots>(_ => new FailingSlots(new InvalidOperationException("the store failed")));
        });
        using var client = factory.CreateClientFor("org-traced");

        await (await client.GetAsync("/v2/flows/templates/missing")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/v2/flows/templates", JsonBody(FlowSamples.Minimal))).AssertErrorAsync(HttpStatusCode.InternalServerError);
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var notFound = spans.Single(s => s.DisplayName == "GetFlowTemplateQuery");
        var failed = spans.Single(s => s.DisplayName == "CreateFlowTemplateCommand");
        Assert.Multiple(() =>
        {
            Assert.That(notFound.GetTagItem("error.type"), Is.EqualTo("NotFoundException"));
            Assert.That(notFound.Status, Is.EqualTo(ActivityStatusCode.Unset), "a client's error is not the service's");
            Assert.That(failed.GetTagItem("error.type"), Is.EqualTo("InvalidOperationException"));
            Assert.That(failed.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(failed.Events.Select(e => e.Name), Has.Member("exception"));
        });
    }
}

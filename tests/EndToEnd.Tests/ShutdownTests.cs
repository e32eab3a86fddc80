using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.EndToEnd.Tests.Support;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.EndToEnd.Tests;

/// <summary>
/// Graceful shutdown of the service process: on SIGTERM it stops accepting connections, lets the requests in flight
/// finish within <c>Shutdown__TimeoutSeconds</c>, and exits with 0. A request is kept in flight by an Automation API
/// that answers slowly.
/// </summary>
[NonParallelizable]
public class ShutdownTests
{
    private const string FlowWithTriggerAutomation = """
        {"name": "Slow flow", "trigger": {"type": "automation", "trigger_config": [{"type": "entity_operation"}]}, "tasks": [], "edges": []}
        """;

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("wd-e2e-shutdown-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Sigterm_DuringASlowRequest_LetsItFinish_RefusesNewConnections_AndExitsWithZero()
    {
        await using var api = await FakeAutomationApi.StartAsync();
        api.Delay = TimeSpan.FromSeconds(3);
        var database = Path.Combine(_directory, "db.sqlite");
        await using var service = await StartAsync(api, database, shutdownSeconds: 20);
        using var client = service.ClientFor("shutdown-org", TimeSpan.FromSeconds(60));

        var inFlight = client.PostAsync("/v2/flows/templates", new StringContent(FlowWithTriggerAutomation, Encoding.UTF8, "application/json"));
        await WaitUntilAsync(() => api.Requests.Count > 0 || inFlight.IsCompleted);
        await service.SendTerminateSignalAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        using var lateClient = service.ClientFor("shutdown-org", TimeSpan.FromSeconds(60));
        var late = Assert.CatchAsync(() => lateClient.GetAsync("/v2/flows/templates"), "a new connection after SIGTERM is refused");
        var response = await inFlight;
        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            Assert.That(late, Is.InstanceOf<HttpRequestException>(), "a new connection after SIGTERM is refused");
            Assert.That(exitCode, Is.Zero, service.Output);
            Assert.That(api.FlowsOf("shutdown-org"), Has.Count.EqualTo(1));
        });

        await using var restarted = await StartAsync(api, database, shutdownSeconds: 20);
        using var again = restarted.ClientFor("shutdown-org", TimeSpan.FromSeconds(60));
        var listed = await again.GetStringAsync("/v2/flows/templates");
        Assert.That(listed, Does.Contain("Slow flow"), "the flow finished during shutdown was stored");
    }

    [Test]
    public async Task Sigterm_WithARequestOutlastingTheTimeout_StopsWithinTheTimeout()
    {
        await using var api = await FakeAutomationApi.StartAsync();
        api.Delay = TimeSpan.FromSeconds(60);
        await using var service = await StartAsync(api, Path.Combine(_directory, "db.sqlite"), shutdownSeconds: 2);
        using var client = service.ClientFor("slow-org", TimeSpan.FromSeconds(60));

        var inFlight = client.PostAsync("/v2/flows/templates", new StringContent(FlowWithTriggerAutomation, Encoding.UTF8, "application/json"));
        await WaitUntilAsync(() => api.Requests.Count > 0 || inFlight.IsCompleted);
        var stopwatch = Stopwatch.StartNew();
        await service.SendTerminateSignalAsync();
        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(30));
        stopwatch.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "it does not wait for the 60 s request");
            Assert.That(exitCode, Is.Zero, service.Output);
        });
    }

    private static Task<ServiceProcess> StartAsync(FakeAutomationApi api, string database, int shutdownSeconds) =>
        ServiceProcess.StartAsync(TestEnvironment.ServiceAssembly, database, new Dictionary<string, string>
        {
            ["Automation__BaseUrl"] = api.BaseAddress.ToString(),
            ["Automation__TimeoutSeconds"] = "120",
            ["Shutdown__TimeoutSeconds"] = shutdownSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });


    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 30 s.");
            }

            await Task.Delay(20);
        }
    }
}

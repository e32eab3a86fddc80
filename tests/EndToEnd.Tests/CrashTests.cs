using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.EndToEnd.Tests.Support;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.EndToEnd.Tests;

/// <summary>
/// Durability of acknowledged writes: the service process is killed with SIGKILL while creates and updates are in
/// flight, then started again on the same SQLite file. Every write it answered 201 or 200 is there, exactly as answered
/// (or replaced by an update that was in flight when the process died, which may have landed unanswered).
/// </summary>
[NonParallelizable]
public class CrashTests
{
    private const string Organization = "crash-org";

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("wd-e2e-crash-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task AcknowledgedCreatesAndUpdates_SurviveAKill9DuringWrites()
    {
        var database = Path.Combine(_directory, "db.sqlite");
        var acknowledged = new ConcurrentDictionary<string, string>();
        var unanswered = new ConcurrentDictionary<string, string>();
        using var stop = new CancellationTokenSource();

        await using (var service = await ServiceProcess.StartAsync(TestEnvironment.ServiceAssembly, database))
        {
            using var client = service.ClientFor(Organization, TimeSpan.FromSeconds(30));
            var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
            {
                for (var round = 0; !stop.IsCancellationRequested; round++)
                {
                    try
                    {
                        var created = await client.PostAsync("/v2/flows/templates", Json(FlowGenerator.Create(10, $"Writer {writer} round {round}")));
                        if (created.StatusCode != HttpStatusCode.Created)
                        {
                            continue;
                        }

                        var flow = JsonNode.Parse(await created.Content.ReadAsStringAsync())!.AsObject();
                        var id = flow["id"]!.GetValue<string>();
                        acknowledged[id] = Representation(flow);
                        var renamed = FlowGenerator.Create(10, $"Writer {writer} round {round} renamed");
                        renamed["updated_at"] = flow["updated_at"]!.GetValue<string>();
                        unanswered[id] = renamed["name"]!.GetValue<string>();
                        var updated = await client.PutAsync($"/v2/flows/templates/{id}", Json(renamed));
                        if (updated.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged[id] = Representation(JsonNode.Parse(await updated.Content.ReadAsStringAsync())!.AsObject());
                        }

                        unanswered.TryRemove(id, out _);
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToArray();

            await WaitUntilAsync(() => acknowledged.Count >= 40);
            await service.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var restarted = await ServiceProcess.StartAsync(TestEnvironment.ServiceAssembly, database);
        using var reader = restarted.ClientFor(Organization, TimeSpan.FromSeconds(30));
        var missing = new List<string>();
        foreach (var (id, representation) in acknowledged)
        {
            var response = await reader.GetAsync($"/v2/flows/templates/{id}");
            var stored = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
            var landedUnanswered = stored is not null && unanswered.TryGetValue(id, out var name) && stored["name"]!.GetValue<string>() == name;
            if (stored is null || (Representation(stored) != representation && !landedUnanswered))
            {
                missing.Add($"{id}: {(int)response.StatusCode}");
            }
        }

        Assert.That(missing, Is.Empty, $"of {acknowledged.Count} acknowledged flows, these were lost or changed after kill -9");
    }

    /// <summary>The flow as answered, without <c>limit_warnings</c>, which are computed on every read.</summary>
    private static string Representation(JsonObject flow)
    {
        flow.Remove("limit_warnings");
        return flow.ToJsonString();
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The service acknowledged too few writes within 60 s.");
            }

            await Task.Delay(10);
        }
    }

}

using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.EndToEnd.Tests.Support;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.EndToEnd.Tests;

/// <summary>The service as a process: fail-fast configuration and durability across a real restart.</summary>
[NonParallelizable]
public class StartupTests
{
    [TestCase("Auth__SigningKey", "", "Invalid configuration: Auth__SigningKey or Auth__Authority must be set")]
    [TestCase("Auth__SigningKey", "too-short", "Invalid configuration: Auth__SigningKey must be at least 32 bytes long.")]
    [TestCase("Storage__Provider", "Mongo", "Invalid configuration: Storage__Mongo__ConnectionString is required when Storage__Provider is 'Mongo'.")]
    [TestCase("Shutdown__TimeoutSeconds", "0", "Invalid configuration: Shutdown__TimeoutSeconds must be between 1 and 600.")]
    [TestCase("Shutdown__TimeoutSeconds", "soon", "Invalid configuration: Failed to convert configuration value 'soon' at 'Shutdown:TimeoutSeconds'")]
    [TestCase("HardLimits__MaxTasks", "0", "Invalid configuration: HardLimits values must be positive.")]
    [TestCase("RequestLimits__MinBodyRateGraceSeconds", "1", "Invalid configuration: RequestLimits values must be positive")]
    [TestCase("RateLimiting__RequestsPerSecond", "-1", "Invalid configuration: RateLimiting values must not be negative.")]
    [TestCase("Storage__Provider", "Postgres", "Invalid configuration: Failed to convert configuration value 'Postgres' at 'Storage:Provider'")]
    [TestCase("Revisions__MaxPerWorkflow", "0", "Invalid configuration: Revisions__MaxPerWorkflow must be at least 1.")]
    [TestCase("Changes__RetentionDays", "0", "Invalid configuration: Changes__RetentionDays must be at least 1.")]
    public async Task InvalidConfiguration_ExitsWithOneClearLine(string key, string value, string expected)
    {
        var directory = Directory.CreateTempSubdirectory("wd-e2e-config-").FullName;
        try
        {
            var (exitCode, standardError) = await ServiceProcess.RunToExitAsync(TestEnvironment.ServiceAssembly, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Auth__SigningKey"] = HmacTokens.SigningKey,
                ["Storage__Sqlite__Path"] = Path.Combine(directory, "db.sqlite"),
                [key] = value,
            });

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(1));
                Assert.That(standardError.Trim().Split('\n'), Has.Length.EqualTo(1), standardError);
                Assert.That(standardError.Trim(), Does.StartWith(expected));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase("mongodb://127.0.0.1:9/?w=1", "Invalid configuration: Storage__Mongo__ConnectionString sets w=1,")]
    [TestCase("mongodb://127.0.0.1:9/?readPreference=secondary", "Invalid configuration: Storage__Mongo__ConnectionString sets readPreference=secondary,")]
    [TestCase("mongodb://127.0.0.1:9/?replicaSet=rs0", "Start-up failed: MongoDB: no primary answered within 1 s")]
    public async Task AMongoDBThatCannotServe_StopsStartUpWithOneClearLine_WithinTheSelectionTimeout(string connectionString, string expected)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        var (exitCode, standardError) = await ServiceProcess.RunToExitAsync(TestEnvironment.ServiceAssembly, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Auth__SigningKey"] = HmacTokens.SigningKey,
            ["Storage__Provider"] = "Mongo",
            ["Storage__Mongo__ConnectionString"] = connectionString,
            ["Storage__Mongo__ServerSelectionTimeoutSeconds"] = "1",
        });

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(standardError.Trim().Split('\n'), Has.Length.EqualTo(1), standardError);
            Assert.That(standardError.Trim(), Does.StartWith(expected));
            Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(25)), "not the driver's default 30 s of server selection");
        });
    }

    [Test]
    public async Task StoredReasons_SurviveAProcessRestart()
    {
        var directory = Directory.CreateTempSubdirectory("wd-e2e-restart-").FullName;
        var database = Path.Combine(directory, "db.sqlite");
        try
        {
            await using (var first = await ServiceProcess.StartAsync(TestEnvironment.ServiceAssembly, database))
            {
                using var client = first.ClientFor("restart-org", TimeSpan.FromSeconds(30));
                var created = await client.PostAsync("/v1/workflows/closing-reasons",
                    new StringContent("""{"id": "durable", "title": "kept"}""", Encoding.UTF8, "application/json"));
                Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            await using var second = await ServiceProcess.StartAsync(TestEnvironment.ServiceAssembly, database);
            using var again = second.ClientFor("restart-org", TimeSpan.FromSeconds(30));

            var fetched = await again.GetAsync("/v2/workflows/closing-reasons/durable");

            Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task StartedFromAnotherDirectory_TheServiceReadsItsOwnAppSettings()
    {
        var directory = Directory.CreateTempSubdirectory("wd-e2e-settings-").FullName;
        try
        {
            await using var service = await ServiceProcess.StartAsync(TestEnvironment.ServiceAssembly, Path.Combine(directory, "db.sqlite"));
            using var client = service.ClientFor("settings-org", TimeSpan.FromSeconds(30));

            var listed = await client.GetAsync("/v2/flows/templates");

            Assert.Multiple(() =>
            {
                Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(service.Output, Does.Contain("Application started"), "Information from the service's own categories");
                Assert.That(service.Output, Does.Not.Contain("Microsoft.AspNetCore.Hosting.Diagnostics"),
                    "appsettings.json sets Microsoft.AspNetCore to Warning: no line per request");
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

}

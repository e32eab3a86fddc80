using DotNet.Testcontainers.Builders;
using MongoDB.Driver;
using Testcontainers.MongoDb;

namespace WorkflowDefinitions.TestSupport;

/// <summary>
/// A reachable MongoDB replica set for the tests that run on it: <c>MONGODB_URI</c> when set, else a Testcontainers
/// container when a Docker engine answers. With neither, the tests are reported skipped with the reason, never passed.
/// </summary>
public static class MongoTestServer
{
    public const string UriVariable = "MONGODB_URI";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static MongoDbContainer? _container;
    private static string? _connectionString;
    private static string? _unavailableReason;

    /// <summary>The connection string; without a server, <paramref name="skip"/> is called with the reason (NUnit's <c>Assert.Ignore</c>).</summary>
    public static async Task<string> GetConnectionStringOrSkipAsync(Action<string> skip)
    {
        await Gate.WaitAsync();
        try
        {
            if (_connectionString is null && _unavailableReason is null)
            {
                await StartAsync();
            }
        }
        finally
        {
            Gate.Release();
        }

        if (_unavailableReason is not null)
        {
            skip(_unavailableReason);
        }

        return _connectionString!;
    }

    /// <param name="configure">Changes the settings before the client is created (to observe its commands, say).</param>
    public static IMongoClient CreateClient(string connectionString, Action<MongoClientSettings>? configure = null)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        configure?.Invoke(settings);
        return new MongoClient(settings);
    }

    private static async Task StartAsync()
    {
        if (Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } uri)
        {
            _connectionString = uri;
            return;
        }

        try
        {
            _container = new MongoDbBuilder("mongo:8.0").WithReplicaSet().Build();
            await _container.StartAsync();
            _connectionString = _container.GetConnectionString();
        }
        catch (DockerUnavailableException exception)
        {
            _unavailableReason = $"MongoDB tests skipped: {UriVariable} is not set and no Docker engine is available ({exception.Message.Split('\n')[0]})";
        }
    }
}

using Microsoft.Extensions.Logging;
using MongoDB.Driver;
using MongoDB.Driver.Core.Configuration;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// What the service needs of MongoDB whatever the deployment's defaults: an acknowledged write is on a majority of the
/// replica set (it survives the loss of the primary), reads see only majority-committed data, transactions read one
/// snapshot, and everything goes to the primary (transactions cannot run elsewhere). These are set on the client and on
/// every transaction; a connection string that asks for less is refused at start-up rather than silently overridden.
/// </summary>
public static class MongoDurability
{
    public static WriteConcern WriteConcern { get; } = WriteConcern.WMajority;

    public static ReadConcern ReadConcern { get; } = ReadConcern.Majority;

    public static ReadPreference ReadPreference { get; } = ReadPreference.Primary;

    public static TransactionOptions Transactions { get; } = new(ReadConcern.Snapshot, ReadPreference.Primary, WriteConcern.WMajority);

    /// <summary>The client's settings: the connection string, then the durability above, the timeouts and the name of the service.</summary>
    public static MongoClientSettings ClientSettings(MongoStorageOptions options, ILoggerFactory? loggerFactory)
    {
        var settings = MongoClientSettings.FromConnectionString(options.ConnectionString);
        settings.WriteConcern = WriteConcern;
        settings.ReadConcern = ReadConcern;
        settings.ReadPreference = ReadPreference;
        settings.ApplicationName ??= options.ApplicationName;
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(options.ServerSelectionTimeoutSeconds);
        settings.ConnectTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds);
        if (loggerFactory is not null)
        {
            settings.LoggingSettings = new LoggingSettings(loggerFactory);
        }

        return settings;
    }

    /// <summary>
    /// Null when <paramref name="connectionString"/> is a MongoDB connection string that leaves durability to the service;
    /// otherwise the one line that says what it sets against it (or why it cannot be read).
    /// </summary>
    public static string? Contradiction(string? connectionString)
    {
        MongoUrl url;
        try
        {
            url = MongoUrl.Create(connectionString);
        }
        catch (Exception exception) when (exception is MongoConfigurationException or ArgumentException or FormatException)
        {
            return $"Storage__Mongo__ConnectionString is not a MongoDB connection string: {exception.Message.Split('\n')[0]}";
        }

        var contradictions = new List<string>();
        if (url.W is { } w && !w.Equals(WriteConcern.WValue.Parse("majority")))
        {
            contradictions.Add($"w={w}");
        }

        if (url.Journal == false)
        {
            contradictions.Add("journal=false");
        }

        if (url.ReadPreference is { } readPreference && readPreference.ReadPreferenceMode != ReadPreferenceMode.Primary)
        {
            contradictions.Add($"readPreference={char.ToLowerInvariant(readPreference.ReadPreferenceMode.ToString()[0])}{readPreference.ReadPreferenceMode.ToString()[1..]}");
        }

        if (url.ReadConcernLevel is { } level && level != ReadConcernLevel.Majority)
        {
            contradictions.Add($"readConcernLevel={char.ToLowerInvariant(level.ToString()[0])}{level.ToString()[1..]}");
        }

        return contradictions.Count == 0
            ? null
            : $"Storage__Mongo__ConnectionString sets {string.Join(", ", contradictions)}, but the service writes with w=majority, reads majority-committed data from the primary and runs transactions there: remove {(contradictions.Count == 1 ? "it" : "them")}.";
    }
}

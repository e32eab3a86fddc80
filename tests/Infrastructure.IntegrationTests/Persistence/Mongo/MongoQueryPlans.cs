using System.Collections.Concurrent;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using MongoDB.Driver.Core.Events;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>
/// Records every query command the adapter sends (find, aggregate, count, distinct, update, delete, findAndModify) and
/// has the server <c>explain</c> each one: a plan that scans a collection, sorts in memory (except the sort of the name
/// index's bounded candidates, <see cref="MongoFlowNameIndex.BoundedSortComment"/>) or reads the name index without
/// bounds on its trigrams is a problem. Run before a test's database is dropped, so each query is planned against the
/// collections and indexes it ran on.
/// </summary>
internal sealed class MongoQueryPlans
{
    private static readonly HashSet<string> QueryCommands = ["find", "aggregate", "count", "distinct", "update", "delete", "findAndModify"];

    /// <summary>What a command carries for its session, transaction and transport, which <c>explain</c> does not take.</summary>
    private static readonly HashSet<string> TransportFields =
    [
        "lsid", "txnNumber", "startTransaction", "autocommit", "readConcern", "writeConcern", "$clusterTime", "$db",
        "$readPreference", "apiVersion", "apiStrict", "apiDeprecationErrors", "recoveryToken",
    ];

    /// <summary>Parts of an explain answer that are not the chosen plan: echoes of the command, data, and the plans not taken.</summary>
    private static readonly HashSet<string> NotThePlan =
    [
        "rejectedPlans", "command", "serverInfo", "serverParameters", "parsedQuery", "filter", "indexBounds", "keyPattern",
        "slotBasedPlan", "queryShapeHash", "planCacheKey", "planCacheShapeHash",
    ];

    private readonly ConcurrentQueue<(string Database, BsonDocument Command)> _commands = new();

    /// <summary>Subscribes to the commands a client sends; set on its settings before the client is created.</summary>
    public void Observe(MongoClientSettings settings) =>
        settings.ClusterConfigurator = cluster => cluster.Subscribe<CommandStartedEvent>(started =>
        {
            if (QueryCommands.Contains(started.CommandName))
            {
                _commands.Enqueue((started.DatabaseNamespace.DatabaseName, Explainable(started.Command)));
            }
        });

    /// <summary>Explains each distinct query recorded on <paramref name="databaseName"/>; returns one line per problem.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(IMongoClient client, string databaseName)
    {
        var database = client.GetDatabase(databaseName);
        var problems = new List<string>();
        var explained = new HashSet<string>();
        foreach (var (recordedOn, command) in _commands)
        {
            if (recordedOn != databaseName || !explained.Add(command.ToJson()))
            {
                continue;
            }

            var explanation = await database.RunCommandAsync<BsonDocument>(
                new BsonDocument { { "explain", command }, { "verbosity", "queryPlanner" } });
            problems.AddRange(PlanProblems(explanation)
                .Where(problem => !(SortsBoundedKeys(command) && problem.Contains("sort", StringComparison.Ordinal)))
                .Select(problem => $"{problem} in the plan of {Describe(command)}"));
        }

        return problems;
    }

    /// <summary>The blocking stages of the chosen plan in an explain answer: collection scans and in-memory sorts.</summary>
    public static IReadOnlyList<string> PlanProblems(BsonDocument explanation)
    {
        var problems = new List<string>();
        Walk(explanation, problems);
        return problems;
    }

    private static void Walk(BsonValue value, List<string> problems)
    {
        if (value is BsonArray array)
        {
            foreach (var item in array)
            {
                Walk(item, problems);
            }

            return;
        }

        if (value is not BsonDocument document)
        {
            return;
        }

        if (document.TryGetValue("stage", out var stage) && stage is BsonString { Value: "COLLSCAN" or "SORT" } name)
        {
            problems.Add(name.Value == "COLLSCAN" ? "a collection scan (COLLSCAN)" : "an in-memory sort (SORT)");
        }

        if (document.Contains("$sort"))
        {
            problems.Add("an in-memory sort ($sort stage)");
        }

        if (ScansAllNameTrigrams(document))
        {
            problems.Add("a scan of every name trigram of the name index (IXSCAN without nameGrams bounds)");
        }

        foreach (var element in document.Elements.Where(element => !NotThePlan.Contains(element.Name)))
        {
            Walk(element.Value, problems);
        }
    }

    /// <summary>The one query allowed to sort in memory, marked by its comment: the keys of at most 1,000 name candidates.</summary>
    private static bool SortsBoundedKeys(BsonDocument command) =>
        command.TryGetValue("comment", out var comment) && comment == MongoFlowNameIndex.BoundedSortComment;

    /// <summary>
    /// An index scan of the name index whose trigram bounds are not points: the index used as a list of the organization's
    /// flows, one entry per character of every name (worse than scanning the organization in page order).
    /// </summary>
    private static bool ScansAllNameTrigrams(BsonDocument stage) =>
        stage.GetValue("stage", BsonNull.Value) == "IXSCAN"
        && stage.GetValue("indexName", BsonNull.Value) == MongoFlowNameIndex.IndexName
        && stage.TryGetValue("indexBounds", out var bounds) && bounds is BsonDocument keys
        && keys.TryGetValue("nameGrams", out var grams) && grams is BsonArray intervals
        && intervals.Any(interval => interval is BsonString { Value: var text }
            && (text.Contains("MinKey", StringComparison.Ordinal) || text.Contains("MaxKey", StringComparison.Ordinal)));

    /// <summary>A copy without the transport fields (the event's document is not the client's to keep).</summary>
    private static BsonDocument Explainable(BsonDocument command)
    {
        var copy = BsonSerializer.Deserialize<BsonDocument>(command.ToBson());
        foreach (var name in TransportFields)
        {
            copy.Remove(name);
        }

        return copy;
    }

    private static string Describe(BsonDocument command)
    {
        var text = command.ToJson();
        return text.Length <= 600 ? text : text[..600] + "…";
    }
}

using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Api.FunctionalTests.Support;

/// <summary>The store a test fixture runs the service on.</summary>
public enum Store
{
    Sqlite,
    Mongo,
}

/// <summary>
/// Puts the in-memory service on a store: its own SQLite file (the default), or a fresh database on the MongoDB test
/// server — <c>MONGODB_URI</c> or a Testcontainers replica set; without either the fixture is reported skipped.
/// </summary>
public static class Stores
{
    public static async Task<ApiFactory> StartAsync(Store store, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (store == Store.Mongo)
        {
            all["Storage:Provider"] = "Mongo";
            all["Storage:Mongo:ConnectionString"] = await MongoTestServer.GetConnectionStringOrSkipAsync(Assert.Ignore);
            all["Storage:Mongo:Database"] = $"api_{Guid.NewGuid():N}";
        }

        return new ApiFactory(all);
    }
}

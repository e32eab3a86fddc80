using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Automations;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;
using WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;
using WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Automations;

public sealed class SqliteAutomationClientTests : EmbeddedAutomationStoreContract
{
    private SqliteTestDatabase _database = null!;
    private SqliteConnectionFactory _connections = null!;
    private SqliteAutomationClient _client = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _database = new SqliteTestDatabase();
        _connections = await _database.CreateAsync();
        _client = new SqliteAutomationClient(_connections, new FakeTimeProvider(DateTimeOffset.UtcNow));
    }

    [TearDown]
    public void Delete() => _database.Dispose();

    [Test]
    public async Task ADatabaseFromBeforeRevisions_GetsTheColumn_AndItsFlowsCanBeReplaced()
    {
        using var legacy = new SqliteTestDatabase();
        await using (var connection = new SqliteConnection($"Data Source={legacy.Path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE automation_flows (organization_id TEXT NOT NULL, id TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (organization_id, id)) WITHOUT ROWID;
                INSERT INTO automation_flows VALUES ('automation-org-a', 'old', '{"id":"old","flow_name":"Old","triggers":[],"actions":[],"created_at":"2026-01-01T00:00:00.000Z"}');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var client = new SqliteAutomationClient(await legacy.CreateAsync(), TimeProvider.System);
        await client.PutFlowAsync(OrganizationA, "old", Flow("Replaced"), CancellationToken.None);

        Assert.That((await client.GetFlowAsync(OrganizationA, "old", CancellationToken.None))!["flow_name"]!.GetValue<string>(), Is.EqualTo("Replaced"));
    }

    protected override Task<IAutomationClient> ClientForAsync(OrganizationId organization) => Task.FromResult<IAutomationClient>(_client);

    protected override async Task<long> StoredRevisionAsync(OrganizationId organization, string flowId)
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT revision FROM automation_flows WHERE organization_id = @organization_id AND id = @id";
        command.Parameters.AddWithValue("@organization_id", organization.Value);
        command.Parameters.AddWithValue("@id", flowId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

[Category("Mongo")]
public sealed class MongoAutomationClientTests : EmbeddedAutomationStoreContract
{
    private readonly MongoTestDatabase _database = new();
    private MongoCollections _collections = null!;
    private MongoAutomationClient _client = null!;

    [OneTimeSetUp]
    public Task ConnectAsync() => _database.ConnectAsync();

    [OneTimeTearDown]
    public void Disconnect() => _database.Dispose();

    [SetUp]
    public async Task CreateAsync()
    {
        _collections = await _database.CreateCollectionsAsync();
        _client = new MongoAutomationClient(_collections, TimeProvider.System);
    }

    [TearDown]
    public Task DropAsync() => _database.DropAsync();

    [Test]
    public async Task AFlowStoredBeforeRevisions_CanBeReplaced()
    {
        await _collections.Database.GetCollection<BsonDocument>(MongoCollections.AutomationFlowsName).InsertOneAsync(new BsonDocument
        {
            { "organizationId", OrganizationA.Value },
            { "id", "old" },
            { "document", """{"id":"old","flow_name":"Old","triggers":[],"actions":[],"created_at":"2026-01-01T00:00:00.000Z"}""" },
        });

        await _client.PutFlowAsync(OrganizationA, "old", Flow("Replaced"), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((await _client.GetFlowAsync(OrganizationA, "old", CancellationToken.None))!["flow_name"]!.GetValue<string>(), Is.EqualTo("Replaced"));
            Assert.That(await StoredRevisionAsync(OrganizationA, "old"), Is.EqualTo(1));
        });
    }

    protected override Task<IAutomationClient> ClientForAsync(OrganizationId organization) => Task.FromResult<IAutomationClient>(_client);

    protected override async Task<long> StoredRevisionAsync(OrganizationId organization, string flowId) =>
        (await _collections.AutomationFlows.Find(MongoAutomationClient.ById(organization, flowId)).SingleAsync()).Revision;
}

/// <summary>The HTTP adapter, wired as the service wires it, against the in-process fake Automation API.</summary>
public sealed class HttpAutomationClientTests : AutomationClientContract
{
    private readonly List<ServiceProvider> _providers = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("wd-http-automation-").FullName;
    private FakeAutomationApi _api = null!;

    [OneTimeSetUp]
    public async Task StartApiAsync() => _api = await FakeAutomationApi.StartAsync();

    [OneTimeTearDown]
    public async Task StopApiAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [TearDown]
    public void ResetFaults()
    {
        _api.Reset();
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _providers.Clear();
    }

    [Test]
    public async Task EveryCall_ForwardsTheCallersBearerToken()
    {
        var client = await ClientForAsync(OrganizationA);

        await client.CreateFlowAsync(OrganizationA, Flow("Token"), CancellationToken.None);

        Assert.That(_api.Requests.Last().Authorization, Is.EqualTo($"Bearer {TokenFor(OrganizationA)}"));
    }

    [Test]
    public async Task Reads_AreRetriedAfterAServerError()
    {
        var client = await ClientForAsync(OrganizationA);
        var id = (await client.CreateFlowAsync(OrganizationA, Flow("Flaky read"), CancellationToken.None))["id"]!.GetValue<string>();
        var failures = 0;
        _api.Fault = request => request.Method == "GET" && Interlocked.Increment(ref failures) == 1 ? HttpStatusCode.ServiceUnavailable : null;

        var found = await client.GetFlowAsync(OrganizationA, id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.Not.Null);
            Assert.That(_api.Requests.Count(r => r.Method == "GET"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Writes_AreNotRetried_AndAServerErrorIsAnOutage()
    {
        var client = await ClientForAsync(OrganizationA);
        _api.Fault = request => request.Method == "POST" ? HttpStatusCode.InternalServerError : null;

        Assert.ThrowsAsync<AutomationUnavailableException>(() => client.CreateFlowAsync(OrganizationA, Flow("Fails"), CancellationToken.None));
        Assert.That(_api.Requests.Count(r => r.Method == "POST"), Is.EqualTo(1));
    }

    [Test]
    public async Task ClientErrors_AreRejections_CarryingTheApisMessage()
    {
        var client = await ClientForAsync(OrganizationA);
        _api.Fault = _ => HttpStatusCode.UnprocessableEntity;

        var exception = Assert.ThrowsAsync<AutomationRejectedException>(() => client.CreateFlowAsync(OrganizationA, Flow("Rejected"), CancellationToken.None));

        Assert.That(exception!.Message, Is.EqualTo("Automation API rejected the request (422): injected 422"));
    }

    [Test]
    public async Task Forbidden_Reads_AreTreatedAsNotFound()
    {
        var client = await ClientForAsync(OrganizationA);
        _api.Fault = _ => HttpStatusCode.Forbidden;

        Assert.That(await client.GetFlowAsync(OrganizationA, "some-id", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ASlowApi_IsAnOutage()
    {
        var client = await ClientForAsync(OrganizationA, timeoutSeconds: 2);
        _api.Delay = TimeSpan.FromSeconds(5);

        Assert.ThrowsAsync<AutomationUnavailableException>(() => client.CreateFlowAsync(OrganizationA, Flow("Slow"), CancellationToken.None));
    }

    [Test]
    public async Task AnUnreachableApi_IsAnOutage()
    {
        var client = await ClientForAsync(OrganizationA, baseUrl: "http://127.0.0.1:9");

        Assert.ThrowsAsync<AutomationUnavailableException>(() => client.CreateFlowAsync(OrganizationA, Flow("Nowhere"), CancellationToken.None));
    }

    [TestCase("")]
    [TestCase(".")]
    [TestCase("..")]
    public async Task IdsThatCannotNameAPathSegment_NameNoFlow_AndAreNeverSent(string id)
    {
        var client = await ClientForAsync(OrganizationA);

        Assert.That(await client.GetFlowAsync(OrganizationA, id, CancellationToken.None), Is.Null);
        await client.DeleteFlowAsync(OrganizationA, id, CancellationToken.None);
        Assert.ThrowsAsync<AutomationRejectedException>(() => client.PutFlowAsync(OrganizationA, id, Flow("Moved"), CancellationToken.None));
        Assert.That(_api.Requests, Is.Empty);
    }

    [Test]
    public async Task OtherIds_AreEscapedIntoOneSegment()
    {
        var client = await ClientForAsync(OrganizationA);

        await client.GetFlowAsync(OrganizationA, "../x/y?z#%", CancellationToken.None);

        Assert.That(_api.Requests.Single().Path, Is.EqualTo("/v1/automation/flows/..%2Fx%2Fy%3Fz%23%25"));
    }

    [Test]
    public async Task AnAnswerLargerThanTheLimit_IsAnOutage()
    {
        var client = await ClientForAsync(OrganizationA, maxResponseBytes: 64 * 1024);
        var seeded = _api.Seed(OrganizationA.Value, new System.Text.Json.Nodes.JsonObject
        {
            ["flow_name"] = "Huge", ["triggers"] = new System.Text.Json.Nodes.JsonArray(), ["actions"] = new System.Text.Json.Nodes.JsonArray(),
            ["padding"] = new string('x', 200_000),
        });

        Assert.ThrowsAsync<AutomationUnavailableException>(() => client.GetFlowAsync(OrganizationA, seeded["id"]!.GetValue<string>(), CancellationToken.None));
    }

    [Test]
    public async Task OneDeadline_CoversACallAndItsRetries()
    {
        var client = await ClientForAsync(OrganizationA, timeoutSeconds: 2);
        _api.Delay = TimeSpan.FromSeconds(1.5);
        _api.Fault = _ => HttpStatusCode.ServiceUnavailable;

        Assert.ThrowsAsync<AutomationUnavailableException>(() => client.GetFlowAsync(OrganizationA, "flaky", CancellationToken.None));
        Assert.That(_api.Requests, Has.Count.LessThan(3), "retries stop at the deadline of the call");
    }

    [Test]
    public async Task OneOrganizationsFailures_OpenTheCircuitForItOnly()
    {
        var caller = new SwitchableCallerToken(TokenFor(OrganizationA));
        var provider = Provider(caller);
        var client = provider.CreateScope().ServiceProvider.GetRequiredService<IAutomationClient>();
        var failing = TokenFor(OrganizationA);
        _api.Fault = request => request.Authorization == $"Bearer {failing}" ? HttpStatusCode.InternalServerError : null;
        for (var i = 0; i < 120; i++)
        {
            Assert.CatchAsync(() => client.CreateFlowAsync(OrganizationA, Flow("Fails"), CancellationToken.None));
        }

        var reachedBefore = _api.Requests.Count;
        Assert.ThrowsAsync<AutomationUnavailableException>(() => client.CreateFlowAsync(OrganizationA, Flow("Refused at once"), CancellationToken.None));
        Assert.That(_api.Requests, Has.Count.EqualTo(reachedBefore), "the open circuit refuses without calling");

        caller.Token = TokenFor(OrganizationB);
        var created = await client.CreateFlowAsync(OrganizationB, Flow("Other organization"), CancellationToken.None);
        Assert.That(created["id"], Is.Not.Null);
    }

    protected override Task<IAutomationClient> ClientForAsync(OrganizationId organization) => ClientForAsync(organization, null, 15);

    private Task<IAutomationClient> ClientForAsync(OrganizationId organization, string? baseUrl = null, int timeoutSeconds = 15, int? maxResponseBytes = null)
    {
        var provider = Provider(new SwitchableCallerToken(TokenFor(organization)), baseUrl, timeoutSeconds, maxResponseBytes);
        return Task.FromResult(provider.CreateScope().ServiceProvider.GetRequiredService<IAutomationClient>());
    }

    private ServiceProvider Provider(ICallerToken caller, string? baseUrl = null, int timeoutSeconds = 15, int? maxResponseBytes = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Automation:BaseUrl"] = baseUrl ?? _api.BaseAddress.ToString(),
            ["Automation:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:Sqlite:Path"] = Path.Combine(_directory, "unused.db"),
        };
        if (maxResponseBytes is { } bytes)
        {
            settings["Automation:MaxResponseBytes"] = bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(caller)
            .AddSingleton(TimeProvider.System)
            .AddInfrastructure(configuration);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        Assert.That(provider.GetRequiredService<IOptions<AutomationOptions>>().Value.UsesAutomationApi, Is.True);
        return provider;
    }

    /// <summary>An unsigned token: the fake reads the organization from it like the real API (which also verifies it).</summary>
    private static string TokenFor(OrganizationId organization)
    {
        static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Encode("""{"alg":"none"}""")}.{Encode($$"""{"org_id":"{{organization.Value}}"}""")}.";
    }

    private sealed class SwitchableCallerToken(string token) : ICallerToken
    {
        public string Token { get; set; } = token;

        public string? BearerToken => Token;
    }
}

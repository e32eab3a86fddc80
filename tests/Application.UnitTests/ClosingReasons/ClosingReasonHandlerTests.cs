using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;
using WorkflowDefinitions.Application.ClosingReasons.CreateClosingReason;
using WorkflowDefinitions.Application.ClosingReasons.DeleteClosingReason;
using WorkflowDefinitions.Application.ClosingReasons.GetAllClosingReasons;
using WorkflowDefinitions.Application.ClosingReasons.GetClosingReason;
using WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.UnitTests.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Identifiers;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Application.UnitTests.ClosingReasons;

public class ClosingReasonHandlerTests
{
    private static readonly OrganizationId Organization = new("123");
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _clock = null!;
    private SqliteFixture _sqlite = null!;
    private IClosingReasonRepository _reasons = null!;

    [SetUp]
    public async Task CreateStoreAsync()
    {
        _clock = new FakeTimeProvider(Start);
        _sqlite = new SqliteFixture();
        _reasons = new SqliteClosingReasonRepository(await _sqlite.CreateDatabaseAsync());
    }

    [TearDown]
    public void DeleteStore() => _sqlite.Dispose();

    [Test]
    public async Task Create_WithoutId_GeneratesANanoid_DefaultsToActive_AndKeepsExtraProperties()
    {
        var created = await CreateAsync("""{"title": "better offer", "description": "found something better", "org_id": "evil"}""");

        Assert.Multiple(() =>
        {
            Assert.That(created.Id, Does.Match("^[A-Za-z0-9_-]{21}$"));
            Assert.That(created.Status, Is.EqualTo("ACTIVE"));
            Assert.That(created.CreationTime, Is.EqualTo("2026-05-01T08:00:00.000Z"));
            Assert.That(created.LastUpdateTime, Is.EqualTo(created.CreationTime));
            Assert.That(created.ExtraProperties.Keys, Is.EqualTo(new[] { "description" }));
        });
    }

    [Test]
    public async Task Create_WhenAGeneratedIdCollides_DrawsAnother()
    {
        await CreateAsync("""{"id": "taken", "title": "first"}""");
        var ids = new QueuedIdGenerator("taken", "fresh");

        var created = await new CreateClosingReasonCommandHandler(_reasons, ids, HardLimits.Default, _clock)
            .Handle(new CreateClosingReasonCommand(Organization, Json("""{"title": "second"}""")), CancellationToken.None);

        Assert.That(created.Value.Id, Is.EqualTo("fresh"));
    }

    [Test]
    public async Task Create_WithASuppliedIdInUse_FailsWithAlreadyExists()
    {
        await CreateAsync("""{"id": "x739cew", "title": "first"}""");

        var exception = Assert.ThrowsAsync<DuplicateIdException>(async () => await CreateAsync("""{"id": "x739cew", "title": "second"}"""));

        Assert.That(exception!.Message, Is.EqualTo("Closing reason with id 'x739cew' already exists"));
    }

    [Test]
    public async Task Get_OfAnotherOrganizationsReason_IsNotFound()
    {
        await CreateAsync("""{"id": "mine", "title": "t"}""");

        var exception = Assert.ThrowsAsync<NotFoundException>(async () =>
            await new GetClosingReasonQueryHandler(_reasons).Handle(new GetClosingReasonQuery(new OrganizationId("other"), "mine"), CancellationToken.None));

        Assert.That(exception!.Message, Is.EqualTo("Closing reason with id 'mine' not found"));
    }

    [Test]
    public async Task Update_MergesThePatch_AndBumpsLastUpdateTime()
    {
        await CreateAsync("""{"id": "r1", "title": "t", "keep": 1, "drop": 2, "obj": {"a": 1}}""");
        _clock.Advance(TimeSpan.FromMinutes(3));

        var updated = await UpdateAsync("r1", """{"title": "new", "drop": null, "obj": {"b": 2}, "creationTime": "ignored", "id": "ignored"}""");

        Assert.Multiple(() =>
        {
            Assert.That(updated.Id, Is.EqualTo("r1"));
            Assert.That(updated.Title, Is.EqualTo("new"));
            Assert.That(updated.CreationTime, Is.EqualTo("2026-05-01T08:00:00.000Z"));
            Assert.That(updated.LastUpdateTime, Is.EqualTo("2026-05-01T08:03:00.000Z"));
            Assert.That(new JsonObject(updated.ExtraProperties.Select(p => KeyValuePair.Create(p.Key, ((JsonNode?)p.Value)?.DeepClone()))).ToJsonString(),
                Is.EqualTo("""{"keep":1,"obj":{"a":1,"b":2}}"""));
        });
    }

    [Test]
    public async Task Update_WithNothingNew_KeepsLastUpdateTime()
    {
        await CreateAsync("""{"id": "r1", "title": "t"}""");
        _clock.Advance(TimeSpan.FromMinutes(3));

        var updated = await UpdateAsync("r1", """{"title": "t", "status": "ACTIVE", "absent": null}""");

        Assert.That(updated.LastUpdateTime, Is.EqualTo("2026-05-01T08:00:00.000Z"));
    }

    [Test]
    public async Task Update_ConcurrentPatchesOfDifferentProperties_AllApply()
    {
        await CreateAsync("""{"id": "hot", "title": "t"}""");

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => UpdateAsync("hot", $$"""{"p{{i}}": {{i}}}""")));

        var stored = (await new GetClosingReasonQueryHandler(_reasons).Handle(new GetClosingReasonQuery(Organization, "hot"), CancellationToken.None)).Value;
        Assert.That(stored.ExtraProperties.Keys, Is.EquivalentTo(Enumerable.Range(0, 6).Select(i => $"p{i}")));
    }

    [Test]
    public void Update_OfAMissingReason_IsNotFound() =>
        Assert.ThrowsAsync<NotFoundException>(async () => await UpdateAsync("missing", """{"title": "t"}"""));

    [Test]
    public async Task ChangeStatus_HidesTheReasonFromTheDefaultListing_AndIsIdempotent()
    {
        await CreateAsync("""{"id": "r1", "title": "t"}""");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var handler = new ChangeReasonStatusCommandHandler(_reasons, _clock);

        await handler.Handle(new ChangeReasonStatusCommand(Organization, "r1", Json("""{"status": "INACTIVE"}""")), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await handler.Handle(new ChangeReasonStatusCommand(Organization, "r1", Json("""{"status": "INACTIVE"}""")), CancellationToken.None);

        var list = new GetAllClosingReasonsQueryHandler(_reasons);
        var active = await (await list.Handle(new GetAllClosingReasonsQuery(Organization, IncludeInactive: false), CancellationToken.None)).Items.ToListAsync();
        var all = await (await list.Handle(new GetAllClosingReasonsQuery(Organization, IncludeInactive: true), CancellationToken.None)).Items.ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(active, Is.Empty);
            Assert.That(((NodeAnswer)all.Single()).Node["status"]!.GetValue<string>(), Is.EqualTo("INACTIVE"));
            Assert.That(((NodeAnswer)all.Single()).Node["lastUpdateTime"]!.GetValue<string>(), Is.EqualTo("2026-05-01T08:01:00.000Z"));
        });
    }

    [Test]
    public void ChangeStatus_OfAMissingReason_IsNotFound() =>
        Assert.ThrowsAsync<NotFoundException>(async () => await new ChangeReasonStatusCommandHandler(_reasons, _clock)
            .Handle(new ChangeReasonStatusCommand(Organization, "missing", Json("""{"status": "ACTIVE"}""")), CancellationToken.None));

    [TestCase("missing")]
    [TestCase("not a valid id")]
    public void Delete_OfAMissingOrInvalidId_IsNotFound(string id) =>
        Assert.ThrowsAsync<NotFoundException>(async () => await new DeleteClosingReasonCommandHandler(_reasons)
            .Handle(new DeleteClosingReasonCommand(Organization, id), CancellationToken.None));

    [Test]
    public async Task Delete_RemovesTheReason()
    {
        await CreateAsync("""{"id": "r1", "title": "t"}""");

        await new DeleteClosingReasonCommandHandler(_reasons).Handle(new DeleteClosingReasonCommand(Organization, "r1"), CancellationToken.None);

        Assert.ThrowsAsync<NotFoundException>(async () =>
            await new GetClosingReasonQueryHandler(_reasons).Handle(new GetClosingReasonQuery(Organization, "r1"), CancellationToken.None));
    }

    private async Task<ClosingReasonDto> CreateAsync(string body) =>
        (await new CreateClosingReasonCommandHandler(_reasons, new RandomIdGenerator(), HardLimits.Default, _clock)
            .Handle(new CreateClosingReasonCommand(Organization, Json(body)), CancellationToken.None)).Value;

    private async Task<ClosingReasonDto> UpdateAsync(string id, string patch) =>
        (await new UpdateClosingReasonCommandHandler(_reasons, _clock)
            .Handle(new UpdateClosingReasonCommand(Organization, id, Json(patch)), CancellationToken.None)).Value;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private sealed class QueuedIdGenerator(params string[] ids) : IIdGenerator
    {
        private readonly Queue<string> _ids = new(ids);

        public string NewClosingReasonId() => _ids.Dequeue();

        public string NewWorkflowId() => _ids.Dequeue();

        public string NewItemId() => _ids.Dequeue();

        public string NewTaskId() => _ids.Dequeue();
    }
}

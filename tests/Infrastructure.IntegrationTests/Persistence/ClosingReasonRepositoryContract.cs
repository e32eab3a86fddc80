using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;

/// <summary>What every <see cref="IClosingReasonRepository"/> adapter must do. Written once, run per store.</summary>
public abstract class ClosingReasonRepositoryContract
{
    protected static readonly OrganizationId OrganizationA = new("org-a");
    protected static readonly OrganizationId OrganizationB = new("org-b");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    /// <summary>A catalog cap no test reaches.</summary>
    private const int Unlimited = int.MaxValue;

    /// <summary>A repository over a store holding nothing yet.</summary>
    protected abstract Task<IClosingReasonRepository> CreateEmptyRepositoryAsync();

    [Test]
    public async Task Add_ThenFind_RoundTripsEveryFieldIncludingUnknownProperties()
    {
        var repository = await CreateEmptyRepositoryAsync();
        var extras = """
            {"description": "d", "n": [1, 1.0, 1E+2, 123456789012345678901234567890, -0.0], "nested": {"$where": 1, "a.b": null,
             "\u0000nul": "x", "emoji": "😀", "quote": "\"\\"}, "empty": {}, "list": []}
            """;
        var reason = Reason(OrganizationA, "x739cew", title: "Titel ü", status: ClosingReasonStatus.Inactive, extras: extras);

        await repository.AddAsync(reason, Unlimited, CancellationToken.None);
        var found = await repository.FindAsync(OrganizationA, reason.Id, CancellationToken.None);

        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.OrganizationId, Is.EqualTo(OrganizationA));
            Assert.That(found.Id, Is.EqualTo(reason.Id));
            Assert.That(found.Title, Is.EqualTo("Titel ü"));
            Assert.That(found.Status, Is.EqualTo(ClosingReasonStatus.Inactive));
            Assert.That(found.CreationTime, Is.EqualTo(T0));
            Assert.That(found.LastUpdateTime, Is.EqualTo(T0));
            Assert.That(StoredJson.Serialize(found.ExtraProperties.WriteTo),
                Is.EqualTo(StoredJson.Serialize(reason.ExtraProperties.WriteTo)), "extra properties must come back byte for byte");
        });
    }

    [Test]
    public async Task Find_WithAnotherOrganizationsId_ReturnsNull()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "shared"), Unlimited, CancellationToken.None);

        var found = await repository.FindAsync(OrganizationB, new ClosingReasonId("shared"), CancellationToken.None);

        Assert.That(found, Is.Null);
    }

    [Test]
    public async Task Find_IsCaseSensitive()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "AbC"), Unlimited, CancellationToken.None);

        var found = await repository.FindAsync(OrganizationA, new ClosingReasonId("abc"), CancellationToken.None);

        Assert.That(found, Is.Null);
    }

    [Test]
    public async Task Add_WithAnIdTheOrganizationUses_ThrowsDuplicateIdException_AndKeepsTheFirst()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "dup", title: "first"), Unlimited, CancellationToken.None);

        Assert.ThrowsAsync<DuplicateIdException>(() => repository.AddAsync(Reason(OrganizationA, "dup", title: "second"), Unlimited, CancellationToken.None));
        var stored = await repository.FindAsync(OrganizationA, new ClosingReasonId("dup"), CancellationToken.None);
        Assert.That(stored!.Title, Is.EqualTo("first"));
    }

    [Test]
    public async Task Add_WithAnIdAnotherOrganizationUses_Succeeds()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "same"), Unlimited, CancellationToken.None);

        await repository.AddAsync(Reason(OrganizationB, "same"), Unlimited, CancellationToken.None);

        Assert.That(await repository.FindAsync(OrganizationB, new ClosingReasonId("same"), CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task List_OrdersByCreationTimeThenId_AndHidesOtherOrganizations()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "late", created: T0.AddSeconds(2)), Unlimited, CancellationToken.None);
        await repository.AddAsync(Reason(OrganizationA, "b-same-time", created: T0), Unlimited, CancellationToken.None);
        await repository.AddAsync(Reason(OrganizationA, "a-same-time", created: T0), Unlimited, CancellationToken.None);
        await repository.AddAsync(Reason(OrganizationA, "Z-upper", created: T0), Unlimited, CancellationToken.None);
        await repository.AddAsync(Reason(OrganizationB, "other-org", created: T0.AddSeconds(-5)), Unlimited, CancellationToken.None);

        var listed = await repository.ListAsync(OrganizationA, includeInactive: true, CancellationToken.None).ToListAsync();

        Assert.That(listed.Select(r => r.Id.Value), Is.EqualTo(new[] { "Z-upper", "a-same-time", "b-same-time", "late" }));
    }

    [Test]
    public async Task List_WithoutInactive_ReturnsOnlyActiveReasons()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "active"), Unlimited, CancellationToken.None);
        await repository.AddAsync(Reason(OrganizationA, "inactive", status: ClosingReasonStatus.Inactive), Unlimited, CancellationToken.None);

        var activeOnly = await repository.ListAsync(OrganizationA, includeInactive: false, CancellationToken.None).ToListAsync();
        var all = await repository.ListAsync(OrganizationA, includeInactive: true, CancellationToken.None).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(activeOnly.Select(r => r.Id.Value), Is.EqualTo(new[] { "active" }));
            Assert.That(all.Select(r => r.Id.Value), Is.EquivalentTo(new[] { "active", "inactive" }));
        });
    }

    [Test]
    public async Task List_OfAnOrganizationWithoutReasons_IsEmpty()
    {
        var repository = await CreateEmptyRepositoryAsync();

        var listed = await repository.ListAsync(OrganizationB, includeInactive: true, CancellationToken.None).ToListAsync();

        Assert.That(listed, Is.Empty);
    }

    [Test]
    public async Task Update_AtTheStoredRevision_ReplacesTheReasonAndBumpsTheRevision()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "r1"), Unlimited, CancellationToken.None);
        var loaded = (await repository.FindAsync(OrganizationA, new ClosingReasonId("r1"), CancellationToken.None))!;

        loaded.Apply(new ClosingReasonChanges("Renamed", null, Json("""{"extra": true}""")), T0.AddMinutes(1));
        await repository.UpdateAsync(loaded, CancellationToken.None);
        var reloaded = (await repository.FindAsync(OrganizationA, new ClosingReasonId("r1"), CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(reloaded.Title, Is.EqualTo("Renamed"));
            Assert.That(StoredJson.Serialize(reloaded.ExtraProperties.WriteTo), Is.EqualTo("""{"extra":true}"""));
            Assert.That(reloaded.LastUpdateTime, Is.EqualTo(T0.AddMinutes(1)));
            Assert.That(reloaded.CreationTime, Is.EqualTo(T0));
            Assert.That(reloaded.Revision, Is.EqualTo(loaded.StoredRevision + 1).And.EqualTo(loaded.Revision));
        });
    }

    [Test]
    public async Task Update_WithAStaleRevision_ThrowsConcurrencyConflict_AndKeepsTheWinner()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "r1"), Unlimited, CancellationToken.None);
        var first = (await repository.FindAsync(OrganizationA, new ClosingReasonId("r1"), CancellationToken.None))!;
        var second = (await repository.FindAsync(OrganizationA, new ClosingReasonId("r1"), CancellationToken.None))!;
        first.Apply(new ClosingReasonChanges("First", null, []), T0.AddMinutes(1));
        second.Apply(new ClosingReasonChanges("Second", null, []), T0.AddMinutes(1));

        await repository.UpdateAsync(first, CancellationToken.None);

        Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.UpdateAsync(second, CancellationToken.None));
        var stored = await repository.FindAsync(OrganizationA, new ClosingReasonId("r1"), CancellationToken.None);
        Assert.That(stored!.Title, Is.EqualTo("First"));
    }

    [Test]
    public async Task Delete_AtARevision_DeletesOnlyWhileTheReasonIsAtIt()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "r1"), Unlimited, CancellationToken.None);
        var loaded = (await repository.FindAsync(OrganizationA, new ClosingReasonId("r1"), CancellationToken.None))!;

        var atAnotherRevision = await repository.DeleteAsync(OrganizationA, loaded.Id, loaded.Revision - 1, CancellationToken.None);
        var atItsRevision = await repository.DeleteAsync(OrganizationA, loaded.Id, loaded.Revision, CancellationToken.None);

        Assert.That((atAnotherRevision, atItsRevision), Is.EqualTo((false, true)));
        Assert.That(await repository.FindAsync(OrganizationA, loaded.Id, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Update_OfAReasonDeletedMeanwhile_ThrowsNotFound()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "r1"), Unlimited, CancellationToken.None);
        var loaded = (await repository.FindAsync(OrganizationA, new ClosingReasonId("r1"), CancellationToken.None))!;
        await repository.DeleteAsync(OrganizationA, loaded.Id, revision: null, CancellationToken.None);
        loaded.Apply(new ClosingReasonChanges("Renamed", null, []), T0.AddMinutes(1));

        Assert.ThrowsAsync<NotFoundException>(() => repository.UpdateAsync(loaded, CancellationToken.None));
    }

    [Test]
    public async Task Update_LeavesNeighboursAndOtherOrganizationsUntouched()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "target"), Unlimited, CancellationToken.None);
        await repository.AddAsync(Reason(OrganizationA, "neighbour", title: "Neighbour"), Unlimited, CancellationToken.None);
        await repository.AddAsync(Reason(OrganizationB, "target", title: "Other org"), Unlimited, CancellationToken.None);
        var loaded = (await repository.FindAsync(OrganizationA, new ClosingReasonId("target"), CancellationToken.None))!;

        loaded.Apply(new ClosingReasonChanges("Changed", null, []), T0.AddMinutes(1));
        await repository.UpdateAsync(loaded, CancellationToken.None);

        var neighbour = await repository.FindAsync(OrganizationA, new ClosingReasonId("neighbour"), CancellationToken.None);
        var otherOrganization = await repository.FindAsync(OrganizationB, new ClosingReasonId("target"), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(neighbour!.Title, Is.EqualTo("Neighbour"));
            Assert.That(otherOrganization!.Title, Is.EqualTo("Other org"));
        });
    }

    [Test]
    public async Task ConcurrentUpdates_FromTheSameRevision_ExactlyOneSucceeds()
    {
        const int Writers = 8;
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "hot"), Unlimited, CancellationToken.None);
        var copies = new List<ClosingReason>();
        for (var i = 0; i < Writers; i++)
        {
            var copy = (await repository.FindAsync(OrganizationA, new ClosingReasonId("hot"), CancellationToken.None))!;
            copy.Apply(new ClosingReasonChanges($"Writer {i}", null, []), T0.AddMinutes(1));
            copies.Add(copy);
        }

        var outcomes = await Task.WhenAll(copies.Select(async copy =>
        {
            try
            {
                await repository.UpdateAsync(copy, CancellationToken.None);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }));

        Assert.That(outcomes.Count(won => won), Is.EqualTo(1));
    }

    [Test]
    public async Task Delete_RemovesOnlyThatReason_AndReportsWhetherItExisted()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "gone"), Unlimited, CancellationToken.None);
        await repository.AddAsync(Reason(OrganizationA, "stays"), Unlimited, CancellationToken.None);

        var first = await repository.DeleteAsync(OrganizationA, new ClosingReasonId("gone"), revision: null, CancellationToken.None);
        var second = await repository.DeleteAsync(OrganizationA, new ClosingReasonId("gone"), revision: null, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
            Assert.That(await repository.FindAsync(OrganizationA, new ClosingReasonId("stays"), CancellationToken.None), Is.Not.Null);
        });
    }

    [Test]
    public async Task Delete_WithAnotherOrganization_DeletesNothing()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "mine"), Unlimited, CancellationToken.None);

        var deleted = await repository.DeleteAsync(OrganizationB, new ClosingReasonId("mine"), revision: null, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(deleted, Is.False);
            Assert.That(await repository.FindAsync(OrganizationA, new ClosingReasonId("mine"), CancellationToken.None), Is.Not.Null);
        });
    }

    [Test]
    public async Task Add_AtTheCatalogCap_IsRefused_InactiveReasonsCount_OtherOrganizationsDoNot()
    {
        var repository = await CreateEmptyRepositoryAsync();
        await repository.AddAsync(Reason(OrganizationA, "r1"), 2, CancellationToken.None);
        await repository.AddAsync(Reason(OrganizationA, "r2", status: ClosingReasonStatus.Inactive), 2, CancellationToken.None);
        await repository.AddAsync(Reason(OrganizationB, "r1"), 2, CancellationToken.None);

        var refused = Assert.ThrowsAsync<ClosingReasonCatalogFullException>(() => repository.AddAsync(Reason(OrganizationA, "r3"), 2, CancellationToken.None));

        Assert.That(refused!.Message, Is.EqualTo("Maximum number of closing reasons reached (2/2)"));
        Assert.That(await repository.FindAsync(OrganizationA, new ClosingReasonId("r3"), CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ConcurrentAdds_AtTheCatalogCap_NeverOvershoot()
    {
        var repository = await CreateEmptyRepositoryAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await repository.AddAsync(Reason(OrganizationA, $"racer{i}"), 5, CancellationToken.None);
                return true;
            }
            catch (ClosingReasonCatalogFullException)
            {
                return false;
            }
        }));

        Assert.That(outcomes.Count(stored => stored), Is.EqualTo(5));
        Assert.That(await repository.ListAsync(OrganizationA, includeInactive: true, CancellationToken.None).ToListAsync(), Has.Count.EqualTo(5));
    }

    protected static ClosingReason Reason(
        OrganizationId organization,
        string id,
        string title = "Better offer",
        ClosingReasonStatus status = ClosingReasonStatus.Active,
        string extras = "{}",
        DateTimeOffset? created = null) =>
        ClosingReason.Create(organization, new ClosingReasonId(id), title, status,
            ExtraProperties.From(Json(extras), ClosingReason.ReservedPropertyNames), created ?? T0);

    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();
}

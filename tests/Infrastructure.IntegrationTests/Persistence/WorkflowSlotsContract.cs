using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;

/// <summary>What every <see cref="IWorkflowSlots"/> adapter must do (contract §4, D09, D42-D44).</summary>
public abstract class WorkflowSlotsContract
{
    private static readonly OrganizationId Organization = new("org-quota");

    protected abstract Task<WorkflowStore> CreateEmptyStoreAsync(params string[] scriptedIds);

    [Test]
    public async Task Reserve_GivesAnEightCharacterIdWithALetter_AndCountsOnlyStoredWorkflows()
    {
        var store = await CreateEmptyStoreAsync();

        var slot = await store.Slots.ReserveAsync(Organization, 10, CancellationToken.None);
        var whileReserved = await store.Slots.CountAsync(Organization, CancellationToken.None);
        await store.Flows.AddAsync(Flow(slot), slot, CancellationToken.None);
        var afterStoring = await store.Slots.CountAsync(Organization, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(slot.WorkflowId, Does.Match("^[0-9a-z]{8}$").And.Match("[a-z]"));
            Assert.That(whileReserved, Is.Zero);
            Assert.That(afterStoring, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Reserve_AtTheMaximum_IsRefusedWithTheCounts()
    {
        var store = await CreateEmptyStoreAsync();
        for (var i = 0; i < 2; i++)
        {
            var slot = await store.Slots.ReserveAsync(Organization, 2, CancellationToken.None);
            await store.Flows.AddAsync(Flow(slot), slot, CancellationToken.None);
        }

        var exception = Assert.ThrowsAsync<WorkflowQuotaExceededException>(() => store.Slots.ReserveAsync(Organization, 2, CancellationToken.None));

        Assert.That(exception!.Message, Is.EqualTo("Maximum number of workflows reached (2/2)"));
    }

    [Test]
    public async Task Reserve_WithMaximumZero_IsAlwaysRefused()
    {
        var store = await CreateEmptyStoreAsync();

        Assert.ThrowsAsync<WorkflowQuotaExceededException>(() => store.Slots.ReserveAsync(Organization, 0, CancellationToken.None));
    }

    [Test]
    public async Task Reserve_CountsAgainstTheOrganizationOnly()
    {
        var store = await CreateEmptyStoreAsync();
        var slot = await store.Slots.ReserveAsync(Organization, 1, CancellationToken.None);
        await store.Flows.AddAsync(Flow(slot), slot, CancellationToken.None);

        Assert.DoesNotThrowAsync(() => store.Slots.ReserveAsync(new OrganizationId("another-org"), 1, CancellationToken.None));
    }

    [Test]
    public async Task Release_GivesTheSlotBack()
    {
        var store = await CreateEmptyStoreAsync();
        var slot = await store.Slots.ReserveAsync(Organization, 1, CancellationToken.None);

        await store.Slots.ReleaseAsync(slot, CancellationToken.None);

        Assert.DoesNotThrowAsync(() => store.Slots.ReserveAsync(Organization, 1, CancellationToken.None));
    }

    [Test]
    public async Task Delete_FreesTheSlot()
    {
        var store = await CreateEmptyStoreAsync();
        var slot = await store.Slots.ReserveAsync(Organization, 1, CancellationToken.None);
        await store.Flows.AddAsync(Flow(slot), slot, CancellationToken.None);

        await store.Flows.DeleteAsync(Organization, new FlowTemplateId(slot.WorkflowId), revision: null, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await store.Slots.CountAsync(Organization, CancellationToken.None), Is.Zero);
            Assert.DoesNotThrowAsync(() => store.Slots.ReserveAsync(Organization, 1, CancellationToken.None));
        });
    }

    [Test]
    public async Task Taken_CountsStoredWorkflowsAndLiveReservations_NotExpiredOnes()
    {
        var store = await CreateEmptyStoreAsync();
        var stored = await store.Slots.ReserveAsync(Organization, 10, CancellationToken.None);
        await store.Flows.AddAsync(Flow(stored), stored, CancellationToken.None);
        await store.Slots.ReserveAsync(Organization, 10, CancellationToken.None);
        var withLiveReservation = await store.Slots.TakenAsync(Organization, CancellationToken.None);

        store.Clock.Advance(IWorkflowSlots.ReservationLifetime + TimeSpan.FromSeconds(1));

        Assert.Multiple(async () =>
        {
            Assert.That(withLiveReservation, Is.EqualTo(2));
            Assert.That(await store.Slots.TakenAsync(Organization, CancellationToken.None), Is.EqualTo(1));
            Assert.That(await store.Slots.TakenAsync(new OrganizationId("someone-else"), CancellationToken.None), Is.Zero);
        });
    }

    [Test]
    public async Task AbandonedReservations_AreReclaimedWhenTheyExpire()
    {
        var store = await CreateEmptyStoreAsync();
        await store.Slots.ReserveAsync(Organization, 1, CancellationToken.None);
        Assert.ThrowsAsync<WorkflowQuotaExceededException>(() => store.Slots.ReserveAsync(Organization, 1, CancellationToken.None));

        store.Clock.Advance(IWorkflowSlots.ReservationLifetime + TimeSpan.FromSeconds(1));

        Assert.DoesNotThrowAsync(() => store.Slots.ReserveAsync(Organization, 1, CancellationToken.None));
    }

    [Test]
    public async Task StoringAfterTheReservationExpired_IsRefused_AndNothingIsStored()
    {
        var store = await CreateEmptyStoreAsync();
        var slot = await store.Slots.ReserveAsync(Organization, 5, CancellationToken.None);
        store.Clock.Advance(IWorkflowSlots.ReservationLifetime + TimeSpan.FromSeconds(1));
        await store.Slots.ReserveAsync(Organization, 5, CancellationToken.None);

        Assert.ThrowsAsync<InvalidOperationException>(() => store.Flows.AddAsync(Flow(slot), slot, CancellationToken.None));
        Assert.That(await store.Flows.FindAsync(Organization, new FlowTemplateId(slot.WorkflowId), CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Reserve_SkipsIdsTheOrganizationAlreadyUses()
    {
        var store = await CreateEmptyStoreAsync("taken01a", "taken01a", "fresh02b");
        var first = await store.Slots.ReserveAsync(Organization, 5, CancellationToken.None);

        var second = await store.Slots.ReserveAsync(Organization, 5, CancellationToken.None);

        Assert.That((first.WorkflowId, second.WorkflowId), Is.EqualTo(("taken01a", "fresh02b")));
    }

    [Test]
    public async Task ConcurrentReservations_AtTheLimit_NeverOvershoot()
    {
        const int Maximum = 5;
        var store = await CreateEmptyStoreAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            try
            {
                var slot = await store.Slots.ReserveAsync(Organization, Maximum, CancellationToken.None);
                await store.Flows.AddAsync(Flow(slot), slot, CancellationToken.None);
                return true;
            }
            catch (WorkflowQuotaExceededException)
            {
                return false;
            }
        }));

        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Count(stored => stored), Is.EqualTo(Maximum));
            Assert.That(await store.Slots.CountAsync(Organization, CancellationToken.None), Is.EqualTo(Maximum));
        });
    }

    private static FlowTemplate Flow(WorkflowSlot slot) => FlowTemplate.Create(
        slot.OrganizationId,
        new FlowTemplateId(slot.WorkflowId),
        FlowDocument.Parse(JsonNode.Parse("""{"name": "Quota flow", "tasks": [], "edges": []}""")!.AsObject(), HardLimits.Default),
        DateTimeOffset.UtcNow);
}

using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;

/// <summary>What every <see cref="Application.LegacyWorkflowDefinitions.IWorkflowDefinitionRepository"/> adapter must do.</summary>
public abstract class WorkflowDefinitionRepositoryContract
{
    private static readonly OrganizationId OrganizationA = new("org-v1-a");
    private static readonly OrganizationId OrganizationB = new("org-v1-b");
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 8, 0, 0, 125, TimeSpan.Zero);

    private WorkflowStore _store = null!;
    private int _itemIds;

    protected abstract Task<WorkflowStore> CreateEmptyStoreAsync();

    [SetUp]
    public async Task CreateStoreAsync() => _store = await CreateEmptyStoreAsync();

    [Test]
    public async Task Add_ThenFind_RoundTripsTheDefinitionExactly()
    {
        var definition = await AddAsync(OrganizationA, DefinitionSamples.WithReferences.Replace("\"Installation\"", "\"Inställation 😀\"", StringComparison.Ordinal));

        var found = await _store.Definitions.FindAsync(OrganizationA, definition.Id, CancellationToken.None);

        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(found!.Document.ToJsonObject(), definition.Document.ToJsonObject()), Is.True);
            Assert.That(found.Document.Name, Is.EqualTo("Inställation 😀"));
            Assert.That(found.CreationTime, Is.EqualTo(T0));
            Assert.That(found.LastUpdateTime, Is.EqualTo(T0));
        });
    }

    [Test]
    public async Task Find_WithAnotherOrganization_OrAFlowId_ReturnsNull()
    {
        var definition = await AddAsync(OrganizationA, DefinitionSamples.LeadQualification);
        var flowSlot = await _store.Slots.ReserveAsync(OrganizationA, 100, CancellationToken.None);
        await _store.Flows.AddAsync(FlowTemplate.Create(OrganizationA, new FlowTemplateId(flowSlot.WorkflowId),
            FlowDocument.Parse(JsonNode.Parse(FlowSamples.Minimal)!.AsObject(), HardLimits.Default), T0), flowSlot, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await _store.Definitions.FindAsync(OrganizationB, definition.Id, CancellationToken.None), Is.Null);
            Assert.That(await _store.Definitions.FindAsync(OrganizationA, new WorkflowDefinitionId(flowSlot.WorkflowId), CancellationToken.None), Is.Null);
        });
    }

    [Test]
    public async Task List_OrdersByCreationTimeThenId_AndHidesOtherOrganizations()
    {
        var late = await AddAsync(OrganizationA, DefinitionSamples.LeadQualification, T0.AddMinutes(5));
        var early = await AddAsync(OrganizationA, DefinitionSamples.LeadQualification, T0);
        var alsoEarly = await AddAsync(OrganizationA, DefinitionSamples.WithReferences, T0);
        await AddAsync(OrganizationB, DefinitionSamples.LeadQualification, T0.AddMinutes(-5));

        var listed = await _store.Definitions.ListAsync(OrganizationA, int.MaxValue, CancellationToken.None).Select(listed => listed.Value!).ToListAsync();

        var tied = new[] { early.Id.Value, alsoEarly.Id.Value }.Order(StringComparer.Ordinal);
        Assert.That(listed.Select(d => d.Id.Value), Is.EqualTo(tied.Append(late.Id.Value)));
    }

    [Test]
    public async Task FindUnlessLarger_AndList_LeaveALargerDefinitionUnread_GivingItsSize()
    {
        var small = await AddAsync(OrganizationA, DefinitionSamples.LeadQualification, T0);
        var padded = JsonNode.Parse(DefinitionSamples.LeadQualification)!.AsObject();
        padded["x_padding"] = new string('x', 100_000);
        var large = await AddAsync(OrganizationA, padded.ToJsonString(), T0.AddMinutes(1));

        var found = await _store.Definitions.FindUnlessLargerAsync(OrganizationA, small.Id, 64 * 1024, CancellationToken.None);
        var larger = await _store.Definitions.FindUnlessLargerAsync(OrganizationA, large.Id, 64 * 1024, CancellationToken.None);
        var foreign = await _store.Definitions.FindUnlessLargerAsync(OrganizationB, small.Id, 64 * 1024, CancellationToken.None);
        var listed = await _store.Definitions.ListAsync(OrganizationA, 64 * 1024, CancellationToken.None).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(found.Value?.Id, Is.EqualTo(small.Id));
            Assert.That(larger.Value, Is.Null, "a larger definition is not read");
            Assert.That(larger.LargerBytes, Is.GreaterThan(100_000));
            Assert.That(foreign, Is.EqualTo(default(UnlessLarger<WorkflowDefinition>)));
            Assert.That(listed.Select(item => item.Id), Is.EqualTo(new[] { small.Id.Value, large.Id.Value }));
            Assert.That(listed.Select(item => item.IsLarger), Is.EqualTo(new[] { false, true }));
            Assert.That(listed[1].LargerBytes, Is.GreaterThan(100_000));
        });
    }

    [Test]
    public async Task Update_AtTheStoredRevision_Replaces_AStaleOneConflicts_ADeletedOneIsNotFound()
    {
        var definition = await AddAsync(OrganizationA, DefinitionSamples.LeadQualification);
        var first = (await _store.Definitions.FindAsync(OrganizationA, definition.Id, CancellationToken.None))!;
        var second = (await _store.Definitions.FindAsync(OrganizationA, definition.Id, CancellationToken.None))!;
        first.Replace(Document(DefinitionSamples.WithReferences), T0.AddMinutes(1));
        second.Replace(Document(DefinitionSamples.WithReferences), T0.AddMinutes(2));

        await _store.Definitions.UpdateAsync(first, CancellationToken.None);

        Assert.ThrowsAsync<ConcurrencyConflictException>(() => _store.Definitions.UpdateAsync(second, CancellationToken.None));
        var stored = (await _store.Definitions.FindAsync(OrganizationA, definition.Id, CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(stored.Document.Name, Is.EqualTo("Installation"));
            Assert.That(stored.LastUpdateTime, Is.EqualTo(T0.AddMinutes(1)));
            Assert.That(stored.CreationTime, Is.EqualTo(T0));
        });
        await _store.Definitions.DeleteAsync(OrganizationA, definition.Id, revision: null, CancellationToken.None);
        stored.Replace(stored.Document, T0.AddMinutes(3));
        Assert.ThrowsAsync<NotFoundException>(() => _store.Definitions.UpdateAsync(stored, CancellationToken.None));
    }

    [Test]
    public async Task Delete_AtARevision_DeletesOnlyWhileTheDefinitionIsAtIt()
    {
        var definition = await AddAsync(OrganizationA, DefinitionSamples.LeadQualification);
        var slotsBefore = await _store.Slots.CountAsync(OrganizationA, CancellationToken.None);

        var atAnotherRevision = await _store.Definitions.DeleteAsync(OrganizationA, definition.Id, definition.Revision + 1, CancellationToken.None);
        var slotsAfterRefusal = await _store.Slots.CountAsync(OrganizationA, CancellationToken.None);
        var atItsRevision = await _store.Definitions.DeleteAsync(OrganizationA, definition.Id, definition.Revision, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((atAnotherRevision, atItsRevision), Is.EqualTo((false, true)));
            Assert.That(slotsAfterRefusal, Is.EqualTo(slotsBefore), "a refused delete frees no slot");
            Assert.That(await _store.Slots.CountAsync(OrganizationA, CancellationToken.None), Is.EqualTo(slotsBefore - 1));
        });
    }

    [Test]
    public async Task Delete_RemovesOnlyThatDefinitionInItsOrganization_AndFreesItsSlot()
    {
        var doomed = await AddAsync(OrganizationA, DefinitionSamples.LeadQualification);
        var neighbour = await AddAsync(OrganizationA, DefinitionSamples.LeadQualification);

        var byOtherOrganization = await _store.Definitions.DeleteAsync(OrganizationB, doomed.Id, revision: null, CancellationToken.None);
        var first = await _store.Definitions.DeleteAsync(OrganizationA, doomed.Id, revision: null, CancellationToken.None);
        var second = await _store.Definitions.DeleteAsync(OrganizationA, doomed.Id, revision: null, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((byOtherOrganization, first, second), Is.EqualTo((false, true, false)));
            Assert.That(await _store.Definitions.FindAsync(OrganizationA, neighbour.Id, CancellationToken.None), Is.Not.Null);
            Assert.That(await _store.Slots.CountAsync(OrganizationA, CancellationToken.None), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task DefinitionsAndFlows_ShareOneQuota()
    {
        await AddAsync(OrganizationA, DefinitionSamples.LeadQualification, maxAllowed: 2);
        var flowSlot = await _store.Slots.ReserveAsync(OrganizationA, 2, CancellationToken.None);
        await _store.Flows.AddAsync(FlowTemplate.Create(OrganizationA, new FlowTemplateId(flowSlot.WorkflowId),
            FlowDocument.Parse(JsonNode.Parse(FlowSamples.Minimal)!.AsObject(), HardLimits.Default), T0), flowSlot, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await _store.Slots.CountAsync(OrganizationA, CancellationToken.None), Is.EqualTo(2));
            Assert.ThrowsAsync<WorkflowQuotaExceededException>(() => _store.Slots.ReserveAsync(OrganizationA, 2, CancellationToken.None));
        });
    }

    private async Task<WorkflowDefinition> AddAsync(OrganizationId organization, string json, DateTimeOffset? now = null, int maxAllowed = 1000)
    {
        var slot = await _store.Slots.ReserveAsync(organization, maxAllowed, CancellationToken.None);
        var definition = WorkflowDefinition.Create(organization, new WorkflowDefinitionId(slot.WorkflowId), Document(json), now ?? T0);
        await _store.Definitions.AddAsync(definition, slot, CancellationToken.None);
        return definition;
    }

    private DefinitionDocument Document(string json) =>
        DefinitionDocument.Parse(JsonNode.Parse(json)!.AsObject(), () => $"item{Interlocked.Increment(ref _itemIds):D3}", HardLimits.Default);
}

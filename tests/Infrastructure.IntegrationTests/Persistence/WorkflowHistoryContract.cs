using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateChanges;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// What every store must do for history: revisions recorded in the write's transaction (skipped for equal content, kept
/// to the configured number, deleted with the workflow, started for workflows stored before history), and a change feed
/// in commit order that a reader following its cursor sees exactly once, purged with a horizon, woken by commits.
/// </summary>
public abstract class WorkflowHistoryContract
{
    private static readonly OrganizationId Organization = new("org-history");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private WorkflowStore _store = null!;
    private int _itemIds;

    protected abstract Task<WorkflowStore> CreateEmptyStoreAsync();

    /// <summary>Deletes a workflow's revisions behind the repositories' back, as data stored before history would be.</summary>
    protected abstract Task ForgetRevisionsAsync(OrganizationId organizationId, WorkflowKind kind, string workflowId);

    [SetUp]
    public async Task CreateStoreAsync() => _store = await CreateEmptyStoreAsync();

    // Revisions

    [Test]
    public async Task Writes_RecordNumberedRevisions_ButNotForEqualContent()
    {
        var flow = await AddFlowAsync("First");
        await UpdateFlowAsync(flow.Id, "Second");
        await UpdateFlowAsync(flow.Id, "Second", reorder: true);
        await UpdateFlowAsync(flow.Id, "Third", source: RevisionSource.Restore);

        var page = await _store.Revisions.ListAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 10, null, CancellationToken.None);
        var second = await _store.Revisions.FindAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 2, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(page.Revisions.Select(r => (r.Number, r.Source)), Is.EqualTo(new[]
            {
                (3, RevisionSource.Restore), (2, RevisionSource.Update), (1, RevisionSource.Create),
            }), "the same content with its properties in another order is no new revision");
            Assert.That(page.NextBefore, Is.Null);
            Assert.That(JsonNode.Parse(second!.RepresentationText.Span)!["name"]!.GetValue<string>(), Is.EqualTo("Second"));
            Assert.That(second.Summary.ETag, Is.Not.Empty);
            Assert.That(second.Summary.CreatedAt, Is.EqualTo(T0.AddMinutes(1)));
        });
    }

    [Test]
    public async Task FindUnlessLarger_ReadsARevisionUpToTheSize_AndOfALargerOneOnlyItsSize_NothingForAnotherNumber()
    {
        var flow = await AddFlowAsync("First");
        await UpdateFlowAsync(flow.Id, new string('x', 90_000));

        var small = await _store.Revisions.FindUnlessLargerAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 1, 64 * 1024, CancellationToken.None);
        var larger = await _store.Revisions.FindUnlessLargerAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 2, 64 * 1024, CancellationToken.None);
        var missing = await _store.Revisions.FindUnlessLargerAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 3, 64 * 1024, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(small.IsLarger, Is.False);
            Assert.That(JsonNode.Parse(small.Value!.RepresentationText.Span)!["name"]!.GetValue<string>(), Is.EqualTo("First"));
            Assert.That(larger.Value, Is.Null, "a larger revision is not read");
            Assert.That(larger.LargerBytes, Is.GreaterThan(90_000));
            Assert.That(missing.IsFound, Is.False);
        });
    }

    [Test]
    public async Task List_PagesNewestFirst()
    {
        var flow = await AddFlowAsync("Version 1");
        for (var i = 2; i <= 5; i++)
        {
            await UpdateFlowAsync(flow.Id, $"Version {i}");
        }

        var first = await _store.Revisions.ListAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 2, null, CancellationToken.None);
        var second = await _store.Revisions.ListAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 2, first.NextBefore, CancellationToken.None);
        var last = await _store.Revisions.ListAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 2, second.NextBefore, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Revisions.Select(r => r.Number), Is.EqualTo(new[] { 5, 4 }));
            Assert.That(second.Revisions.Select(r => r.Number), Is.EqualTo(new[] { 3, 2 }));
            Assert.That(last.Revisions.Select(r => r.Number), Is.EqualTo(new[] { 1 }));
            Assert.That(last.NextBefore, Is.Null);
        });
    }

    [Test]
    public async Task Revisions_KeepTheConfiguredNewest_AndGoWithTheirWorkflow()
    {
        _store.RevisionSettings.MaxPerWorkflow = 3;
        var flow = await AddFlowAsync("Version 1");
        for (var i = 2; i <= 6; i++)
        {
            await UpdateFlowAsync(flow.Id, $"Version {i}");
        }

        var kept = await _store.Revisions.ListAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 10, null, CancellationToken.None);
        await _store.Flows.DeleteAsync(Organization, flow.Id, revision: null, CancellationToken.None);
        var afterDelete = await _store.Revisions.ListAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 10, null, CancellationToken.None);

        Assert.That(kept.Revisions.Select(r => r.Number), Is.EqualTo(new[] { 6, 5, 4 }));
        Assert.That(afterDelete.Revisions, Is.Empty);
    }

    [Test]
    public async Task Definitions_RecordRevisionsToo_ApartFromFlowsWithTheSameId()
    {
        var definition = await AddDefinitionAsync("Lead");
        var stored = (await _store.Definitions.FindAsync(Organization, definition.Id, CancellationToken.None))!;
        stored.Replace(Definition("Lead 2"), T0.AddMinutes(1));
        await _store.Definitions.UpdateAsync(stored, RecordedWrites.Of(stored), CancellationToken.None);

        var revisions = await _store.Revisions.ListAsync(Organization, WorkflowKind.Definition, definition.Id.Value, 10, null, CancellationToken.None);
        var asFlow = await _store.Revisions.ListAsync(Organization, WorkflowKind.Flow, definition.Id.Value, 10, null, CancellationToken.None);
        var otherOrganization = await _store.Revisions.FindAsync(new OrganizationId("someone-else"), WorkflowKind.Definition, definition.Id.Value, 1, CancellationToken.None);
        await _store.Definitions.DeleteAsync(Organization, definition.Id, revision: null, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(revisions.Revisions.Select(r => r.Number), Is.EqualTo(new[] { 2, 1 }));
            Assert.That(asFlow.Revisions, Is.Empty);
            Assert.That(otherOrganization, Is.Null);
            Assert.That((await _store.Revisions.ListAsync(Organization, WorkflowKind.Definition, definition.Id.Value, 10, null, CancellationToken.None)).Revisions, Is.Empty);
        });
    }

    [Test]
    public async Task WorkflowsStoredBeforeHistory_AreFound_AndGetTheirStateAsRevisionOneOnce()
    {
        var flow = await AddFlowAsync("Old flow");
        var definition = await AddDefinitionAsync("Old definition");
        var recorded = await AddFlowAsync("Has history");
        await ForgetRevisionsAsync(Organization, WorkflowKind.Flow, flow.Id.Value);
        await ForgetRevisionsAsync(Organization, WorkflowKind.Definition, definition.Id.Value);

        var flowsWithout = await _store.Revisions.WithoutRevisionsAsync(WorkflowKind.Flow, CancellationToken.None).ToListAsync();
        var definitionsWithout = await _store.Revisions.WithoutRevisionsAsync(WorkflowKind.Definition, CancellationToken.None).ToListAsync();
        await _store.Revisions.AddFirstAsync(Organization, WorkflowKind.Flow, flow.Id.Value, RecordedWrites.Of(flow, RevisionSource.Create), CancellationToken.None);
        await _store.Revisions.AddFirstAsync(Organization, WorkflowKind.Flow, flow.Id.Value, RecordedWrites.Of(flow, RevisionSource.Update), CancellationToken.None);
        await _store.Revisions.AddFirstAsync(Organization, WorkflowKind.Flow, recorded.Id.Value, RecordedWrites.Of(recorded, RevisionSource.Update), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(flowsWithout, Is.EqualTo(new[] { (Organization, flow.Id.Value) }));
            Assert.That(definitionsWithout, Is.EqualTo(new[] { (Organization, definition.Id.Value) }));
            Assert.That((await _store.Revisions.ListAsync(Organization, WorkflowKind.Flow, flow.Id.Value, 10, null, CancellationToken.None)).Revisions
                .Select(r => (r.Number, r.Source)), Is.EqualTo(new[] { (1, RevisionSource.Create) }), "recorded once");
            Assert.That((await _store.Revisions.ListAsync(Organization, WorkflowKind.Flow, recorded.Id.Value, 10, null, CancellationToken.None)).Revisions
                .Select(r => r.Source), Is.EqualTo(new[] { RevisionSource.Create }), "a workflow with history is left alone");
            Assert.That(await _store.Revisions.WithoutRevisionsAsync(WorkflowKind.Flow, CancellationToken.None).ToListAsync(), Is.Empty);
        });
    }

    // Change feed

    [Test]
    public async Task Feed_ListsCreatesUpdatesRestoresAndDeletes_InCommitOrder_WithTheirRevisions()
    {
        var flow = await AddFlowAsync("Fed");
        await UpdateFlowAsync(flow.Id, "Fed 2");
        await UpdateFlowAsync(flow.Id, "Fed 2");
        await UpdateFlowAsync(flow.Id, "Fed", source: RevisionSource.Restore);
        await _store.Flows.DeleteAsync(Organization, flow.Id, revision: null, CancellationToken.None);

        var page = await _store.Changes.ReadAsync(Organization, null, 100, CancellationToken.None);
        var other = await _store.Changes.ReadAsync(new OrganizationId("someone-else"), null, 100, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(page.Changes.Select(c => (c.Type, c.FlowId, c.Revision)), Is.EqualTo(new (FlowChangeType, string, int?)[]
            {
                (FlowChangeType.Created, flow.Id.Value, 1),
                (FlowChangeType.Updated, flow.Id.Value, 2),
                (FlowChangeType.Updated, flow.Id.Value, 2),
                (FlowChangeType.Restored, flow.Id.Value, 3),
                (FlowChangeType.Deleted, flow.Id.Value, null),
            }));
            Assert.That(page.Changes.Select(c => c.Sequence), Is.Ordered.Ascending.And.Unique);
            Assert.That(page.NextAfter, Is.EqualTo(page.Changes[^1].Sequence));
            Assert.That(other.Changes, Is.Empty);
        });
    }

    [Test]
    public async Task Feed_FollowedByItsCursor_GivesEachChangeOnce_AndNothingNewAtTheEnd()
    {
        for (var i = 0; i < 5; i++)
        {
            await AddFlowAsync($"Flow {i}");
        }

        var first = await _store.Changes.ReadAsync(Organization, null, 2, CancellationToken.None);
        var second = await _store.Changes.ReadAsync(Organization, first.NextAfter, 2, CancellationToken.None);
        var third = await _store.Changes.ReadAsync(Organization, second.NextAfter, 2, CancellationToken.None);
        var end = await _store.Changes.ReadAsync(Organization, third.NextAfter, 2, CancellationToken.None);

        Assert.Multiple(() =>
        {
            var read = first.Changes.Concat(second.Changes).Concat(third.Changes).Select(c => c.Sequence).ToList();
            Assert.That(read, Has.Count.EqualTo(5));
            Assert.That(read, Is.Unique);
            Assert.That(end.Changes, Is.Empty);
            Assert.That(end.NextAfter, Is.EqualTo(third.NextAfter));
        });
    }

    [Test]
    public async Task Feed_FollowedWhileManyWritersCommit_SeesEveryCommittedChangeExactlyOnce()
    {
        var flows = new List<FlowTemplateId>();
        for (var i = 0; i < 4; i++)
        {
            flows.Add((await AddFlowAsync($"Writer {i}")).Id);
        }

        var seen = new ConcurrentBag<long>();
        using var writing = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            long? after = null;
            while (true)
            {
                var done = writing.IsCancellationRequested;
                var page = await _store.Changes.ReadAsync(Organization, after, 7, CancellationToken.None);
                foreach (var change in page.Changes)
                {
                    seen.Add(change.Sequence);
                }

                after = page.NextAfter;
                if (done && page.Changes.Count == 0)
                {
                    return;
                }
            }
        });
        var writers = flows.Select((id, w) => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await UpdateWithRetryAsync(id, $"Writer {w} change {i}");
            }
        }));
        var creators = Enumerable.Range(0, 3).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await AddFlowAsync($"Created {c}-{i}");
            }
        }));
        await Task.WhenAll(writers.Concat(creators));
        await writing.CancelAsync();
        await reader;

        var all = await _store.Changes.ReadAsync(Organization, null, 1000, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(all.Changes, Has.Count.EqualTo(4 + (4 * 15) + (3 * 5)));
            Assert.That(seen, Is.Unique, "no change read twice");
            Assert.That(seen.Order(), Is.EqualTo(all.Changes.Select(c => c.Sequence)), "no change missed, none committed behind the cursor");
        });
    }

    [Test]
    public async Task Purge_RemovesOldChanges_AndACursorBeforeThemExpires()
    {
        await AddFlowAsync("Old", T0);
        var old = await _store.Changes.ReadAsync(Organization, null, 10, CancellationToken.None);
        await AddFlowAsync("New", T0.AddDays(8));

        await _store.Changes.PurgeAsync(T0.AddDays(7), CancellationToken.None);

        var fromStart = await _store.Changes.ReadAsync(Organization, null, 10, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(fromStart.Changes.Select(c => c.At), Is.EqualTo(new[] { T0.AddDays(8) }));
            Assert.ThrowsAsync<ChangeCursorExpiredException>(() => _store.Changes.ReadAsync(Organization, old.Changes[0].Sequence - 1, 10, CancellationToken.None));
            Assert.That((await _store.Changes.ReadAsync(Organization, old.NextAfter, 10, CancellationToken.None)).Changes, Has.Count.EqualTo(1),
                "a cursor at the last purged change is still good");
        });
    }

    [Test]
    public async Task LongPoll_WakesAsSoonAsAChangeIsCommitted()
    {
        var handler = new ListFlowTemplateChangesQueryHandler(_store.Changes, _store.Signals, TimeProvider.System);
        var head = await _store.Changes.ReadAsync(Organization, null, 10, CancellationToken.None);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var waiting = handler.Handle(new ListFlowTemplateChangesQuery(Organization, HistoryJson.Cursor(head.NextAfter), 10, WaitSeconds: 20), CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.That(waiting.IsCompleted, Is.False, "no change yet: the request waits");
        await AddFlowAsync("Wakes the reader");
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(answer["changes"]!.AsArray().Single()!["type"]!.GetValue<string>(), Is.EqualTo("created"));
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "woken by the commit, not by the end of the wait");
    }

    private async Task<FlowTemplate> AddFlowAsync(string name, DateTimeOffset? now = null)
    {
        var slot = await _store.Slots.ReserveAsync(Organization, 10_000, CancellationToken.None);
        var flow = FlowTemplate.Create(Organization, new FlowTemplateId(slot.WorkflowId), Flow(name), now ?? T0);
        await _store.Flows.AddAsync(flow, slot, RecordedWrites.Of(flow, RevisionSource.Create), CancellationToken.None);
        return flow;
    }

    private async Task UpdateFlowAsync(FlowTemplateId id, string name, bool reorder = false, RevisionSource source = RevisionSource.Update)
    {
        var stored = (await _store.Flows.FindAsync(Organization, id, CancellationToken.None))!;
        stored.Replace(Flow(name, reorder), stored.UpdatedAt.AddMinutes(1));
        await _store.Flows.UpdateAsync(stored, RecordedWrites.Of(stored, source), CancellationToken.None);
    }

    private async Task UpdateWithRetryAsync(FlowTemplateId id, string name)
    {
        while (true)
        {
            try
            {
                await UpdateFlowAsync(id, name);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                // Another writer of the same flow won: read again and retry, as the service does.
            }
        }
    }

    private async Task<WorkflowDefinition> AddDefinitionAsync(string name)
    {
        var slot = await _store.Slots.ReserveAsync(Organization, 10_000, CancellationToken.None);
        var definition = WorkflowDefinition.Create(Organization, new WorkflowDefinitionId(slot.WorkflowId), Definition(name), T0);
        await _store.Definitions.AddAsync(definition, slot, RecordedWrites.Of(definition, RevisionSource.Create), CancellationToken.None);
        return definition;
    }

    private static FlowDocument Flow(string name, bool reorder = false)
    {
        var flow = reorder
            ? new JsonObject { ["edges"] = new JsonArray(), ["tasks"] = new JsonArray(), ["name"] = name }
            : new JsonObject { ["name"] = name, ["tasks"] = new JsonArray(), ["edges"] = new JsonArray() };
        return FlowDocument.Parse(flow, HardLimits.Default);
    }

    private DefinitionDocument Definition(string name)
    {
        var definition = JsonNode.Parse(DefinitionSamples.LeadQualification)!.AsObject();
        definition["name"] = name;
        return DefinitionDocument.Parse(definition, () => $"item{Interlocked.Increment(ref _itemIds):D3}", HardLimits.Default);
    }
}

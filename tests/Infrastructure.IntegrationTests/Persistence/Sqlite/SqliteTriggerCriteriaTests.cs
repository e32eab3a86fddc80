using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>
/// A list or search with trigger criteria checks each of the organization's flows against its own trigger rows, found by
/// the flow's key: an index led by the trigger's type made every flow's check scan all the organization's triggers of
/// that type (a search for manual triggers over 51,711 flows ran for 200 s before it timed out).
/// </summary>
public class SqliteTriggerCriteriaTests
{
    /// <summary>The trigger rows' search in a query plan (SQLite writes "EXISTS" when it runs the subquery as a join).</summary>
    private const string ByTheFlowsKey = @"^SEARCH t (EXISTS )?USING PRIMARY KEY \(organization_id=\? AND flow_id=\?\)$";
    private static readonly OrganizationId Organization = new("org");

    private static readonly TriggerCriteria[] EveryCriterion =
    [
        new(Type: "manual"),
        new(Type: "automation", AutomationId: "a1"),
        new(Type: "journey_submission", JourneyId: "j1"),
        new(AutomationOrJourneyId: "s1"),
        new(Type: "manual", EntitySchema: "opportunity"),
    ];

    [TestCaseSource(nameof(EveryCriterion))]
    public async Task Search_ChecksEachFlowsOwnTriggers(TriggerCriteria criteria)
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var search = new FlowTemplateSearch(null, DefinitionId: null, criteria, Enabled: null, From: 0, Size: 25, FlowTemplateSortField.UpdatedAt, Descending: true);

        var count = await QueryPlan.OfAsync(SqliteFlowTemplateRepository.CountCommand(connection, Organization, search));
        var page = await QueryPlan.OfAsync(SqliteFlowTemplateRepository.PageCommand(connection, Organization, search));

        Assert.Multiple(() =>
        {
            Assert.That(count, Has.Some.Match(ByTheFlowsKey).And.None.Contains("flow_template_triggers_"), string.Join(" | ", count));
            Assert.That(page, Has.Some.Match(ByTheFlowsKey).And.None.Contains("flow_template_triggers_"), string.Join(" | ", page));
        });
    }

    [TestCaseSource(nameof(EveryCriterion))]
    public async Task List_ChecksEachFlowsOwnTriggers(TriggerCriteria criteria)
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        await using var connection = await connections.OpenAsync(CancellationToken.None);

        var plan = await QueryPlan.OfAsync(SqliteFlowTemplateRepository.ListCommand(connection, Organization, criteria));

        Assert.That(plan, Has.Some.Match(ByTheFlowsKey).And.None.Contains("flow_template_triggers_"), string.Join(" | ", plan));
    }
}

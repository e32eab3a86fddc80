using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateChanges;

/// <summary>
/// Reads the feed; when there is no change yet and the client may wait, waits for this process's next commit of a
/// change of the organization, or looks again each <see cref="PollInterval"/> (changes committed by other replicas),
/// until a change arrives or the wait is over.
/// </summary>
public sealed class ListFlowTemplateChangesQueryHandler(IFlowChangeFeed feed, ChangeSignals signals, TimeProvider clock)
    : IQueryHandler<ListFlowTemplateChangesQuery, JsonObject>
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async ValueTask<JsonObject> Handle(ListFlowTemplateChangesQuery query, CancellationToken cancellationToken)
    {
        long? after = query.After is { } cursor && HistoryParameters.TryParseCursor(cursor, out var sequence) ? sequence : null;
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(query.WaitSeconds);
        while (true)
        {
            var nextChange = signals.Next(query.OrganizationId);
            var page = await feed.ReadAsync(query.OrganizationId, after, query.Limit, cancellationToken);
            var remaining = deadline - clock.GetUtcNow();
            if (page.Changes.Count > 0 || remaining <= TimeSpan.Zero)
            {
                return HistoryJson.Render(page);
            }

            after = page.NextAfter;
            await Task.WhenAny(nextChange, Task.Delay(remaining < PollInterval ? remaining : PollInterval, clock, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}

using System.Collections.Concurrent;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;

/// <summary>
/// The <c>limit_warnings</c> of flows as getFlowTemplate last computed them, by organization, id and revision. Reading
/// them costs parsing the whole document; the stored revision changes with every write, so an entry is only ever used
/// for the very content it was computed from (the revision is read from the store with the flow, on every request).
/// At most <see cref="Capacity"/> entries are kept (a few hundred bytes each; most flows have no warning): beyond it
/// the cache starts again empty.
/// </summary>
public sealed class LimitWarningsCache(FlowLimits limits)
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<(string Organization, string Id, long Revision), IReadOnlyList<FlowLimitWarning>> _warnings = new();
    private int _count;

    public IReadOnlyList<FlowLimitWarning> Of(FlowTemplate flow)
    {
        var key = (flow.OrganizationId.Value, flow.Id.Value, flow.Revision);
        if (_warnings.TryGetValue(key, out var known))
        {
            return known;
        }

        var warnings = flow.Document.EvaluateLimits(limits);
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _warnings.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _warnings[key] = warnings;
        return warnings;
    }
}

using Mediator;

namespace WorkflowDefinitions.Application.Workflows.GetMaxAllowedLimit;

public sealed class GetMaxAllowedLimitQueryHandler(IWorkflowSlots slots, IWorkflowLimits limits)
    : IQueryHandler<GetMaxAllowedLimitQuery, MaxAllowedLimitDto>
{
    public async ValueTask<MaxAllowedLimitDto> Handle(GetMaxAllowedLimitQuery query, CancellationToken cancellationToken) =>
        new(await slots.CountAsync(query.OrganizationId, cancellationToken), limits.GetMaxAllowed(query.OrganizationId));
}

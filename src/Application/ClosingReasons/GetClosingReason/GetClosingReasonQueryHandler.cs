using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons.GetClosingReason;

public sealed class GetClosingReasonQueryHandler(IClosingReasonRepository reasons)
    : IQueryHandler<GetClosingReasonQuery, Tagged<ClosingReasonDto>>
{
    public async ValueTask<Tagged<ClosingReasonDto>> Handle(GetClosingReasonQuery query, CancellationToken cancellationToken)
    {
        var reason = await reasons.FindAsync(query.OrganizationId, new ClosingReasonId(query.ReasonId), cancellationToken)
            ?? throw NotFoundException.ClosingReason(query.ReasonId);
        return reason.ToTaggedDto();
    }
}

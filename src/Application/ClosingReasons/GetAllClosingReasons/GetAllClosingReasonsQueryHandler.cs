using Mediator;

namespace WorkflowDefinitions.Application.ClosingReasons.GetAllClosingReasons;

public sealed class GetAllClosingReasonsQueryHandler(IClosingReasonRepository reasons)
    : IQueryHandler<GetAllClosingReasonsQuery, ClosingReasonsDto>
{
    public async ValueTask<ClosingReasonsDto> Handle(GetAllClosingReasonsQuery query, CancellationToken cancellationToken)
    {
        var catalog = await reasons.ListAsync(query.OrganizationId, query.IncludeInactive, cancellationToken);
        return new ClosingReasonsDto(catalog.Select(r => r.ToDto()).ToList());
    }
}

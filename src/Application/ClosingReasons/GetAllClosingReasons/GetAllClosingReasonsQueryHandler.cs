using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Application.ClosingReasons.GetAllClosingReasons;

/// <summary>Every reason is read and written one at a time, in the shape <c>getClosingReason</c> answers.</summary>
public sealed class GetAllClosingReasonsQueryHandler(IClosingReasonRepository reasons)
    : IQueryHandler<GetAllClosingReasonsQuery, StreamedList>
{
    public ValueTask<StreamedList> Handle(GetAllClosingReasonsQuery query, CancellationToken cancellationToken)
    {
        var catalog = reasons.ListAsync(query.OrganizationId, query.IncludeInactive, cancellationToken)
            .Select(reason => JsonAnswer.Of(JsonSerializer.SerializeToNode(reason.ToDto())!));
        return ValueTask.FromResult(new StreamedList("reasons", catalog));
    }
}

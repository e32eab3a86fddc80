using Mediator;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinitions;

/// <summary>Every definition is read, rendered and written one at a time.</summary>
public sealed class GetDefinitionsQueryHandler(IWorkflowDefinitionRepository definitions) : IQueryHandler<GetDefinitionsQuery, StreamedList>
{
    public ValueTask<StreamedList> Handle(GetDefinitionsQuery query, CancellationToken cancellationToken)
    {
        var listed = definitions.ListAsync(query.OrganizationId, cancellationToken).Select(WorkflowDefinitionJson.Answer);
        return ValueTask.FromResult(new StreamedList(PropertyName: null, listed));
    }
}

using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinitions;

/// <summary>
/// Every definition is read, rendered and written a few at a time; one whose answer would hold more than
/// <see cref="IAnswerRoom.SmallAnswerBytes"/> is read only when it is written, once the response has room for it.
/// </summary>
public sealed class GetDefinitionsQueryHandler(IWorkflowDefinitionRepository definitions) : IQueryHandler<GetDefinitionsQuery, StreamedList>
{
    private const int MaxReadBytes = IAnswerRoom.SmallAnswerBytes / WorkflowDefinitionJson.HeldBytesPerStoredByte;

    public ValueTask<StreamedList> Handle(GetDefinitionsQuery query, CancellationToken cancellationToken)
    {
        var listed = definitions.ListAsync(query.OrganizationId, MaxReadBytes, cancellationToken).Select(item => Answer(query, item));
        return ValueTask.FromResult(new StreamedList(PropertyName: null, listed));
    }

    private JsonAnswer Answer(GetDefinitionsQuery query, Listed<WorkflowDefinition> item) => DeferredAnswer.For(
        item,
        WorkflowDefinitionJson.HeldBytesPerStoredByte,
        WorkflowDefinitionJson.Answer,
        (id, token) => definitions.FindAsync(query.OrganizationId, new WorkflowDefinitionId(id), token));
}

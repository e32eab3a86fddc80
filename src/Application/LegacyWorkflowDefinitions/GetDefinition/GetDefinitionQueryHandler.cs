using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinition;

/// <summary>
/// The stored definition and its entity tag. A definition whose answer would hold a large document is read once room
/// for it has been taken (<see cref="AnswerRoomReads"/>).
/// </summary>
public sealed class GetDefinitionQueryHandler(IWorkflowDefinitionRepository definitions, IAnswerRoom answers) : IQueryHandler<GetDefinitionQuery, Tagged<JsonAnswer>>
{
    public async ValueTask<Tagged<JsonAnswer>> Handle(GetDefinitionQuery query, CancellationToken cancellationToken)
    {
        var id = new WorkflowDefinitionId(query.DefinitionId);
        var (definition, room) = await definitions.FindTakingRoomAsync(answers, query.OrganizationId, id, cancellationToken);
        if (definition is null)
        {
            throw NotFoundException.Definition(query.DefinitionId);
        }

        var answer = WorkflowDefinitionJson.Answer(definition);
        return new Tagged<JsonAnswer>(room is null ? answer : answer.Holding(room), EntityTag.Of(definition.Revision));
    }
}

using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.RestoreDefinitionRevision;

public sealed class RestoreDefinitionRevisionCommandValidator : AbstractValidator<RestoreDefinitionRevisionCommand>
{
    public RestoreDefinitionRevisionCommandValidator()
    {
        RuleFor(c => c.DefinitionId).MustBeValidId("definitionId");
        RuleFor(c => c.Revision).MustBeRevisionNumber("revision");
    }
}

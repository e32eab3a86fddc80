using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.ClosingReasons.CreateClosingReason;

/// <summary>The body (400), then an insert that also holds the catalog to its cap (400 when full) and ids unique (400).</summary>
public sealed class CreateClosingReasonCommandHandler(
    IClosingReasonRepository reasons, IIdGenerator ids, HardLimits caps, TimeProvider clock)
    : ICommandHandler<CreateClosingReasonCommand, Tagged<ClosingReasonDto>>
{
    private const int MaxGeneratedIdAttempts = 5;

    public async ValueTask<Tagged<ClosingReasonDto>> Handle(CreateClosingReasonCommand command, CancellationToken cancellationToken)
    {
        var draft = ClosingReasonBodies.ReadNew(command.Body);
        for (var attempt = 1; ; attempt++)
        {
            var id = draft.Id ?? new ClosingReasonId(ids.NewClosingReasonId());
            var reason = ClosingReason.Create(command.OrganizationId, id, draft.Title, draft.Status, draft.ExtraProperties, clock.GetUtcNow());
            try
            {
                await reasons.AddAsync(reason, caps.MaxClosingReasonsPerOrganization, cancellationToken);
                return reason.ToTaggedDto();
            }
            catch (DuplicateIdException) when (draft.Id is null && attempt < MaxGeneratedIdAttempts)
            {
                // A generated id collided (astronomically unlikely): draw another one.
            }
        }
    }
}

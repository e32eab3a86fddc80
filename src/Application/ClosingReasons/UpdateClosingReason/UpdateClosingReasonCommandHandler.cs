using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;

/// <summary>
/// The patch (400), existence (404, D13), then the <c>If-Match</c> precondition (412); a patch that loses a race is
/// applied again on the newer revision, unless <c>If-Match</c> pins the version (then 412).
/// </summary>
public sealed class UpdateClosingReasonCommandHandler(IClosingReasonRepository reasons, TimeProvider clock)
    : ICommandHandler<UpdateClosingReasonCommand, Tagged<ClosingReasonDto>>
{
    public ValueTask<Tagged<ClosingReasonDto>> Handle(UpdateClosingReasonCommand command, CancellationToken cancellationToken)
    {
        var id = new ClosingReasonId(command.ReasonId);
        var changes = ClosingReasonBodies.ReadChanges(command.Patch);

        return OptimisticConcurrency.RetryOnConflictAsync(command.IfMatch, () => PreconditionFailedException.ClosingReason(id.Value), async () =>
        {
            var reason = await reasons.FindAsync(command.OrganizationId, id, cancellationToken)
                ?? throw NotFoundException.ClosingReason(command.ReasonId);
            command.IfMatch?.Check(EntityTag.Of(reason.Revision), () => PreconditionFailedException.ClosingReason(id.Value));
            if (reason.Apply(changes, clock.GetUtcNow()))
            {
                await reasons.UpdateAsync(reason, cancellationToken);
            }

            return reason.ToTaggedDto();
        });
    }
}

using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;

public sealed class UpdateClosingReasonCommandHandler(IClosingReasonRepository reasons, TimeProvider clock)
    : ICommandHandler<UpdateClosingReasonCommand, ClosingReasonDto>
{
    public ValueTask<ClosingReasonDto> Handle(UpdateClosingReasonCommand command, CancellationToken cancellationToken)
    {
        var id = new ClosingReasonId(command.ReasonId);
        var changes = new ClosingReasonChanges(
            JsonChecks.TryGetString(command.Patch["title"]),
            JsonChecks.TryGetString(command.Patch["status"]) is { } status ? ClosingReasonStatusNames.Parse(status) : null,
            command.Patch);

        return OptimisticConcurrency.RetryOnConflictAsync(async () =>
        {
            var reason = await reasons.FindAsync(command.OrganizationId, id, cancellationToken)
                ?? throw NotFoundException.ClosingReason(command.ReasonId);
            if (reason.Apply(changes, clock.GetUtcNow()))
            {
                await reasons.UpdateAsync(reason, cancellationToken);
            }

            return reason.ToDto();
        });
    }
}

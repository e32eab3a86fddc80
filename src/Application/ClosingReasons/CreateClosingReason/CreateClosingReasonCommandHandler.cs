using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.ClosingReasons.CreateClosingReason;

public sealed class CreateClosingReasonCommandHandler(
    IClosingReasonRepository reasons, IIdGenerator ids, HardLimits caps, TimeProvider clock)
    : ICommandHandler<CreateClosingReasonCommand, ClosingReasonDto>
{
    private const int MaxGeneratedIdAttempts = 5;

    public async ValueTask<ClosingReasonDto> Handle(CreateClosingReasonCommand command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        var suppliedId = JsonChecks.TryGetString(body["id"]);
        var title = JsonChecks.TryGetString(body["title"])!;
        var status = JsonChecks.TryGetString(body["status"]) is { } statusName
            ? ClosingReasonStatusNames.Parse(statusName)
            : ClosingReasonStatus.Active;
        var extraProperties = ExtraProperties.From(body, ClosingReason.ReservedPropertyNames);

        for (var attempt = 1; ; attempt++)
        {
            var id = new ClosingReasonId(suppliedId ?? ids.NewClosingReasonId());
            var reason = ClosingReason.Create(
                command.OrganizationId, id, title, status, extraProperties, clock.GetUtcNow());
            try
            {
                await reasons.AddAsync(reason, caps.MaxClosingReasonsPerOrganization, cancellationToken);
                return reason.ToDto();
            }
            catch (DuplicateIdException) when (suppliedId is null && attempt < MaxGeneratedIdAttempts)
            {
                // A generated id collided (astronomically unlikely): draw another one.
            }
        }
    }
}

using System.Text.Json;
using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.UpdateFlowTemplate;

/// <summary>
/// Checks in the contract's order (D13): existence (404), the <c>If-Match</c> precondition (412), the client's
/// <c>updated_at</c> (409), structure and limits (400), then automation side effects and the conditional write. With a
/// pinned <c>If-Match</c> losing a race is a 412, with <c>updated_at</c> a 409; otherwise the last write wins and a lost
/// race is written again on the newer revision. Until the write succeeds, a failure undoes the automation changes. A dry
/// run goes the same way and writes nothing. The stored flow is read whole for its checks, a large one once room for it
/// has been taken (<see cref="FlowTemplateReads"/>): many small updates of a large flow at once make the process read no
/// more flows than it may hold.
/// </summary>
public sealed class UpdateFlowTemplateCommandHandler(
    IFlowTemplateRepository flows,
    FlowLimits flowLimits,
    HardLimits caps,
    FlowAutomations automations,
    FlowTemplateTags tags,
    FlowTemplateHistory history,
    WorkflowMetrics metrics,
    IAnswerRoom answers,
    TimeProvider clock)
    : ICommandHandler<UpdateFlowTemplateCommand, Tagged<JsonAnswer>>
{
    public async ValueTask<Tagged<JsonAnswer>> Handle(UpdateFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var id = new FlowTemplateId(command.FlowId);
        var (stored, room) = await LoadAsync(command, id, cancellationToken);
        command.IfMatch?.Check(tags.Of(stored), () => PreconditionFailedException.FlowTemplate(id.Value));
        var expected = ExpectedUpdatedAt(command.Body);
        if (expected is { } instant && !stored.IsAt(instant))
        {
            throw Conflict(id);
        }

        var document = FlowDocument.Parse(command.Body, caps);
        var warnings = document.EvaluateLimits(flowLimits);
        if (command.EnforceLimits && FlowLimitEvaluator.NewOrWorsened(warnings, stored.Document.EvaluateLimits(flowLimits)) is { Count: > 0 } worse)
        {
            throw new FlowLimitsExceededException(worse);
        }

        await using var changes = automations.BeginChanges(command.OrganizationId, command.Mode);
        var resolved = document.WithAutomations(await automations.ProcessAsync(changes, id.Value, document, cancellationToken));
        JsonAnswer representation;
        for (var attempt = 1; ; attempt++)
        {
            stored.Replace(resolved, clock.GetUtcNow());
            representation = FlowTemplateJson.Answer(stored, warnings);
            if (command.Mode == WriteMode.DryRun)
            {
                break;
            }

            try
            {
                await changes.CommitAsync(() => flows.UpdateAsync(stored, history.Record(stored, warnings, command.Source), cancellationToken));
                metrics.WorkflowUpdated(command.OrganizationId, WorkflowModel.Flow);
                metrics.LimitWarningsIssued(warnings, enforced: false);
                break;
            }
            catch (ConcurrencyConflictException) when (command.IfMatch is { AnyVersion: false })
            {
                throw PreconditionFailedException.FlowTemplate(id.Value);
            }
            catch (ConcurrencyConflictException) when (expected is not null)
            {
                throw Conflict(id);
            }
            catch (ConcurrencyConflictException) when (attempt < OptimisticConcurrency.MaxAttempts)
            {
                room?.Dispose();
                (stored, room) = await LoadAsync(command, id, cancellationToken);
            }
        }

        return new Tagged<JsonAnswer>(representation, tags.Of(stored));
    }

    /// <summary>The stored flow, with the room taken for it if it is large (given back when the response is done, at the latest).</summary>
    private async Task<(FlowTemplate Stored, IDisposable? Room)> LoadAsync(UpdateFlowTemplateCommand command, FlowTemplateId id, CancellationToken cancellationToken)
    {
        var (stored, room) = await flows.FindTakingRoomAsync(answers, command.OrganizationId, id, heldPerStoredByte: 1, cancellationToken);
        return (stored ?? throw NotFoundException.FlowTemplate(id.Value), room);
    }

    /// <summary>The body's <c>updated_at</c> as an instant; null when absent (no check). Anything else than a date-time is a 400.</summary>
    private static DateTimeOffset? ExpectedUpdatedAt(JsonElement body)
    {
        if (!body.TryGetProperty("updated_at", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && IsoDateTime.TryParseInstant(value.GetString()!, out var instant)
            ? instant
            : throw new InvalidDocumentException([Violation.Of(JsonPath.Root.Property("updated_at"), $"must be an ISO-8601 date-time with a time zone")]);
    }

    private static ConcurrencyConflictException Conflict(FlowTemplateId id) => ConcurrencyConflictException.FlowTemplate(id.Value);
}

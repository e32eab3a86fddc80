using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates;

/// <summary>The read of one stored flow by the operations that hold its document, taking room for a large one first.</summary>
public static class FlowTemplateReads
{
    /// <summary>
    /// The flow (null when there is none), read at once when the operation holds at most
    /// <see cref="IAnswerRoom.SmallAnswerBytes"/> for it — <paramref name="heldPerStoredByte"/> bytes per byte of its stored
    /// document — and otherwise once room for that has been taken (<see cref="AnswerRoomReads"/>); with the room, given back
    /// when disposed, or when the request's response is done.
    /// </summary>
    public static Task<(FlowTemplate? Found, IDisposable? Room)> FindTakingRoomAsync(
        this IFlowTemplateRepository flows,
        IAnswerRoom answers,
        OrganizationId organizationId,
        FlowTemplateId id,
        int heldPerStoredByte,
        CancellationToken cancellationToken) =>
        answers.ReadAsync(
            organizationId,
            heldPerStoredByte,
            flow => flow.Document.Text.Length,
            (maxBytes, token) => flows.FindUnlessLargerAsync(organizationId, id, maxBytes, token),
            token => flows.FindAsync(organizationId, id, token),
            cancellationToken);

    /// <summary>Whether the flow exists, learnt without reading its document.</summary>
    public static async Task<bool> ExistsAsync(
        this IFlowTemplateRepository flows, OrganizationId organizationId, FlowTemplateId id, CancellationToken cancellationToken) =>
        (await flows.FindUnlessLargerAsync(organizationId, id, maxBytes: 0, cancellationToken)).IsFound;
}

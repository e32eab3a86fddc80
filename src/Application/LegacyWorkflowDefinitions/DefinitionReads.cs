using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions;

/// <summary>The read of one stored definition by the operations that hold its document, taking room for a large one first.</summary>
public static class DefinitionReads
{
    /// <summary>
    /// The definition (null when there is none), read at once when it holds at most <see cref="IAnswerRoom.SmallAnswerBytes"/>
    /// (<see cref="WorkflowDefinitionJson.HeldBytesPerStoredByte"/> bytes per byte of its stored document) and otherwise
    /// once room for that has been taken (<see cref="AnswerRoomReads"/>); with the room, given back when disposed, or when
    /// the request's response is done.
    /// </summary>
    public static Task<(WorkflowDefinition? Found, IDisposable? Room)> FindTakingRoomAsync(
        this IWorkflowDefinitionRepository definitions,
        IAnswerRoom answers,
        OrganizationId organizationId,
        WorkflowDefinitionId id,
        CancellationToken cancellationToken) =>
        answers.ReadAsync(
            organizationId,
            WorkflowDefinitionJson.HeldBytesPerStoredByte,
            definition => definition.Document.StoredTextBytes,
            (maxBytes, token) => definitions.FindUnlessLargerAsync(organizationId, id, maxBytes, token),
            token => definitions.FindAsync(organizationId, id, token),
            cancellationToken);

    /// <summary>Whether the definition exists, learnt without reading its document.</summary>
    public static async Task<bool> ExistsAsync(
        this IWorkflowDefinitionRepository definitions, OrganizationId organizationId, WorkflowDefinitionId id, CancellationToken cancellationToken) =>
        (await definitions.FindUnlessLargerAsync(organizationId, id, maxBytes: 0, cancellationToken)).IsFound;
}

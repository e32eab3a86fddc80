using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates.DiffFlowTemplateRevisions;
using WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplateRevision;
using WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateChanges;
using WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateRevisions;
using WorkflowDefinitions.Application.FlowTemplates.RestoreFlowTemplateRevision;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Api.Controllers;

/// <summary>
/// The history of V2 flow templates: their revisions (list, read, diff, restore) and the organization's change feed.
/// These operations are additive: the contract's 24 answer as before.
/// </summary>
[ApiController]
[Authorize]
[Tags("Flows V2")]
[Produces("application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
public sealed class FlowTemplateHistoryController(ISender sender) : ControllerBase
{
    private const string Revisions = "v2/flows/templates/{flowId}/revisions";

    [HttpGet(Revisions, Name = "listFlowTemplateRevisions")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<JsonObject> ListFlowTemplateRevisions(
        string flowId, [FromQuery] string? cursor, CancellationToken cancellationToken, [FromQuery] int limit = HistoryParameters.DefaultRevisionLimit) =>
        await sender.Send(new ListFlowTemplateRevisionsQuery(User.GetOrganizationId(), flowId, limit, cursor), cancellationToken);

    [HttpGet(Revisions + "/{revision}", Name = "getFlowTemplateRevision")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<JsonAnswer> GetFlowTemplateRevision(string flowId, string revision, CancellationToken cancellationToken) =>
        await sender.Send(new GetFlowTemplateRevisionQuery(User.GetOrganizationId(), flowId, revision), cancellationToken);

    [HttpGet("v2/flows/templates/{flowId}/diff", Name = "diffFlowTemplateRevisions")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<JsonAnswer> DiffFlowTemplateRevisions(
        string flowId, [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken) =>
        await sender.Send(new DiffFlowTemplateRevisionsQuery(User.GetOrganizationId(), flowId, from, to), cancellationToken);

    /// <summary>Puts a revision's content back as a new revision; honours <c>If-Match</c>.</summary>
    [HttpPost(Revisions + "/{revision}/restore", Name = "restoreFlowTemplateRevision")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status412PreconditionFailed)]
    public async Task<JsonAnswer> RestoreFlowTemplateRevision(string flowId, string revision, CancellationToken cancellationToken) =>
        this.Tagged(await sender.Send(new RestoreFlowTemplateRevisionCommand(User.GetOrganizationId(), flowId, revision, this.IfMatch()), cancellationToken));

    /// <summary>The organization's flow changes in commit order; <c>wait</c> holds the answer open until one arrives (long poll).</summary>
    [HttpGet("v2/flows/templates:changes", Name = "listFlowTemplateChanges")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status410Gone)]
    public async Task<JsonObject> ListFlowTemplateChanges(
        [FromQuery] string? after,
        CancellationToken cancellationToken,
        [FromQuery] int limit = HistoryParameters.DefaultChangeLimit,
        [FromQuery] int wait = 0) =>
        await sender.Send(new ListFlowTemplateChangesQuery(User.GetOrganizationId(), after, limit, wait), cancellationToken);
}

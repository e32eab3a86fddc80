using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DiffDefinitionRevisions;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinitionRevision;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.ListDefinitionRevisions;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.RestoreDefinitionRevision;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Api.Controllers;

/// <summary>The revisions of V1 workflow definitions: list, read, diff, restore. Additive to the contract's 24 operations.</summary>
[ApiController]
[Authorize]
[Tags("Workflows")]
[Produces("application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
public sealed class DefinitionHistoryController(ISender sender) : ControllerBase
{
    private const string Revisions = "v1/workflows/definitions/{definitionId}/revisions";

    [HttpGet(Revisions, Name = "listDefinitionRevisions")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<JsonObject> ListDefinitionRevisions(
        string definitionId, [FromQuery] string? cursor, CancellationToken cancellationToken, [FromQuery] int limit = HistoryParameters.DefaultRevisionLimit) =>
        await sender.Send(new ListDefinitionRevisionsQuery(User.GetOrganizationId(), definitionId, limit, cursor), cancellationToken);

    [HttpGet(Revisions + "/{revision}", Name = "getDefinitionRevision")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<JsonAnswer> GetDefinitionRevision(string definitionId, string revision, CancellationToken cancellationToken) =>
        await sender.Send(new GetDefinitionRevisionQuery(User.GetOrganizationId(), definitionId, revision), cancellationToken);

    [HttpGet("v1/workflows/definitions/{definitionId}/diff", Name = "diffDefinitionRevisions")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<JsonAnswer> DiffDefinitionRevisions(
        string definitionId, [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken) =>
        await sender.Send(new DiffDefinitionRevisionsQuery(User.GetOrganizationId(), definitionId, from, to), cancellationToken);

    /// <summary>Puts a revision's content back as a new revision; honours <c>If-Match</c>.</summary>
    [HttpPost(Revisions + "/{revision}/restore", Name = "restoreDefinitionRevision")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status412PreconditionFailed)]
    public async Task<JsonObject> RestoreDefinitionRevision(string definitionId, string revision, CancellationToken cancellationToken) =>
        this.Tagged(await sender.Send(new RestoreDefinitionRevisionCommand(User.GetOrganizationId(), definitionId, revision, this.IfMatch()), cancellationToken));
}

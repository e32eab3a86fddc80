using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.CreateDefinition;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DeleteDefinition;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinition;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinitions;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetWorkflowClosingReasons;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.SetWorkflowClosingReasons;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.UpdateDefinition;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.ValidateDefinition;

namespace WorkflowDefinitions.Api.Controllers;

/// <summary>
/// Legacy V1 workflow definitions (contract §2.1.2–§2.1.8). Actions are named after the contract's operation ids, which
/// are also their route names and OpenAPI operation ids.
/// </summary>
[ApiController]
[Authorize]
[Tags("Workflows")]
[Produces("application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
public sealed class WorkflowDefinitionsController(ISender sender) : ControllerBase
{
    private const string Collection = "v1/workflows/definitions";
    private const string Item = "v1/workflows/definitions/{definitionId}";
    private const string ClosingReasons = Item + "/closing-reasons";

    [DisableRequestTimeout]
    [HttpGet(Collection, Name = "getDefinitions")]
    [ProducesResponseType<JsonArray>(StatusCodes.Status200OK)]
    public async Task<StreamedList> GetDefinitions(CancellationToken cancellationToken) =>
        await sender.Send(new GetDefinitionsQuery(User.GetOrganizationId()), cancellationToken);

    [HttpPost(Collection, Name = "createDefinition")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status201Created)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<JsonObject>> CreateDefinition(
        [FromBody] JsonElement body, [FromQuery(Name = "dry_run")] bool dryRun, CancellationToken cancellationToken)
    {
        var command = new CreateDefinitionCommand(User.GetOrganizationId(), body, ConditionalRequests.WriteMode(dryRun));
        var created = this.Tagged(await sender.Send(command, cancellationToken));
        return CreatedAtAction(nameof(GetDefinition), new { definitionId = created["id"]!.GetValue<string>() }, created);
    }

    /// <summary>The checks of <see cref="CreateDefinition"/>, reported: 200 with every error, nothing stored.</summary>
    [HttpPost("v1/workflows/definitions:validate", Name = "validateDefinition")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<JsonObject> ValidateDefinition([FromBody] JsonElement body, CancellationToken cancellationToken) =>
        ValidationAnswer.Render(await sender.Send(new ValidateDefinitionQuery(User.GetOrganizationId(), body), cancellationToken));

    [HttpGet(Item, Name = "getDefinition")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<JsonAnswer>> GetDefinition(string definitionId, CancellationToken cancellationToken) =>
        this.TaggedOrNotModified(await sender.Send(new GetDefinitionQuery(User.GetOrganizationId(), definitionId), cancellationToken));

    [HttpPut(Item, Name = "updateDefinition")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status412PreconditionFailed)]
    public async Task<JsonObject> UpdateDefinition(
        string definitionId, [FromBody] JsonElement body, [FromQuery(Name = "dry_run")] bool dryRun, CancellationToken cancellationToken)
    {
        var command = new UpdateDefinitionCommand(User.GetOrganizationId(), definitionId, body, this.IfMatch(), ConditionalRequests.WriteMode(dryRun));
        return this.Tagged(await sender.Send(command, cancellationToken));
    }

    [HttpDelete(Item, Name = "deleteDefinition")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status412PreconditionFailed)]
    public async Task<NoContentResult> DeleteDefinition(string definitionId, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteDefinitionCommand(User.GetOrganizationId(), definitionId, this.IfMatch()), cancellationToken);
        return NoContent();
    }

    [HttpGet(ClosingReasons, Name = "getWorkflowClosingReasons")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<JsonObject> GetWorkflowClosingReasons(string definitionId, CancellationToken cancellationToken) =>
        await sender.Send(new GetWorkflowClosingReasonsQuery(User.GetOrganizationId(), definitionId), cancellationToken);

    /// <summary>Replaces the definition's closing reasons; 201 with no body, as the contract says.</summary>
    [HttpPatch(ClosingReasons, Name = "setWorkflowClosingReasons")]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status412PreconditionFailed)]
    public async Task<StatusCodeResult> SetWorkflowClosingReasons(
        string definitionId, [FromBody] JsonElement body, CancellationToken cancellationToken)
    {
        await sender.Send(new SetWorkflowClosingReasonsCommand(User.GetOrganizationId(), definitionId, body, this.IfMatch()), cancellationToken);
        return StatusCode(StatusCodes.Status201Created);
    }
}

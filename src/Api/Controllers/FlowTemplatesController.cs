using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates.CreateFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.DeleteFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.DuplicateFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.ExportFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.ImportFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplates;
using WorkflowDefinitions.Application.FlowTemplates.SearchFlowTemplates;
using WorkflowDefinitions.Application.FlowTemplates.UpdateFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.ValidateFlowTemplate;

namespace WorkflowDefinitions.Api.Controllers;

/// <summary>
/// V2 flow templates (contract §2.2). Actions are named after the contract's operation ids, which are also their route
/// names and OpenAPI operation ids. The literal <c>templates:search</c> and <c>templates/import</c> routes never reach
/// <c>{flowId}</c>.
/// </summary>
[ApiController]
[Authorize]
[Tags("Flows V2")]
[Produces("application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
public sealed class FlowTemplatesController(ISender sender) : ControllerBase
{
    private const string Collection = "v2/flows/templates";
    private const string Item = "v2/flows/templates/{flowId}";

    [DisableRequestTimeout]
    [HttpGet(Collection, Name = "listFlowTemplates")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<StreamedList> ListFlowTemplates(
        [FromQuery(Name = "trigger_type")] string? triggerType,
        [FromQuery(Name = "trigger_source_id")] string? triggerSourceId,
        [FromQuery(Name = "trigger_schema")] string? triggerSchema,
        CancellationToken cancellationToken) =>
        await sender.Send(new ListFlowTemplatesQuery(User.GetOrganizationId(), triggerType, triggerSourceId, triggerSchema), cancellationToken);

    [HttpPost(Collection, Name = "createFlowTemplate")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status201Created)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<JsonObject>> CreateFlowTemplate(
        [FromBody] JsonElement body,
        [FromQuery(Name = "enforce_limits")] bool enforceLimits,
        [FromQuery(Name = "dry_run")] bool dryRun,
        CancellationToken cancellationToken)
    {
        var command = new CreateFlowTemplateCommand(User.GetOrganizationId(), body, enforceLimits, ConditionalRequests.WriteMode(dryRun));
        var created = this.Tagged(await sender.Send(command, cancellationToken));
        return CreatedAtAction(nameof(GetFlowTemplate), new { flowId = created.Id }, created.Answer);
    }

    /// <summary>The checks of <see cref="CreateFlowTemplate"/>, reported: 200 with every error, nothing stored.</summary>
    [HttpPost("v2/flows/templates:validate", Name = "validateFlowTemplate")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<JsonObject> ValidateFlowTemplate(
        [FromBody] JsonElement body, [FromQuery(Name = "enforce_limits")] bool enforceLimits, CancellationToken cancellationToken) =>
        ValidationAnswer.Render(await sender.Send(new ValidateFlowTemplateQuery(User.GetOrganizationId(), body, enforceLimits), cancellationToken));

    /// <summary>A missing or empty body searches with no filters (contract D55).</summary>
    [HttpPost("v2/flows/templates:search", Name = "searchFlowTemplates")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<StreamedList> SearchFlowTemplates(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement body, CancellationToken cancellationToken) =>
        await sender.Send(new SearchFlowTemplatesQuery(User.GetOrganizationId(), body), cancellationToken);

    [HttpGet(Item, Name = "getFlowTemplate")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<JsonAnswer>> GetFlowTemplate(string flowId, CancellationToken cancellationToken) =>
        this.TaggedOrNotModified(await sender.Send(new GetFlowTemplateQuery(User.GetOrganizationId(), flowId), cancellationToken));

    [HttpPut(Item, Name = "updateFlowTemplate")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status412PreconditionFailed)]
    public async Task<JsonAnswer> UpdateFlowTemplate(
        string flowId,
        [FromBody] JsonElement body,
        [FromQuery(Name = "enforce_limits")] bool enforceLimits,
        [FromQuery(Name = "dry_run")] bool dryRun,
        CancellationToken cancellationToken)
    {
        var command = new UpdateFlowTemplateCommand(
            User.GetOrganizationId(), flowId, body, enforceLimits, this.IfMatch(), ConditionalRequests.WriteMode(dryRun));
        return this.Tagged(await sender.Send(command, cancellationToken));
    }

    [HttpDelete(Item, Name = "deleteFlowTemplate")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status412PreconditionFailed)]
    public async Task<NoContentResult> DeleteFlowTemplate(string flowId, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteFlowTemplateCommand(User.GetOrganizationId(), flowId, this.IfMatch()), cancellationToken);
        return NoContent();
    }

    [HttpPost(Item + "/duplicate", Name = "duplicateFlowTemplate")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status201Created)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<JsonObject>> DuplicateFlowTemplate(
        string flowId, [FromQuery(Name = "dry_run")] bool dryRun, CancellationToken cancellationToken)
    {
        var command = new DuplicateFlowTemplateCommand(User.GetOrganizationId(), flowId, ConditionalRequests.WriteMode(dryRun));
        var created = this.Tagged(await sender.Send(command, cancellationToken));
        return CreatedAtAction(nameof(GetFlowTemplate), new { flowId = created.Id }, created.Answer);
    }

    [HttpGet(Item + "/export", Name = "exportFlowTemplate")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<JsonAnswer> ExportFlowTemplate(string flowId, CancellationToken cancellationToken) =>
        await sender.Send(new ExportFlowTemplateQuery(User.GetOrganizationId(), flowId), cancellationToken);

    /// <summary>Answers <c>{flow, _id_mappings}</c>; the Location header names the new flow.</summary>
    [HttpPost("v2/flows/templates/import", Name = "importFlowTemplate")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status201Created)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<JsonObject>> ImportFlowTemplate(
        [FromBody] JsonElement body, [FromQuery(Name = "dry_run")] bool dryRun, CancellationToken cancellationToken)
    {
        var imported = await sender.Send(new ImportFlowTemplateCommand(User.GetOrganizationId(), body, ConditionalRequests.WriteMode(dryRun)), cancellationToken);
        return CreatedAtAction(nameof(GetFlowTemplate), new { flowId = imported["flow"]!["id"]!.GetValue<string>() }, imported);
    }
}

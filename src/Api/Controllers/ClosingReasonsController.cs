using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;
using WorkflowDefinitions.Application.ClosingReasons.CreateClosingReason;
using WorkflowDefinitions.Application.ClosingReasons.DeleteClosingReason;
using WorkflowDefinitions.Application.ClosingReasons.GetAllClosingReasons;
using WorkflowDefinitions.Application.ClosingReasons.GetClosingReason;
using WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Api.Controllers;

/// <summary>
/// The organization's closing-reason catalog (contract §2.3, §7). Actions are named after the contract's operation ids,
/// which are also their route names and OpenAPI operation ids.
/// </summary>
[ApiController]
[Authorize]
[Tags("Closing Reason")]
[Produces("application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
public sealed class ClosingReasonsController(ISender sender) : ControllerBase
{
    private const string V1Collection = "v1/workflows/closing-reasons";
    private const string V1Item = "v1/workflows/closing-reasons/{reasonId}";
    private const string V2Item = "v2/workflows/closing-reasons/{reasonId}";

    [DisableRequestTimeout]
    [HttpGet(V1Collection, Name = "getAllClosingReasons")]
    [ProducesResponseType<ClosingReasonsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<StreamedList> GetAllClosingReasons(
        [FromQuery] bool includeInactive, CancellationToken cancellationToken) =>
        await sender.Send(new GetAllClosingReasonsQuery(User.GetOrganizationId(), includeInactive), cancellationToken);

    [HttpPost(V1Collection, Name = "createClosingReason")]
    [ProducesResponseType<ClosingReasonDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<ClosingReasonDto>> CreateClosingReason(
        [FromBody] JsonElement body, CancellationToken cancellationToken)
    {
        var created = this.Tagged(await sender.Send(new CreateClosingReasonCommand(User.GetOrganizationId(), body), cancellationToken));
        return CreatedAtAction(nameof(GetClosingReason), new { reasonId = created.Id }, created);
    }

    [HttpGet(V2Item, Name = "getClosingReason")]
    [ProducesResponseType<ClosingReasonDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ClosingReasonDto>> GetClosingReason(string reasonId, CancellationToken cancellationToken) =>
        this.TaggedOrNotModified(await sender.Send(new GetClosingReasonQuery(User.GetOrganizationId(), reasonId), cancellationToken));

    /// <summary>Deprecated twin of <see cref="GetClosingReason"/>; flagged with a <c>Deprecation</c> header (contract D24).</summary>
    [HttpGet(V1Item, Name = "getClosingReasonV1")]
    [Obsolete("Use getClosingReason (GET /v2/workflows/closing-reasons/{reasonId}).")]
    [ProducesResponseType<ClosingReasonDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ClosingReasonDto>> GetClosingReasonV1(string reasonId, CancellationToken cancellationToken)
    {
        var reason = await sender.Send(new GetClosingReasonQuery(User.GetOrganizationId(), reasonId), cancellationToken);
        Response.Headers["Deprecation"] = "true";
        return this.TaggedOrNotModified(reason);
    }

    [HttpPatch(V2Item, Name = "updateClosingReason")]
    [ProducesResponseType<ClosingReasonDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status412PreconditionFailed)]
    public async Task<ClosingReasonDto> UpdateClosingReason(
        string reasonId, [FromBody] JsonElement body, CancellationToken cancellationToken) =>
        this.Tagged(await sender.Send(new UpdateClosingReasonCommand(User.GetOrganizationId(), reasonId, body, this.IfMatch()), cancellationToken));

    [HttpDelete(V2Item, Name = "deleteClosingReason")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status412PreconditionFailed)]
    public async Task<NoContentResult> DeleteClosingReason(string reasonId, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteClosingReasonCommand(User.GetOrganizationId(), reasonId, this.IfMatch()), cancellationToken);
        return NoContent();
    }

    /// <summary>Applied before answering, so 202 means done (contract D25). The body is optional in the spec, <c>status</c> is not.</summary>
    [HttpPatch(V1Item, Name = "changeReasonStatus")]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status412PreconditionFailed)]
    public async Task<StatusCodeResult> ChangeReasonStatus(
        string reasonId,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement body,
        CancellationToken cancellationToken)
    {
        await sender.Send(new ChangeReasonStatusCommand(User.GetOrganizationId(), reasonId, body, this.IfMatch()), cancellationToken);
        return StatusCode(StatusCodes.Status202Accepted);
    }
}

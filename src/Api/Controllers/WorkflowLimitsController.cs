using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Application.Workflows.GetMaxAllowedLimit;

namespace WorkflowDefinitions.Api.Controllers;

/// <summary>The organization's workflow quota (contract §2.1.1, §4).</summary>
[ApiController]
[Authorize]
[Tags("Workflows")]
[Produces("application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
public sealed class WorkflowLimitsController(ISender sender) : ControllerBase
{
    [HttpGet("v1/workflows/limits/max-allowed", Name = "getMaxAllowedLimit")]
    [ProducesResponseType<MaxAllowedLimitDto>(StatusCodes.Status200OK)]
    public async Task<MaxAllowedLimitDto> GetMaxAllowedLimit(CancellationToken cancellationToken) =>
        await sender.Send(new GetMaxAllowedLimitQuery(User.GetOrganizationId()), cancellationToken);
}

using Microsoft.AspNetCore.Mvc;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.Errors;

/// <summary>Route and query values MVC could not bind (e.g. <c>includeInactive=maybe</c>) answer the contract's 400.</summary>
public static class InvalidModelStateResponse
{
    public static IActionResult Create(ActionContext context)
    {
        var violations = context.ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .Select(entry => new Violation(entry.Key, entry.Value!.Errors[0].ErrorMessage, entry.Key))
            .ToList();
        var exception = new InvalidRequestException(violations);
        return new BadRequestObjectResult(ErrorBodyBudget.Fit(ErrorResponse.WithViolations(exception.Message, violations)));
    }
}

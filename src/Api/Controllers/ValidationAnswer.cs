using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;

namespace WorkflowDefinitions.Api.Controllers;

/// <summary>
/// The answer of <c>:validate</c>: <c>{"valid", "errors": [{path, message}], "limit_warnings"}</c>. <c>errors</c> is cut to
/// the same share a create's 400 gives it, so it lists exactly what that 400 would.
/// </summary>
internal static class ValidationAnswer
{
    public static JsonObject Render(ValidationReport report)
    {
        var errors = new JsonArray();
        foreach (var error in ErrorBodyBudget.Errors(report.Errors))
        {
            errors.Add(new JsonObject { ["path"] = error.Path, ["message"] = error.Message });
        }

        var answer = new JsonObject { ["valid"] = report.Valid, ["errors"] = errors };
        if (report.LimitWarnings is { } warnings)
        {
            answer["limit_warnings"] = FlowTemplateJson.Render(warnings);
        }

        return answer;
    }
}

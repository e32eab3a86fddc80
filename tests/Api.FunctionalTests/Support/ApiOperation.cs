using System.Net.Http.Headers;
using System.Text;

namespace WorkflowDefinitions.Api.FunctionalTests.Support;

/// <summary>One operation of the contract with a request that is valid apart from what a test varies.</summary>
public sealed record ApiOperation(string OperationId, string Method, string Path, string? Body = null)
{
    public HttpRequestMessage ToRequest(string? token = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            request.Content = new StringContent(Body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public override string ToString() => OperationId;
}

public static class ClosingReasonOperations
{
    public static IReadOnlyList<ApiOperation> All { get; } =
    [
        new("getAllClosingReasons", "GET", "/v1/workflows/closing-reasons"),
        new("createClosingReason", "POST", "/v1/workflows/closing-reasons", """{"title": "better offer"}"""),
        new("getClosingReason", "GET", "/v2/workflows/closing-reasons/r1"),
        new("getClosingReasonV1", "GET", "/v1/workflows/closing-reasons/r1"),
        new("updateClosingReason", "PATCH", "/v2/workflows/closing-reasons/r1", """{"title": "renamed"}"""),
        new("deleteClosingReason", "DELETE", "/v2/workflows/closing-reasons/r1"),
        new("changeReasonStatus", "PATCH", "/v1/workflows/closing-reasons/r1", """{"status": "INACTIVE"}"""),
    ];
}

public static class FlowTemplateOperations
{
    private const string Body = """{"name": "Auth flow", "tasks": [], "edges": []}""";

    public static IReadOnlyList<ApiOperation> All { get; } =
    [
        new("getMaxAllowedLimit", "GET", "/v1/workflows/limits/max-allowed"),
        new("listFlowTemplates", "GET", "/v2/flows/templates"),
        new("createFlowTemplate", "POST", "/v2/flows/templates", Body),
        new("searchFlowTemplates", "POST", "/v2/flows/templates:search", "{}"),
        new("getFlowTemplate", "GET", "/v2/flows/templates/f1"),
        new("updateFlowTemplate", "PUT", "/v2/flows/templates/f1", Body),
        new("deleteFlowTemplate", "DELETE", "/v2/flows/templates/f1"),
        new("duplicateFlowTemplate", "POST", "/v2/flows/templates/f1/duplicate"),
        new("exportFlowTemplate", "GET", "/v2/flows/templates/f1/export"),
        new("importFlowTemplate", "POST", "/v2/flows/templates/import", Body),
    ];
}

public static class DefinitionOperations
{
    private const string Body = """{"name": "Auth definition", "flow": []}""";

    public static IReadOnlyList<ApiOperation> All { get; } =
    [
        new("getDefinitions", "GET", "/v1/workflows/definitions"),
        new("createDefinition", "POST", "/v1/workflows/definitions", Body),
        new("getDefinition", "GET", "/v1/workflows/definitions/d1"),
        new("updateDefinition", "PUT", "/v1/workflows/definitions/d1", Body),
        new("deleteDefinition", "DELETE", "/v1/workflows/definitions/d1"),
        new("getWorkflowClosingReasons", "GET", "/v1/workflows/definitions/d1/closing-reasons"),
        new("setWorkflowClosingReasons", "PATCH", "/v1/workflows/definitions/d1/closing-reasons", """{"reasons": []}"""),
    ];
}

public static class AllOperations
{
    public static IReadOnlyList<ApiOperation> All { get; } =
        [.. ClosingReasonOperations.All, .. FlowTemplateOperations.All, .. DefinitionOperations.All];
}

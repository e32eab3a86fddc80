using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Api.FunctionalTests.Support;

public static class ResourceJson
{
    /// <summary>The <c>id</c> of a returned flow, definition or closing reason.</summary>
    public static string Id(this JsonObject resource) => resource["id"]!.GetValue<string>();
}

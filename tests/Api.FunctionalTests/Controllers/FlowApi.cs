using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>Calls of the flow endpoints the tests repeat.</summary>
public static class FlowApi
{
    public static async Task<JsonObject> CreateAsync(this HttpClient client, string json, string query = "")
    {
        var response = await client.PostAsync("/v2/flows/templates" + query, JsonBody(json));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).AsObject();
    }

    public static async Task<JsonObject> GetFlowAsync(this HttpClient client, string id)
    {
        var response = await client.GetAsync($"/v2/flows/templates/{id}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).AsObject();
    }

    public static async Task<int> WorkflowCountAsync(this HttpClient client) =>
        (await (await client.GetAsync("/v1/workflows/limits/max-allowed")).ReadJsonAsync())["currentNoOfWorkflows"]!.GetValue<int>();

    /// <summary>The document as the client sent it, compared with what came back minus the server's fields.</summary>
    public static JsonObject WithoutServerFields(JsonObject flow)
    {
        var copy = (JsonObject)flow.DeepClone();
        foreach (var name in new[] { "id", "org_id", "created_at", "updated_at", "limit_warnings" })
        {
            copy.Remove(name);
        }

        return copy;
    }

    public static string Named(string name) => new JsonObject { ["name"] = name, ["tasks"] = new JsonArray(), ["edges"] = new JsonArray() }.ToJsonString();
}

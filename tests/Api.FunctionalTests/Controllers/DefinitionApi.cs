using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>Calls of the V1 definition endpoints the tests repeat.</summary>
public static class DefinitionApi
{
    public const string Collection = "/v1/workflows/definitions";

    public static async Task<JsonObject> CreateDefinitionAsync(this HttpClient client, string json)
    {
        var response = await client.PostAsync(Collection, JsonBody(json));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).AsObject();
    }

    public static async Task<JsonObject> GetDefinitionAsync(this HttpClient client, string id)
    {
        var response = await client.GetAsync($"{Collection}/{id}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).AsObject();
    }

    /// <summary>The document as the client sent it, compared with what came back minus the server's fields.</summary>
    public static JsonObject WithoutServerFields(JsonObject definition)
    {
        var copy = (JsonObject)definition.DeepClone();
        foreach (var name in new[] { "id", "creationTime", "lastUpdateTime" })
        {
            copy.Remove(name);
        }

        return copy;
    }

    public static string Named(string name) => new JsonObject { ["name"] = name, ["flow"] = new JsonArray() }.ToJsonString();
}

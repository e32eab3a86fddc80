using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>The automation flows of the service's embedded store (no Automation API configured), read and seeded directly.</summary>
public static class EmbeddedAutomations
{
    public static async Task<JsonObject?> EmbeddedFlowAsync(this ApiFactory factory, string organization, string id)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IAutomationClient>().GetFlowAsync(new OrganizationId(organization), id, CancellationToken.None);
    }

    /// <summary>Creates an automation flow as if through the Automation API; returns its id.</summary>
    public static async Task<string> CreateEmbeddedFlowAsync(this ApiFactory factory, string organization, string flow)
    {
        using var scope = factory.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<IAutomationClient>()
            .CreateFlowAsync(new OrganizationId(organization), JsonNode.Parse(flow)!.AsObject(), CancellationToken.None);
        return created["id"]!.GetValue<string>();
    }
}

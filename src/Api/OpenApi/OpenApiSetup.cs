using Microsoft.AspNetCore.Authorization;
using Scalar.AspNetCore;

namespace WorkflowDefinitions.Api.OpenApi;

/// <summary>
/// The API's description, served as it is kept in the repository (<c>workflow-definitions.openapi.json</c>, an embedded
/// resource): the official Workflows Definitions document with every operation of this service and exactly the statuses
/// its actions declare (a test holds the two together). Served at <c>/openapi/v1.json</c>, rendered at <c>/scalar</c>.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    private const string ResourceName = "WorkflowDefinitions.Api.OpenApi.workflow-definitions.openapi.json";

    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder endpoints)
    {
        var document = ReadDocument();
        endpoints.MapGet(DocumentPath, () => Results.Bytes(document, "application/json; charset=utf-8"))
            .WithMetadata(new AllowAnonymousAttribute())
            .ExcludeFromDescription();
        endpoints.MapScalarApiReference();
        return endpoints;
    }

    private static byte[] ReadDocument()
    {
        using var resource = typeof(OpenApiSetup).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The OpenAPI document {ResourceName} is not embedded.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }
}

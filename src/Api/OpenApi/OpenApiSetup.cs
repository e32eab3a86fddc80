using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WorkflowDefinitions.Api.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>: every route, with the contract's bearer scheme.</summary>
public static class OpenApiSetup
{
    public const string BearerSchemeName = "BearerAuth";

    public static IServiceCollection AddWorkflowDefinitionsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ObsoleteAttribute>().Any())
                {
                    operation.Deprecated = true;
                }

                return Task.CompletedTask;
            });
        });

    private sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(
            OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info.Title = "Workflows Definitions";
            document.Info.Description =
                "Service for Workflow Definitions for different processes inside of an Organization";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerSchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerSchemeName, document)] = [],
            });
            return Task.CompletedTask;
        }
    }
}

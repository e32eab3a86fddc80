using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>Maps V1 definitions to their stored shape and back.</summary>
public static class WorkflowDefinitionDocumentMapper
{
    public static WorkflowDefinitionDocument ToDocument(this WorkflowDefinition definition) => new()
    {
        OrganizationId = definition.OrganizationId.Value,
        Id = definition.Id.Value,
        Name = definition.Document.Name,
        CreationTime = definition.CreationTime.UtcDateTime,
        LastUpdateTime = definition.LastUpdateTime.UtcDateTime,
        Revision = definition.Revision,
        Document = StoredJson.Write(definition.Document.WriteTo),
    };

    public static WorkflowDefinition ToDomain(this WorkflowDefinitionDocument document) =>
        WorkflowDefinition.Restore(
            new OrganizationId(document.OrganizationId),
            new WorkflowDefinitionId(document.Id),
            StoredJson.Read(document.Document, DefinitionDocument.Restore),
            StoredTime.ToInstant(document.CreationTime),
            StoredTime.ToInstant(document.LastUpdateTime),
            document.Revision);
}

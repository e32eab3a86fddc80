using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence;

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
            new DateTimeOffset(DateTime.SpecifyKind(document.CreationTime, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(document.LastUpdateTime, DateTimeKind.Utc)),
            document.Revision);
}

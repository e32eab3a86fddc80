using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>Maps flow templates to their stored shape and back; most stored fields are derived from the document.</summary>
public static class FlowTemplateDocumentMapper
{
    public static FlowTemplateDocument ToDocument(this FlowTemplate flow) => new()
    {
        OrganizationId = flow.OrganizationId.Value,
        Id = flow.Id.Value,
        Name = flow.Document.Name,
        NameFolded = FoldName(flow.Document.Name),
        Enabled = flow.Document.Enabled,
        CreatedAt = flow.CreatedAt.UtcDateTime,
        UpdatedAt = flow.UpdatedAt.UtcDateTime,
        Revision = flow.Revision,
        Triggers = flow.Document.Graph.Triggers
            .Select(t => new FlowTriggerDocument { Type = t.Type, AutomationId = t.AutomationId, JourneyId = t.JourneyId, EntitySchema = t.EntitySchema })
            .ToList(),
        Document = JsonText.Of(flow.Document.Text),
    };

    public static FlowTemplate ToDomain(this FlowTemplateDocument document) =>
        FlowTemplate.Restore(
            new OrganizationId(document.OrganizationId),
            new FlowTemplateId(document.Id),
            FlowDocument.Restore(document.Document.Utf8),
            StoredTime.ToInstant(document.CreatedAt),
            StoredTime.ToInstant(document.UpdatedAt),
            document.Revision);

    /// <summary>How names and search terms are compared: case-insensitively, invariant culture (contract D46).</summary>
    public static string FoldName(string name) => name.ToLowerInvariant();
}

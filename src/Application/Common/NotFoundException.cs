using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Common;

/// <summary>The resource does not exist in the caller's organization. Answered with 404 and this message.</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    public static NotFoundException ClosingReason(string id) => new($"Closing reason with id '{Quoted(id)}' not found");

    public static NotFoundException FlowTemplate(string id) => new($"Flow template with id '{Quoted(id)}' not found");

    public static NotFoundException Definition(string id) => new($"Definition with id '{Quoted(id)}' not found");

    public static NotFoundException FlowTemplateRevision(string id, int number) => new($"Revision {number} of flow template '{Quoted(id)}' not found");

    public static NotFoundException DefinitionRevision(string id, int number) => new($"Revision {number} of definition '{Quoted(id)}' not found");

    /// <summary>Any valid id is shown whole; a longer one (only possible where invalid ids answer 404) is cut.</summary>
    private static string Quoted(string id) => ClientText.Cut(id, ResourceIdSyntax.MaxLength);
}

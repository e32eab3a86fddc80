using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinitions;

/// <summary>getDefinitions: a bare array of the organization's V1 definitions, oldest first (D16), streamed.</summary>
public sealed record GetDefinitionsQuery(OrganizationId OrganizationId) : IQuery<StreamedList>, IOrganizationRequest;

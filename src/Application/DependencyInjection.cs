using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;
using WorkflowDefinitions.Application.ClosingReasons.GetClosingReason;
using WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.FlowTemplates.DiffFlowTemplateRevisions;
using WorkflowDefinitions.Application.FlowTemplates.DuplicateFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplateRevision;
using WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateChanges;
using WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateRevisions;
using WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplates;
using WorkflowDefinitions.Application.FlowTemplates.RestoreFlowTemplateRevision;
using WorkflowDefinitions.Application.FlowTemplates.SearchFlowTemplates;
using WorkflowDefinitions.Application.FlowTemplates.UpdateFlowTemplate;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DiffDefinitionRevisions;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinition;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinitionRevision;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.ListDefinitionRevisions;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.RestoreDefinitionRevision;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.SetWorkflowClosingReasons;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.UpdateDefinition;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the request validators, listed explicitly (no assembly scanning). Handlers and pipeline
    /// behaviours are wired by the Mediator source generator in the composition root.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddScoped<IValidator<GetClosingReasonQuery>, GetClosingReasonQueryValidator>();
        services.AddScoped<IValidator<UpdateClosingReasonCommand>, UpdateClosingReasonCommandValidator>();
        services.AddScoped<IValidator<ChangeReasonStatusCommand>, ChangeReasonStatusCommandValidator>();
        services.AddScoped<IValidator<GetFlowTemplateQuery>, GetFlowTemplateQueryValidator>();
        services.AddScoped<IValidator<UpdateFlowTemplateCommand>, UpdateFlowTemplateCommandValidator>();
        services.AddScoped<IValidator<ListFlowTemplatesQuery>, ListFlowTemplatesQueryValidator>();
        services.AddScoped<IValidator<DuplicateFlowTemplateCommand>, DuplicateFlowTemplateCommandValidator>();
        services.AddScoped<IValidator<GetDefinitionQuery>, GetDefinitionQueryValidator>();
        services.AddScoped<IValidator<UpdateDefinitionCommand>, UpdateDefinitionCommandValidator>();
        services.AddScoped<IValidator<SetWorkflowClosingReasonsCommand>, SetWorkflowClosingReasonsCommandValidator>();
        services.AddScoped<IValidator<ListFlowTemplateRevisionsQuery>, ListFlowTemplateRevisionsQueryValidator>();
        services.AddScoped<IValidator<GetFlowTemplateRevisionQuery>, GetFlowTemplateRevisionQueryValidator>();
        services.AddScoped<IValidator<DiffFlowTemplateRevisionsQuery>, DiffFlowTemplateRevisionsQueryValidator>();
        services.AddScoped<IValidator<RestoreFlowTemplateRevisionCommand>, RestoreFlowTemplateRevisionCommandValidator>();
        services.AddScoped<IValidator<ListFlowTemplateChangesQuery>, ListFlowTemplateChangesQueryValidator>();
        services.AddScoped<IValidator<ListDefinitionRevisionsQuery>, ListDefinitionRevisionsQueryValidator>();
        services.AddScoped<IValidator<GetDefinitionRevisionQuery>, GetDefinitionRevisionQueryValidator>();
        services.AddScoped<IValidator<DiffDefinitionRevisionsQuery>, DiffDefinitionRevisionsQueryValidator>();
        services.AddScoped<IValidator<RestoreDefinitionRevisionCommand>, RestoreDefinitionRevisionCommandValidator>();

        services.AddScoped<FlowAutomations>();
        services.AddScoped<WorkflowQuota>();
        services.AddSingleton<FlowTemplateTags>();
        services.AddSingleton<LimitWarningsCache>();
        services.AddSingleton<FlowTemplateHistory>();
        services.AddSingleton<ChangeSignals>();
        services.AddScoped<RevisionReads>();
        services.AddSingleton<WorkflowMetrics>();
        return services;
    }
}

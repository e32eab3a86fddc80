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
    /// Registers the request validators, listed explicitly (no assembly scanning) and built once (a validator builds its
    /// rules, expression trees among them, in its constructor and is thread-safe after). Handlers and pipeline
    /// behaviours are wired by the Mediator source generator in the composition root.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<IValidator<GetClosingReasonQuery>, GetClosingReasonQueryValidator>();
        services.AddSingleton<IValidator<UpdateClosingReasonCommand>, UpdateClosingReasonCommandValidator>();
        services.AddSingleton<IValidator<ChangeReasonStatusCommand>, ChangeReasonStatusCommandValidator>();
        services.AddSingleton<IValidator<GetFlowTemplateQuery>, GetFlowTemplateQueryValidator>();
        services.AddSingleton<IValidator<UpdateFlowTemplateCommand>, UpdateFlowTemplateCommandValidator>();
        services.AddSingleton<IValidator<ListFlowTemplatesQuery>, ListFlowTemplatesQueryValidator>();
        services.AddSingleton<IValidator<DuplicateFlowTemplateCommand>, DuplicateFlowTemplateCommandValidator>();
        services.AddSingleton<IValidator<GetDefinitionQuery>, GetDefinitionQueryValidator>();
        services.AddSingleton<IValidator<UpdateDefinitionCommand>, UpdateDefinitionCommandValidator>();
        services.AddSingleton<IValidator<SetWorkflowClosingReasonsCommand>, SetWorkflowClosingReasonsCommandValidator>();
        services.AddSingleton<IValidator<ListFlowTemplateRevisionsQuery>, ListFlowTemplateRevisionsQueryValidator>();
        services.AddSingleton<IValidator<GetFlowTemplateRevisionQuery>, GetFlowTemplateRevisionQueryValidator>();
        services.AddSingleton<IValidator<DiffFlowTemplateRevisionsQuery>, DiffFlowTemplateRevisionsQueryValidator>();
        services.AddSingleton<IValidator<RestoreFlowTemplateRevisionCommand>, RestoreFlowTemplateRevisionCommandValidator>();
        services.AddSingleton<IValidator<ListFlowTemplateChangesQuery>, ListFlowTemplateChangesQueryValidator>();
        services.AddSingleton<IValidator<ListDefinitionRevisionsQuery>, ListDefinitionRevisionsQueryValidator>();
        services.AddSingleton<IValidator<GetDefinitionRevisionQuery>, GetDefinitionRevisionQueryValidator>();
        services.AddSingleton<IValidator<DiffDefinitionRevisionsQuery>, DiffDefinitionRevisionsQueryValidator>();
        services.AddSingleton<IValidator<RestoreDefinitionRevisionCommand>, RestoreDefinitionRevisionCommandValidator>();

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

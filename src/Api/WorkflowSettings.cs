using Microsoft.Extensions.Options;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Api;

/// <summary>
/// Configuration of the workflow rules that are data, not code: the per-organization maximum number of workflows
/// (<c>WorkflowLimits</c>, D43), the soft size/count limits of flows (<c>FlowLimits</c>, D40) and the hard caps on what
/// one request may hold or cause (<c>HardLimits</c>), and how much history is kept (<c>Revisions</c>, <c>Changes</c>).
/// </summary>
public static class WorkflowSettings
{
    public static IServiceCollection AddWorkflowSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowLimitsOptions>()
            .Bind(configuration.GetSection(WorkflowLimitsOptions.SectionName))
            .Validate(o => o.DefaultMaxAllowed >= 0 && o.PerOrg.Values.All(max => max >= 0), "WorkflowLimits values must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<IWorkflowLimits>(provider => provider.GetRequiredService<IOptions<WorkflowLimitsOptions>>().Value);

        services.AddOptions<FlowLimits>()
            .Bind(configuration.GetSection("FlowLimits"))
            .Validate(limits => typeof(FlowLimits).GetProperties().Where(p => p.PropertyType == typeof(int)).All(p => (int)p.GetValue(limits)! >= 0),
                "FlowLimits values must not be negative.")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<FlowLimits>>().Value);

        services.AddOptions<HardLimits>()
            .Bind(configuration.GetSection("HardLimits"))
            .Validate(limits => typeof(HardLimits).GetProperties().Where(p => p.PropertyType == typeof(int)).All(p => (int)p.GetValue(limits)! > 0),
                "HardLimits values must be positive.")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<HardLimits>>().Value);

        services.AddOptions<RevisionsOptions>()
            .Bind(configuration.GetSection(RevisionsOptions.SectionName))
            .Validate(o => o.MaxPerWorkflow >= 1, "Revisions__MaxPerWorkflow must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<RevisionsOptions>>().Value);
        services.AddOptions<ChangesOptions>()
            .Bind(configuration.GetSection(ChangesOptions.SectionName))
            .Validate(o => o.RetentionDays >= 1, "Changes__RetentionDays must be at least 1.")
            .ValidateOnStart();
        return services;
    }
}

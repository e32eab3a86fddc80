using Microsoft.Extensions.Options;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Api;

/// <summary>
/// Configuration of the workflow rules that are data, not code: the per-organization maximum number of workflows
/// (<c>WorkflowLimits</c>, D43), the soft size/count limits of flows (<c>FlowLimits</c>, D40) and the hard caps on what
/// one request may hold or cause (<c>HardLimits</c>).
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
        return services;
    }
}

using System.Diagnostics.Metrics;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Common.Metrics;

/// <summary>Which workflow model a measurement is about: a V2 flow template or a V1 definition.</summary>
public enum WorkflowModel
{
    Flow,
    Definition,
}

/// <summary>How a workflow came to be.</summary>
public enum WorkflowOrigin
{
    Create,
    Duplicate,
    Import,
}

/// <summary>
/// The service's own metrics (meter <see cref="MeterName"/>), exported with the runtime's and ASP.NET Core's. The
/// organization is an attribute only where the number of series stays bounded by the number of organizations.
/// </summary>
public sealed class WorkflowMetrics
{
    public const string MeterName = "WorkflowDefinitions";
    public const string OrganizationTag = "organization.id";

    private readonly Counter<long> _created;
    private readonly Counter<long> _updated;
    private readonly Counter<long> _deleted;
    private readonly Counter<long> _validationFailures;
    private readonly Counter<long> _limitWarnings;
    private readonly Counter<long> _quotaRejections;

    public WorkflowMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _created = meter.CreateCounter<long>("workflow_definitions.workflows.created", "{workflow}",
            "Workflows stored, by organization, model (flow or definition) and origin (create, duplicate, import).");
        _updated = meter.CreateCounter<long>("workflow_definitions.workflows.updated", "{workflow}",
            "Workflows replaced (including a definition's closing reasons), by organization and model.");
        _deleted = meter.CreateCounter<long>("workflow_definitions.workflows.deleted", "{workflow}",
            "Workflows deleted, by organization and model.");
        _validationFailures = meter.CreateCounter<long>("workflow_definitions.validation.failures", "{violation}",
            "Rule violations answered with 400, by operation and rule (the path and reason as the service words them, without client values).");
        _limitWarnings = meter.CreateCounter<long>("workflow_definitions.flow_limit_warnings", "{warning}",
            "Flow limit warnings issued on writes, by limit (i18n key) and whether enforce_limits refused the write.");
        _quotaRejections = meter.CreateCounter<long>("workflow_definitions.quota.rejections", "{request}",
            "Creates refused because the organization reached its maximum number of workflows.");
    }

    public void WorkflowCreated(OrganizationId organizationId, WorkflowModel model, WorkflowOrigin origin) =>
        _created.Add(1, Organization(organizationId), Model(model), new("workflow.origin", Lower(origin)));

    public void WorkflowUpdated(OrganizationId organizationId, WorkflowModel model) =>
        _updated.Add(1, Organization(organizationId), Model(model));

    public void WorkflowDeleted(OrganizationId organizationId, WorkflowModel model) =>
        _deleted.Add(1, Organization(organizationId), Model(model));

    public void ValidationFailed(string operation, IEnumerable<Violation> violations)
    {
        foreach (var violation in violations)
        {
            _validationFailures.Add(1, new("operation", operation), new("rule", violation.Rule));
        }
    }

    public void LimitWarningsIssued(IEnumerable<FlowLimitWarning> warnings, bool enforced)
    {
        foreach (var warning in warnings)
        {
            _limitWarnings.Add(1, new("limit", warning.I18nKey), new("enforced", enforced));
        }
    }

    public void QuotaRejected(OrganizationId organizationId) => _quotaRejections.Add(1, Organization(organizationId));

    private static KeyValuePair<string, object?> Organization(OrganizationId organizationId) => new(OrganizationTag, organizationId.Value);

    private static KeyValuePair<string, object?> Model(WorkflowModel model) => new("workflow.model", Lower(model));

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

namespace WorkflowDefinitions.Domain.Common;

/// <summary>Collects the violations found while reading a client document; the first 50 are kept (contract D11).</summary>
public sealed class ViolationCollector
{
    public const int MaxViolations = 50;

    private readonly List<Violation> _violations = [];

    public bool HasViolations => _violations.Count > 0;

    public IReadOnlyList<Violation> Violations => _violations;

    public void Add(JsonPath path, ViolationReason reason)
    {
        var violation = Violation.Of(path, reason);
        if (_violations.Count < MaxViolations)
        {
            _violations.Add(violation);
        }
    }

    public void ThrowIfAny()
    {
        if (HasViolations)
        {
            throw new InvalidDocumentException([.. _violations]);
        }
    }
}

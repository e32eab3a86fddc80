using System.Runtime.CompilerServices;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>Collects the violations found while reading a client document; the first 50 are kept (contract D11).</summary>
public sealed class ViolationCollector
{
    public const int MaxViolations = 50;

    private readonly List<Violation> _violations = [];

    public bool HasViolations => _violations.Count > 0;

    /// <summary>Whether another violation would still be kept.</summary>
    public bool HasRoom => _violations.Count < MaxViolations;

    public IReadOnlyList<Violation> Violations => _violations;

    public void Add(JsonPath path, [InterpolatedStringHandlerArgument("")] ViolationReason reason)
    {
        if (HasRoom)
        {
            _violations.Add(Violation.Of(path, reason));
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

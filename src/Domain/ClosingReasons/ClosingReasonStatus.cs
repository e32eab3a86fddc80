namespace WorkflowDefinitions.Domain.ClosingReasons;

/// <summary>INACTIVE hides a reason from the default catalog listing only; it stays readable and referenceable.</summary>
public enum ClosingReasonStatus
{
    Active,
    Inactive,
}

public static class ClosingReasonStatusNames
{
    public const string Active = "ACTIVE";
    public const string Inactive = "INACTIVE";

    public static IReadOnlyList<string> All { get; } = [Active, Inactive];

    public static string ToName(this ClosingReasonStatus status) => status switch
    {
        ClosingReasonStatus.Active => Active,
        ClosingReasonStatus.Inactive => Inactive,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static ClosingReasonStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new ArgumentOutOfRangeException(nameof(name), name, "Expected ACTIVE or INACTIVE.");

    public static bool TryParse(string name, out ClosingReasonStatus status)
    {
        (var known, status) = name switch
        {
            Active => (true, ClosingReasonStatus.Active),
            Inactive => (true, ClosingReasonStatus.Inactive),
            _ => (false, default),
        };
        return known;
    }
}

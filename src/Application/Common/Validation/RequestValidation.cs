using FluentValidation;
using FluentValidation.Results;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Common.Validation;

/// <summary>
/// The rules request validators apply to path and query parameters, and how their failures become the contract's 400:
/// every violation at once, at most as many as a document reports (D11).
/// </summary>
public static class RequestValidation
{
    public static InvalidRequestException ToException(IEnumerable<ValidationFailure> failures) =>
        new(failures
            .Take(ViolationCollector.MaxViolations)
            .Select(f => new Violation(f.PropertyName, f.ErrorMessage, $"{f.PropertyName} {f.ErrorMessage}"))
            .ToList());

    /// <summary>A query parameter, when given, must be one of <paramref name="allowed"/>.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeOneOf<T>(this IRuleBuilder<T, string?> rule, string parameterName, IReadOnlyList<string> allowed) =>
        rule.Must(value => value is null || allowed.Contains(value, StringComparer.Ordinal))
            .OverridePropertyName(parameterName)
            .WithMessage("must be one of " + string.Join(", ", allowed));

    /// <summary>A path parameter must be a syntactically valid id (contract D08).</summary>
    public static IRuleBuilderOptions<T, string> MustBeValidId<T>(this IRuleBuilder<T, string> rule, string parameterName) =>
        rule.Must(ResourceIdSyntax.IsValid)
            .OverridePropertyName(parameterName)
            .WithMessage($"must be {ResourceIdSyntax.Description}");

    /// <summary>A query parameter within <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static IRuleBuilderOptions<T, int> MustBeBetween<T>(this IRuleBuilder<T, int> rule, string parameterName, int min, int max) =>
        rule.InclusiveBetween(min, max)
            .OverridePropertyName(parameterName)
            .WithMessage($"must be an integer from {min} to {max}");

    /// <summary><c>limit</c> of a revision list.</summary>
    public static IRuleBuilderOptions<T, int> MustBeRevisionLimit<T>(this IRuleBuilder<T, int> rule) =>
        rule.MustBeBetween("limit", 1, HistoryParameters.MaxRevisionLimit);

    /// <summary><c>cursor</c> of a revision list: absent, or a cursor a previous page gave.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeRevisionCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || HistoryParameters.IsRevisionNumber(value))
            .OverridePropertyName("cursor")
            .WithMessage("must be a cursor from a previous answer");

    /// <summary>A revision number (path or query): a positive integer.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeRevisionNumber<T>(this IRuleBuilder<T, string?> rule, string parameterName) =>
        rule.Must(HistoryParameters.IsRevisionNumber)
            .OverridePropertyName(parameterName)
            .WithMessage("must be a revision number (a positive integer)");

    /// <summary>A revision number or <c>current</c> (the default when absent).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeRevisionNumberOrCurrent<T>(this IRuleBuilder<T, string?> rule, string parameterName) =>
        rule.Must(HistoryParameters.IsRevisionNumberOrCurrent)
            .OverridePropertyName(parameterName)
            .WithMessage("must be a revision number (a positive integer) or current");
}

using FluentValidation;
using FluentValidation.Results;
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
}

using FluentValidation;
using FluentValidation.Results;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Common.Validation;

/// <summary>Turns FluentValidation failures into the contract's 400: every violation at once, at most 50 (D11).</summary>
public static class RequestValidation
{
    public const int MaxReportedViolations = 50;

    public static InvalidRequestException ToException(IEnumerable<ValidationFailure> failures)
    {
        var failureList = failures.ToList();
        var part = failureList.Select(f => f.CustomState).OfType<RequestPart>().DefaultIfEmpty(RequestPart.Body).First();
        var violations = failureList
            .Take(MaxReportedViolations)
            .Select(f => new Violation(f.PropertyName, f.ErrorMessage, $"{f.PropertyName} {f.ErrorMessage}"))
            .ToList();
        return new InvalidRequestException(part, violations);
    }

    /// <summary>A query parameter, when given, must be one of <paramref name="allowed"/>.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeOneOf<T>(this IRuleBuilder<T, string?> rule, string parameterName, IReadOnlyList<string> allowed) =>
        rule.Must(value => value is null || allowed.Contains(value, StringComparer.Ordinal))
            .OverridePropertyName(parameterName)
            .WithMessage("must be one of " + string.Join(", ", allowed))
            .WithState(_ => RequestPart.Query);

    /// <summary>A path parameter must be a syntactically valid id (contract D08).</summary>
    public static IRuleBuilderOptions<T, string> MustBeValidId<T>(this IRuleBuilder<T, string> rule, string parameterName) =>
        rule.Must(ResourceIdSyntax.IsValid)
            .OverridePropertyName(parameterName)
            .WithMessage($"must be {ResourceIdSyntax.Description}")
            .WithState(_ => RequestPart.Path);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;

namespace WorkflowDefinitions.Application.Common.Validation;

/// <summary>Checks one JSON value; returns why it is invalid, or null when it is fine.</summary>
public delegate string? JsonValueCheck(JsonNode value);

/// <summary>
/// Rules for the properties of a JSON request body kept as a <see cref="JsonObject"/>. They tell an absent
/// property from one sent as <c>null</c>, which plain model binding cannot (contract D14, D50).
/// </summary>
public static class JsonBodyRules
{
    /// <summary>Must be present and not null.</summary>
    public static IRuleBuilderOptionsConditions<T, JsonObject> RequiredProperty<T>(
        this IRuleBuilder<T, JsonObject> rule, string name, JsonValueCheck check) =>
        rule.Custom((body, context) =>
        {
            if (!body.TryGetPropertyValue(name, out var value) || value is null)
            {
                AddFailure(context, name, "is required");
                return;
            }

            Check(context, name, value, check);
        });

    /// <summary>May be absent; <c>null</c> counts as absent (contract D14).</summary>
    public static IRuleBuilderOptionsConditions<T, JsonObject> OptionalProperty<T>(
        this IRuleBuilder<T, JsonObject> rule, string name, JsonValueCheck check) =>
        rule.Custom((body, context) =>
        {
            if (body.TryGetPropertyValue(name, out var value) && value is not null)
            {
                Check(context, name, value, check);
            }
        });

    /// <summary>May be absent (left unchanged by a merge patch); <c>null</c> is refused because it would erase it.</summary>
    public static IRuleBuilderOptionsConditions<T, JsonObject> PatchableProperty<T>(
        this IRuleBuilder<T, JsonObject> rule, string name, JsonValueCheck check) =>
        rule.Custom((body, context) =>
        {
            if (!body.TryGetPropertyValue(name, out var value))
            {
                return;
            }

            if (value is null)
            {
                AddFailure(context, name, "must not be null");
                return;
            }

            Check(context, name, value, check);
        });

    private static void Check<T>(ValidationContext<T> context, string name, JsonNode value, JsonValueCheck check)
    {
        if (check(value) is { } reason)
        {
            AddFailure(context, name, reason);
        }
    }

    private static void AddFailure<T>(ValidationContext<T> context, string path, string reason) =>
        context.AddFailure(new ValidationFailure(path, reason) { CustomState = RequestPart.Body });
}

/// <summary>Reusable value checks for <see cref="JsonBodyRules"/>.</summary>
public static class JsonChecks
{
    public static string? NonEmptyString(JsonNode value) =>
        TryGetString(value) is { Length: > 0 } ? null : "must be a non-empty string";

    public static string? ResourceId(JsonNode value) =>
        Domain.Common.ResourceIdSyntax.IsValid(TryGetString(value))
            ? null
            : $"must be a string of {Domain.Common.ResourceIdSyntax.Description}";

    public static JsonValueCheck OneOf(IReadOnlyList<string> allowed)
    {
        var reason = "must be one of " + string.Join(", ", allowed);
        return value => TryGetString(value) is { } text && allowed.Contains(text, StringComparer.Ordinal) ? null : reason;
    }

    public static string? Text(JsonNode value) => TryGetString(value) is null ? "must be a string" : null;

    public static string? TrueOrFalse(JsonNode value) =>
        value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "must be a boolean";

    /// <summary>An integer literal (no fraction, no exponent, contract D60) within the bounds.</summary>
    public static JsonValueCheck IntegerBetween(long min, long max)
    {
        var reason = max == long.MaxValue ? $"must be an integer of at least {min}" : $"must be an integer from {min} to {max}";
        return value => Domain.Common.JsonNumbers.TryGetInteger(value, out var number) && number >= min && number <= max ? null : reason;
    }

    /// <summary>The string a JSON value holds, or null when it is not a JSON string.</summary>
    public static string? TryGetString(JsonNode? value) =>
        value is JsonValue jsonValue && jsonValue.GetValueKind() == JsonValueKind.String ? jsonValue.GetValue<string>() : null;
}

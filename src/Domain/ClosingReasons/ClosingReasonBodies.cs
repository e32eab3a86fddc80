using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.ClosingReasons;

/// <summary>A new closing reason as a client sends it (<c>createClosingReason</c>); <see cref="Id"/> null: one is generated.</summary>
public sealed record ClosingReasonDraft(ClosingReasonId? Id, string Title, ClosingReasonStatus Status, ExtraProperties ExtraProperties);

/// <summary>
/// Reads the bodies of the closing-reason operations into typed values, reporting every violation at once (400 with
/// paths). The rules on a reason's fields are stated here; <see cref="ClosingReason"/> holds to the same ones.
/// </summary>
public static class ClosingReasonBodies
{
    private const string IdProperty = "id";
    private const string TitleProperty = "title";
    private const string StatusProperty = "status";

    /// <summary><c>createClosingReason</c>: <c>title</c> required; <c>id</c> and <c>status</c> optional (<c>null</c> = absent, D14).</summary>
    /// <exception cref="InvalidDocumentException">Every violation found.</exception>
    public static ClosingReasonDraft ReadNew(JsonElement body)
    {
        var (reader, violations) = Start(body);
        var id = reader.Value.TryGetProperty(IdProperty, out var idValue) && idValue.ValueKind != JsonValueKind.Null
            ? ReadId(reader, idValue)
            : null;
        var title = reader.Value.TryGetProperty(TitleProperty, out var titleValue) && titleValue.ValueKind != JsonValueKind.Null
            ? ReadTitle(reader, titleValue)
            : Missing(reader, TitleProperty);
        var status = reader.Value.TryGetProperty(StatusProperty, out var statusValue) && statusValue.ValueKind != JsonValueKind.Null
            ? ReadStatus(reader, statusValue)
            : ClosingReasonStatus.Active;
        violations.ThrowIfAny();
        return new ClosingReasonDraft(
            id is null ? null : new ClosingReasonId(id), title!, status!.Value, ExtraProperties.From(body, ClosingReason.ReservedPropertyNames));
    }

    /// <summary>
    /// <c>updateClosingReason</c>, a JSON merge patch (D50): an absent field stays as it is; <c>null</c> is refused on
    /// <c>title</c> and <c>status</c> (it would erase them) and removes an extra property.
    /// </summary>
    /// <exception cref="InvalidDocumentException">Every violation found.</exception>
    public static ClosingReasonChanges ReadChanges(JsonElement patch)
    {
        var (reader, violations) = Start(patch);
        var title = Patchable(reader, TitleProperty) is { } titleValue ? ReadTitle(reader, titleValue) : null;
        var status = Patchable(reader, StatusProperty) is { } statusValue ? ReadStatus(reader, statusValue) : null;
        violations.ThrowIfAny();
        return new ClosingReasonChanges(title, status, JsonObject.Create(patch)!);
    }

    /// <summary><c>changeReasonStatus</c>: <c>{"status": "ACTIVE" | "INACTIVE"}</c>, required.</summary>
    /// <exception cref="InvalidDocumentException">The status is missing or not one of the two.</exception>
    public static ClosingReasonStatus ReadStatusChange(JsonElement body)
    {
        var (reader, violations) = Start(body);
        var status = reader.Value.TryGetProperty(StatusProperty, out var statusValue) && statusValue.ValueKind != JsonValueKind.Null
            ? ReadStatus(reader, statusValue)
            : Missing<ClosingReasonStatus?>(reader, StatusProperty);
        violations.ThrowIfAny();
        return status!.Value;
    }

    /// <summary>The title rule, for the entity itself.</summary>
    internal static bool IsValidTitle(string? title) => !string.IsNullOrEmpty(title);

    internal static Violation InvalidTitle() => Violation.Of(JsonPath.Root.Property(TitleProperty), $"must be a non-empty string");

    private static (ObjectReader Reader, ViolationCollector Violations) Start(JsonElement body)
    {
        var violations = new ViolationCollector();
        return (new ObjectReader(body, JsonPath.Root, new DocumentReading(violations)), violations);
    }

    private static string? ReadId(ObjectReader reader, JsonElement value)
    {
        var id = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (ResourceIdSyntax.IsValid(id))
        {
            return id;
        }

        reader.Report(IdProperty, $"must be a string of {ResourceIdSyntax.Description}");
        return null;
    }

    private static string? ReadTitle(ObjectReader reader, JsonElement value)
    {
        var title = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (IsValidTitle(title))
        {
            return title;
        }

        reader.Report(TitleProperty, $"must be a non-empty string");
        return null;
    }

    private static ClosingReasonStatus? ReadStatus(ObjectReader reader, JsonElement value)
    {
        var name = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (name is not null && ClosingReasonStatusNames.TryParse(name, out var status))
        {
            return status;
        }

        reader.Report(StatusProperty, $"must be one of {new AllowedValues(ClosingReasonStatusNames.All)}");
        return null;
    }

    /// <summary>A field a merge patch may leave out: its value, or null when absent; <c>null</c> itself is reported.</summary>
    private static JsonElement? Patchable(ObjectReader reader, string name)
    {
        if (!reader.Value.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            reader.Report(name, $"must not be null");
            return null;
        }

        return value;
    }

    private static T? Missing<T>(ObjectReader reader, string name)
    {
        reader.Report(name, $"is required");
        return default;
    }

    private static string? Missing(ObjectReader reader, string name) => Missing<string>(reader, name);
}

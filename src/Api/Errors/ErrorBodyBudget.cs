using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.Errors;

/// <summary>
/// Whatever a request held, an error body stays under <see cref="MaxBodyBytes"/>: each part of an
/// <see cref="ErrorResponse"/> gets a share, measured in the UTF-8 bytes the JSON writer produces (escapes included).
/// Client values were already cut where the messages were worded; this is the bound on everything together.
/// </summary>
public static class ErrorBodyBudget
{
    public const int MaxBodyBytes = 16 * 1024;

    private const int MessageBytes = 6 * 1024;
    private const int ErrorsBytes = 6 * 1024;
    private const int LimitWarningsBytes = 3 * 1024;
    private const int MaxDetailBytes = 1024;
    private const int ItemOverheadBytes = 32;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private static readonly JsonSerializerOptions WarningOptions = new() { Encoder = Encoder };

    /// <summary>The violations as the <c>errors</c> list shows them: in order, as many as fit its share.</summary>
    public static IReadOnlyList<ErrorDetail> Errors(IEnumerable<Violation> violations) =>
        FitDetails(violations.Select(v => new ErrorDetail(v.Path, v.Reason)));

    /// <summary>The response with its message and lists cut to their shares.</summary>
    public static ErrorResponse Fit(ErrorResponse response) => response with
    {
        Message = Fit(response.Message, MessageBytes),
        Errors = response.Errors is null ? null : FitDetails(response.Errors),
        LimitWarnings = response.LimitWarnings is null ? null : FitWarnings(response.LimitWarnings),
    };

    private static List<ErrorDetail> FitDetails(IEnumerable<ErrorDetail> errors)
    {
        var details = new List<ErrorDetail>();
        var used = 0;
        foreach (var error in errors)
        {
            var detail = new ErrorDetail(Fit(error.Path, MaxDetailBytes), Fit(error.Message, MaxDetailBytes));
            used += EncodedLength(detail.Path) + EncodedLength(detail.Message) + ItemOverheadBytes;
            if (used > ErrorsBytes)
            {
                break;
            }

            details.Add(detail);
        }

        return details;
    }

    /// <summary><c>limit_warnings</c> of a refused write: the names they quote cut, as many as fit.</summary>
    private static JsonArray FitWarnings(JsonArray warnings)
    {
        var fitted = new JsonArray();
        var used = 0;
        foreach (var warning in warnings.OfType<JsonObject>())
        {
            var copy = (JsonObject)warning.DeepClone();
            foreach (var name in copy.Select(p => p.Key).ToList())
            {
                if (copy[name] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    copy[name] = name == "message" ? Fit(text, MaxDetailBytes / 2) : ClientText.Cut(text);
                }
            }

            used += Encoding.UTF8.GetByteCount(copy.ToJsonString(WarningOptions)) + 1;
            if (used > LimitWarningsBytes)
            {
                break;
            }

            fitted.Add(copy);
        }

        return fitted;
    }

    /// <summary>The longest prefix of <paramref name="text"/> (whole code points) that, with <c>…</c>, encodes within <paramref name="maxBytes"/>.</summary>
    private static string Fit(string text, int maxBytes)
    {
        if (EncodedLength(text) <= maxBytes)
        {
            return text;
        }

        int low = 0, high = Math.Min(text.Length, maxBytes);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (EncodedLength(Prefix(text, middle)) <= maxBytes)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return Prefix(text, low);
    }

    private static string Prefix(string text, int length)
    {
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return string.Concat(text.AsSpan(0, length), ClientText.Ellipsis);
    }

    private static int EncodedLength(string text) => JsonEncodedText.Encode(text, Encoder).EncodedUtf8Bytes.Length;
}

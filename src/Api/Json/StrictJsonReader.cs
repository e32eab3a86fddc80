using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.Json;

/// <summary>
/// Parses a request body into a <see cref="JsonDocument"/>, refusing what a lenient parser would let through and
/// the stores could not keep faithfully (contract D60): repeated property names, strings that are not valid
/// UTF-8 or hold unpaired surrogates, numbers beyond the range of a double, nesting deeper than 64 levels; and, as
/// hard caps on the cost of everything that follows, strings and property names longer than a configured length and
/// more tokens than configured (the parsed document's memory is twelve bytes per token, whatever the body's size).
/// Errors name the JSON path of the offending value.
/// </summary>
public static class StrictJsonReader
{
    public const int MaxNestingDepth = 64;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxNestingDepth + 1,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Repeated names were already refused by <see cref="Validate"/> (with their path): the parser need not look again.</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxNestingDepth + 1,
    };

    /// <summary>Checks the body without parsing it into a document; returns how many tokens the document will hold.</summary>
    /// <exception cref="RequestBodyException">The body is not a well-formed JSON object within the limits.</exception>
    public static int Validate(ReadOnlyMemory<byte> utf8Json, HardLimits limits) => Validate(WithoutBom(utf8Json).Span, limits);

    /// <summary>
    /// The document of a body that passed <see cref="Validate(ReadOnlyMemory{byte}, HardLimits)"/> (no node tree is built).
    /// It reads <paramref name="utf8Json"/> in place, so that memory must outlive it; the caller disposes it.
    /// </summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json) => JsonDocument.Parse(WithoutBom(utf8Json), DocumentOptions);

    private static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> utf8Json) =>
        utf8Json.Span.StartsWith(Utf8Bom) ? utf8Json[Utf8Bom.Length..] : utf8Json;

    private static int Validate(ReadOnlySpan<byte> utf8Json, HardLimits limits)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        var path = new JsonPathTracker();
        var tokens = 0;
        try
        {
            if (!reader.Read())
            {
                throw RequestBodyException.Malformed(string.Empty, "the body is empty");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw RequestBodyException.Malformed(string.Empty, "the body must be a JSON object");
            }

            do
            {
                if (++tokens > limits.MaxJsonTokens)
                {
                    throw RequestBodyException.Invalid(
                        string.Empty, $"the body holds more than {limits.MaxJsonTokens} JSON tokens (values, property names and ends of objects and arrays)");
                }

                Inspect(ref reader, path, limits.MaxStringLength);
            }
            while (reader.Read());
            return tokens;
        }
        catch (JsonException exception)
        {
            throw RequestBodyException.Malformed(
                path.Current, $"unexpected input at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}");
        }
    }

    private static void Inspect(ref Utf8JsonReader reader, JsonPathTracker path, int maxStringLength)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                if (reader.CurrentDepth >= MaxNestingDepth)
                {
                    throw RequestBodyException.Invalid(path.Current, $"nests deeper than {MaxNestingDepth} levels");
                }

                path.ValueStarted();
                path.Enter(isArray: reader.TokenType == JsonTokenType.StartArray);
                break;
            case JsonTokenType.EndObject:
            case JsonTokenType.EndArray:
                path.Leave();
                break;
            case JsonTokenType.PropertyName:
                var name = ReadString(ref reader, path);
                if (!path.Property(name))
                {
                    throw RequestBodyException.Invalid(path.Current, "is a repeated property name");
                }

                CheckLength(name, maxStringLength, path);
                break;
            case JsonTokenType.String:
                path.ValueStarted();
                CheckStringValue(ref reader, path, maxStringLength);
                break;
            case JsonTokenType.Number:
                path.ValueStarted();
                if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    throw RequestBodyException.Invalid(path.Current, "is a number outside the range of a double");
                }

                break;
            default:
                path.ValueStarted();
                break;
        }
    }

    /// <summary>A property name longer than the cap (in code points, as JSON Schema counts) is refused.</summary>
    private static void CheckLength(string name, int maxLength, JsonPathTracker path)
    {
        if (name.Length > maxLength && name.Length - name.Count(char.IsHighSurrogate) > maxLength)
        {
            throw RequestBodyException.Invalid(path.Current, $"is a property name longer than {maxLength} characters");
        }
    }

    /// <summary>
    /// Checks a string value where it lies, without making a string of it: raw UTF-8 must be valid (so it holds no
    /// surrogates); an escaped one is unescaped into a pooled buffer, which also refuses unpaired surrogate escapes. Its
    /// length counts code points, as JSON Schema does.
    /// </summary>
    private static void CheckStringValue(ref Utf8JsonReader reader, JsonPathTracker path, int maxLength)
    {
        int codePoints;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var raw = reader.ValueSpan;
            if (!Utf8.IsValid(raw))
            {
                throw InvalidText(path);
            }

            codePoints = raw.Length;
            foreach (var b in raw)
            {
                codePoints -= (b & 0xC0) == 0x80 ? 1 : 0;
            }
        }
        else
        {
            var chars = ArrayPool<char>.Shared.Rent(reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length);
            try
            {
                var written = reader.CopyString(chars);
                codePoints = written;
                foreach (var c in chars.AsSpan(0, written))
                {
                    codePoints -= char.IsHighSurrogate(c) ? 1 : 0;
                }
            }
            catch (InvalidOperationException)
            {
                throw InvalidText(path);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }

        if (codePoints > maxLength)
        {
            throw RequestBodyException.Invalid(path.Current, $"is a string longer than {maxLength} characters");
        }
    }

    private static RequestBodyException InvalidText(JsonPathTracker path) =>
        RequestBodyException.Invalid(path.Current, "is not valid UTF-8 text (or holds an unpaired surrogate)");

    private static string ReadString(ref Utf8JsonReader reader, JsonPathTracker path)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw InvalidText(path);
        }
    }

    /// <summary>
    /// Tracks where the reader is, as a root-relative path (<c>a.b[2].c</c>), and the names seen per object. The path
    /// shows names cut and, deep down, only its first and last levels (<c>a.b.….y.z</c>). A level's frame is made once
    /// and used again by every later container at that depth (at most <see cref="MaxNestingDepth"/> + 1 frames), so a
    /// body of a million brackets costs no object per bracket.
    /// </summary>
    private sealed class JsonPathTracker
    {
        private const int ShownLeadingLevels = 2;
        private const int ShownTrailingLevels = 4;

        private readonly List<Frame> _frames = [];
        private int _depth;

        public string Current
        {
            get
            {
                var builder = new StringBuilder();
                for (var level = 0; level < _depth; level++)
                {
                    if (level == ShownLeadingLevels && _depth > ShownLeadingLevels + ShownTrailingLevels)
                    {
                        builder.Append('.').Append(ClientText.Ellipsis[0]);
                        level = _depth - ShownTrailingLevels;
                    }

                    _frames[level].AppendTo(builder);
                }

                return builder.ToString();
            }
        }

        public void Enter(bool isArray)
        {
            if (_depth == _frames.Count)
            {
                _frames.Add(new Frame());
            }

            _frames[_depth++].Start(isArray);
        }

        public void Leave() => _depth--;

        /// <summary>Records a property name; false when the current object already has it.</summary>
        public bool Property(string name) => _frames[_depth - 1].Property(name);

        /// <summary>Moves an array's index to the element that starts now.</summary>
        public void ValueStarted()
        {
            if (_depth > 0)
            {
                _frames[_depth - 1].ValueStarted();
            }
        }

        /// <summary>One open object or array: its names so far, or its current index.</summary>
        private sealed class Frame
        {
            /// <summary>
            /// A set of names up to this size is cleared for the next object at its depth; a larger one is dropped, so that
            /// clearing never costs more than a small set (Clear takes time in proportion to the set's capacity).
            /// </summary>
            private const int ReusedNamesLimit = 32;

            private HashSet<string>? _names;
            private string? _property;
            private int _index;
            private bool _isArray;

            public void Start(bool isArray)
            {
                _isArray = isArray;
                _property = null;
                _index = -1;
                if (_names is { Count: > ReusedNamesLimit })
                {
                    _names = null;
                }

                _names?.Clear();
            }

            public bool Property(string name)
            {
                _property = name;
                return (_names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            }

            public void ValueStarted()
            {
                if (_isArray)
                {
                    _index++;
                }
            }

            public void AppendTo(StringBuilder builder)
            {
                if (_isArray)
                {
                    if (_index >= 0)
                    {
                        builder.Append('[').Append(_index).Append(']');
                    }
                }
                else if (_property is not null)
                {
                    if (builder.Length > 0)
                    {
                        builder.Append('.');
                    }

                    builder.Append(ClientText.Cut(_property, ClientText.MaxPathNameLength));
                }
            }
        }
    }
}

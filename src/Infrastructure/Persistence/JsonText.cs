using System.Runtime.InteropServices;
using System.Text;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>
/// A client document as the stores keep it: canonical JSON text in UTF-8 (see <see cref="StoredJson"/>). SQLite stores the
/// bytes as they are; MongoDB stores them as a BSON string. Kept as bytes, a 6 MiB flow is 6 MiB in memory, not the 12 MiB
/// of a .NET string plus the copy a driver makes to encode it. Two texts are equal when their bytes are.
/// </summary>
public sealed class JsonText(byte[] utf8) : IEquatable<JsonText>
{
    public byte[] Utf8 { get; } = utf8;

    public static JsonText FromString(string json) => new(Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// The text in <paramref name="utf8"/>, which is never written to: the array itself when the memory is one whole
    /// array (as a flow document's normalized text is), so a 6 MiB document is not copied to be stored; else a copy.
    /// </summary>
    public static JsonText Of(ReadOnlyMemory<byte> utf8) =>
        new(MemoryMarshal.TryGetArray(utf8, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? whole.Array
            : utf8.ToArray());

    public override string ToString() => Encoding.UTF8.GetString(Utf8);

    public bool Equals(JsonText? other) => other is not null && Utf8.AsSpan().SequenceEqual(other.Utf8);

    public override bool Equals(object? obj) => Equals(obj as JsonText);

    public override int GetHashCode() => Utf8.Length;
}

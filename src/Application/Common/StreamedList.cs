using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// An answer listing items as they are read from the store, never all of them in memory at once: a bare JSON array
/// (<see cref="PropertyName"/> null), or an object holding the array under one property (<c>{"results": [...]}</c>),
/// after the properties of <see cref="Head"/> (<c>{"hits": 3, "results": [...]}</c>).
/// </summary>
public sealed record StreamedList(string? PropertyName, IAsyncEnumerable<JsonAnswer> Items, JsonObject? Head = null);

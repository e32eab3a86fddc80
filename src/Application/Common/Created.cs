using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// A created workflow's representation and its id, which the 201's Location names. The id is carried beside the
/// representation because reading it back out of the representation would index every property of the document.
/// </summary>
public sealed record Created(string Id, JsonObject Representation);

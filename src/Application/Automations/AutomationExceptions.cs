using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Automations;

/// <summary>The Automation API refused a request made for the client's flow (4xx): the client's input is at fault (400).</summary>
public sealed class AutomationRejectedException(string message) : DomainException(message);

/// <summary>The Automation API failed or did not answer in time (5xx, timeout, connection): a 500.</summary>
public sealed class AutomationUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>A request would make more Automation API calls than one request may (<c>HardLimits:MaxAutomationsPerRequest</c>): a 400.</summary>
public sealed class TooManyAutomationsException(int count, int max, string work)
    : DomainException($"The flow refers to {count} automations; {work} at most {max}");

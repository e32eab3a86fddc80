using WorkflowDefinitions.Domain.Common;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Benchmarks;

/// <summary>
/// Validating a submitted flow as the service receives it (a parsed request body): every schema and graph rule
/// (contract §3), then the limits (§3.5). Target: a 1,000-task graph in at most 5 ms.
/// </summary>
[MemoryDiagnoser]
public class FlowValidationBenchmarks
{
    private JsonDocument _body = null!;
    private JsonElement _flow;

    [Params(100, 1000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void CreateFlow()
    {
        _body = JsonDocument.Parse(FlowGenerator.Create(Tasks).ToJsonString());
        _flow = _body.RootElement;
    }

    [GlobalCleanup]
    public void DisposeBody() => _body.Dispose();

    [Benchmark]
    public FlowDocument Validate() => FlowDocument.Parse(_flow, HardLimits.Default);

    [Benchmark]
    public IReadOnlyList<FlowLimitWarning> ValidateAndEvaluateLimits() => FlowDocument.Parse(_flow, HardLimits.Default).EvaluateLimits(FlowLimits.Default);
}

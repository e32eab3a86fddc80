using BenchmarkDotNet.Running;
using WorkflowDefinitions.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- validation   (BenchmarkDotNet: validating 100- and 1,000-task flows)
// dotnet run -c Release --project tests/Benchmarks -- load [--flows 10000] [--seconds 10] [--mixed-seconds 60] [--search-sizes 1000,10000,100000] [--service path/to/WorkflowDefinitions.Api.dll]
// dotnet run -c Release --project tests/Benchmarks -- adversarial [--only cases|memory|parallel|dense|slow|readers|lists] [--cases a,b] [--service path/to/WorkflowDefinitions.Api.dll]
switch (args.FirstOrDefault())
{
    case "validation":
        BenchmarkRunner.Run<FlowValidationBenchmarks>(args: args[1..]);
        return 0;
    case "load":
        await LoadBenchmark.RunAsync(args[1..]);
        return 0;
    case "adversarial":
        await AdversarialBenchmark.RunAsync(args[1..]);
        return 0;
    default:
        Console.Error.WriteLine("usage: validation [BenchmarkDotNet options] | load [--flows N] [--seconds N] [--mixed-seconds N] [--search-sizes A,B,C] [--service DLL] | adversarial [--only cases|memory|parallel|dense|slow|readers|lists] [--cases A,B] [--service DLL]");
        return 2;
}

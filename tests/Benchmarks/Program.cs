using BenchmarkDotNet.Running;
using WorkflowDefinitions.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- validation   (BenchmarkDotNet: validating 100- and 1,000-task flows)
// dotnet run -c Release --project tests/Benchmarks -- load [--flows 10000] [--concurrency 8] [--seconds 15] [--url U --token T] [--service path/to/WorkflowDefinitions.Api.dll]
// dotnet run -c Release --project tests/Benchmarks -- adversarial [--only cases|memory] [--cases a,b] [--service path/to/WorkflowDefinitions.Api.dll]
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
        Console.Error.WriteLine("usage: validation [BenchmarkDotNet options] | load [--flows N] [--concurrency N] [--seconds N] [--url URL --token TOKEN] [--service DLL] | adversarial [--only cases|memory] [--cases A,B] [--service DLL]");
        return 2;
}

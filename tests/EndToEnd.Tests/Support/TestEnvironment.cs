using System.Reflection;

namespace WorkflowDefinitions.EndToEnd.Tests.Support;

/// <summary>Where the built service and the pinned CLI live (recorded at build time).</summary>
public static class TestEnvironment
{
    public static string ServiceAssembly => Path.GetFullPath(Metadata("ServiceAssembly"));

    public static string CliDirectory => Path.GetFullPath(Metadata("CliDirectory"));

    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

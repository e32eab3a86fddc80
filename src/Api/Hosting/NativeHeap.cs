using System.Runtime.InteropServices;

namespace WorkflowDefinitions.Api.Hosting;

/// <summary>
/// The C library's heap, where SQLite copies the values it binds and reads (a large document's among them). glibc's
/// malloc raises its mmap threshold to the size of the largest block freed (up to 32 MiB); after one large document,
/// blocks of its size are carved from the per-thread arenas, which keep them once freed, so the process's memory grows
/// with how many threads happened to handle large documents. With the threshold fixed at
/// <see cref="MmapThresholdBytes"/>, larger blocks are mapped and unmapped (measured: 100 parallel 5 MiB creates peaked at
/// 308–344 MB instead of 367–537 MB).
/// </summary>
public static class NativeHeap
{
    public const int MmapThresholdBytes = 1024 * 1024;

    /// <summary>glibc's <c>M_MMAP_THRESHOLD</c>; setting it also turns off the dynamic threshold.</summary>
    private const int MmapThresholdOption = -3;

    /// <summary>
    /// Fixes the mmap threshold of glibc's malloc. Elsewhere (another operating system, or a C library without
    /// <c>mallopt</c>) nothing changes; returns whether the threshold was set.
    /// </summary>
    public static bool ReturnLargeBlocksToTheSystem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetOption(MmapThresholdOption, MmapThresholdBytes) == 1;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetOption(int option, int value);
}

using System.Runtime.InteropServices;
using WorkflowDefinitions.Api.Hosting;

namespace WorkflowDefinitions.Api.FunctionalTests.Hosting;

public class NativeHeapTests
{
    private const int BlockBytes = 8 * 1024 * 1024;

    [Test]
    [Platform("Linux", Reason = "glibc's malloc; resident memory from /proc/self/status")]
    public void ALargeBlockFreedAgainAndAgain_IsGivenBackToTheSystemEachTime()
    {
        Assert.That(NativeHeap.ReturnLargeBlocksToTheSystem(), Is.True);

        // The first free of a large block is what raises glibc's dynamic threshold: the second block shows the difference.
        var kept = Enumerable.Range(0, 2).Select(_ => ResidentBytesKeptAfterFree()).ToList();

        Assert.That(kept, Has.All.LessThan(BlockBytes / 4));
    }

    private static long ResidentBytesKeptAfterFree()
    {
        var before = ResidentBytes();
        var block = Marshal.AllocHGlobal(BlockBytes);
        for (var offset = 0; offset < BlockBytes; offset += 4096)
        {
            Marshal.WriteByte(block, offset, 1);
        }

        Marshal.FreeHGlobal(block);
        return ResidentBytes() - before;
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}

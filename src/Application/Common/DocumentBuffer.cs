using System.Buffers;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// A growing contiguous buffer for JSON text (a flow is up to 6 MiB), taken from a pool: by default a small pool of its
/// own, for whole documents. The shared array pool would keep a buffer as large as the largest document for every thread
/// that ever held one; allocating afresh would leave every doubling behind as garbage on the large-object heap.
/// </summary>
public sealed class DocumentBuffer(ArrayPool<byte> pool) : IBufferWriter<byte>, IDisposable
{
    private const int InitialBytes = 64 * 1024;

    private static readonly ArrayPool<byte> DocumentPool = ArrayPool<byte>.Create(maxArrayLength: 16 * 1024 * 1024, maxArraysPerBucket: 2);

    private byte[] _buffer = pool.Rent(InitialBytes);

    public DocumentBuffer()
        : this(DocumentPool)
    {
    }

    public int WrittenCount { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, WrittenCount);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, WrittenCount);

    public void Advance(int count) => WrittenCount += count;

    /// <summary>Forgets what was written, keeping the memory for what comes next.</summary>
    public void Clear() => WrittenCount = 0;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(WrittenCount);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(WrittenCount);
    }

    public void Dispose()
    {
        pool.Return(_buffer);
        _buffer = [];
    }

    private void Reserve(int sizeHint)
    {
        var needed = WrittenCount + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = pool.Rent(Math.Max(needed, _buffer.Length * 2));
        WrittenSpan.CopyTo(larger);
        pool.Return(_buffer);
        _buffer = larger;
    }
}

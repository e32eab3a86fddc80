using System.Buffers;

namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// A growing buffer for one whole document (a flow is up to 6 MiB), taken from a small pool of its own. The shared array
/// pool would keep a buffer as large as the largest document for every thread that ever held one; allocating afresh
/// would leave every doubling behind as garbage on the large-object heap.
/// </summary>
public sealed class DocumentBuffer : IBufferWriter<byte>, IDisposable
{
    private const int InitialBytes = 64 * 1024;

    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 16 * 1024 * 1024, maxArraysPerBucket: 2);

    private byte[] _buffer = Pool.Rent(InitialBytes);

    public int WrittenCount { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, WrittenCount);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, WrittenCount);

    public void Advance(int count) => WrittenCount += count;

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
        Pool.Return(_buffer);
        _buffer = [];
    }

    private void Reserve(int sizeHint)
    {
        var needed = WrittenCount + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = Pool.Rent(Math.Max(needed, _buffer.Length * 2));
        WrittenSpan.CopyTo(larger);
        Pool.Return(_buffer);
        _buffer = larger;
    }
}

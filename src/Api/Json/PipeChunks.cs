using System.Buffers;
using System.IO.Pipelines;

namespace WorkflowDefinitions.Api.Json;

/// <summary>
/// The buffer between an answer's JSON writer and the response pipe: the writer fills one pooled 64 KiB chunk, which is
/// handed to the pipe in one copy whenever it is full (or when the answer flushes). Written into the pipe directly,
/// every value larger than the pipe's 4 KiB blocks (a stored document's task list) took a fresh block under the pipe's
/// lock; collected in one growing buffer, a 6 MiB answer left each doubling behind on the large-object heap. A single
/// value larger than a chunk gets an array of its own, left to the GC.
/// </summary>
internal sealed class PipeChunks(PipeWriter pipe) : IBufferWriter<byte>, IDisposable
{
    private const int ChunkBytes = 64 * 1024;

    private byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private bool _pooled = true;
    private int _written;

    /// <summary>Bytes written since the pipe was last flushed, handed over or not.</summary>
    public long Unflushed { get; private set; }

    public void Advance(int count)
    {
        _written += count;
        Unflushed += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _chunk.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _chunk.AsSpan(_written);
    }

    /// <summary>Hands what was written to the pipe, without flushing it.</summary>
    public void HandOver()
    {
        if (_written > 0)
        {
            pipe.Write(_chunk.AsSpan(0, _written));
            _written = 0;
        }
    }

    /// <summary>Hands everything over and flushes the pipe.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        HandOver();
        await pipe.FlushAsync(cancellationToken);
        Unflushed = 0;
    }

    public void Dispose()
    {
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
            _pooled = false;
        }

        _chunk = [];
    }

    private void MakeRoom(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_chunk.Length - _written >= needed)
        {
            return;
        }

        HandOver();
        if (_chunk.Length >= needed)
        {
            return;
        }

        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
            _pooled = false;
        }

        _chunk = new byte[needed];
    }
}

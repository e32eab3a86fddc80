using System.Buffers;

namespace WorkflowDefinitions.Api.Json;

/// <summary>
/// A request body read in pooled chunks of 64 KiB: its memory grows with the bytes that arrive, whatever length the
/// client declared. Once complete, a body of several chunks is copied into one buffer of a small pool of its own (the
/// shared pool would keep a buffer of the largest size for every thread that ever held one). Everything goes back to
/// its pool when the body is disposed, with the request.
/// </summary>
public sealed class PooledRequestBody : IDisposable
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Whole bodies of up to 8 MiB; two of each size are kept for reuse.</summary>
    private static readonly ArrayPool<byte> WholeBodies = ArrayPool<byte>.Create(maxArrayLength: 8 * 1024 * 1024, maxArraysPerBucket: 2);

    private readonly List<byte[]> _chunks = [];
    private int _lastChunkLength;
    private byte[]? _whole;

    private PooledRequestBody()
    {
    }

    public int Length { get; private set; }

    /// <summary>The body, in one piece (valid until disposal).</summary>
    public ReadOnlyMemory<byte> Bytes => _whole is not null ? _whole.AsMemory(0, Length)
        : _chunks.Count == 1 ? _chunks[0].AsMemory(0, Length)
        : ReadOnlyMemory<byte>.Empty;

    /// <summary>
    /// Reads <paramref name="body"/> to its end. <paramref name="onFirstBytes"/> runs once the body turns out not to be
    /// empty (to refuse a wrong media type before reading on); more than <paramref name="maxBytes"/> throws 413.
    /// </summary>
    public static async Task<PooledRequestBody> ReadAsync(Stream body, int maxBytes, Action onFirstBytes, CancellationToken cancellationToken)
    {
        var read = new PooledRequestBody();
        try
        {
            while (true)
            {
                if (read._chunks.Count == 0 || read._lastChunkLength == ChunkBytes)
                {
                    read._chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkBytes));
                    read._lastChunkLength = 0;
                }

                var count = await body.ReadAsync(read._chunks[^1].AsMemory(read._lastChunkLength, ChunkBytes - read._lastChunkLength), cancellationToken);
                if (count == 0)
                {
                    read.Join();
                    return read;
                }

                if (read.Length == 0)
                {
                    onFirstBytes();
                }

                read._lastChunkLength += count;
                read.Length += count;
                if (read.Length > maxBytes)
                {
                    throw RequestBodyException.TooLarge();
                }
            }
        }
        catch
        {
            read.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        ReturnChunks();
        if (_whole is not null)
        {
            WholeBodies.Return(_whole);
            _whole = null;
        }
    }

    /// <summary>Copies a body of several chunks into one buffer and gives the chunks back.</summary>
    private void Join()
    {
        if (_chunks.Count < 2 || Length <= _chunks[0].Length)
        {
            return;
        }

        _whole = WholeBodies.Rent(Length);
        var written = 0;
        foreach (var chunk in _chunks)
        {
            var count = Math.Min(ChunkBytes, Length - written);
            chunk.AsSpan(0, count).CopyTo(_whole.AsSpan(written));
            written += count;
        }

        ReturnChunks();
    }

    private void ReturnChunks()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _chunks.Clear();
    }
}

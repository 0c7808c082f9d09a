using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using OpenDvc.Ledger.Quarantine;

namespace OpenDvc.Ledger.Contract;

/// <summary>
/// Streams dossier records out of a file or request body: NDJSON, CSV or the portal's envelope, gzip-compressed or
/// not (told by the magic bytes), the form told by the first bytes unless given. Memory stays bounded by the
/// longest record (<see cref="MaxRecordBytes"/>) whatever the input's size, except for the envelope, which is one
/// JSON document and is held whole (up to <see cref="MaxEnvelopeBytes"/>; it is meant for HTTP batches).
/// Every line comes out as a <see cref="DossierLine"/>, parsed or with its error: none is lost, none throws.
/// Blank lines are skipped but counted in line numbers.
/// </summary>
public sealed class DossierReader : IDisposable, IAsyncDisposable
{
    public const int DefaultMaxRecordBytes = 1 << 20;
    public const int DefaultMaxEnvelopeBytes = 64 << 20;
    private const int InitialBuffer = 64 << 10;

    private readonly bool leaveOpen;
    private readonly Stream original;
    private Stream stream;
    private byte[] buffer;
    private int start;
    private int end;
    private bool eof;
    private bool started;
    private bool done;
    private bool skippingLongLine;
    private bool streamFailed;
    private long lineNumber;
    private DossierParser? parser;
    private PrefixedStream? compressed;
    private JsonReaderState envelopeState;
    private bool inEnvelopeData;

    public DossierReader(Stream stream, DossierFormat? format = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        original = stream;
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        Format = format;
        buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    }

    /// <summary>The longest record kept whole; a longer one yields <c>LINE_TOO_LONG</c> with its first bytes.</summary>
    public int MaxRecordBytes { get; init; } = DefaultMaxRecordBytes;

    /// <summary>The largest envelope read; a larger one yields one <c>LINE_TOO_LONG</c> and nothing else.</summary>
    public int MaxEnvelopeBytes { get; init; } = DefaultMaxEnvelopeBytes;

    /// <summary>The most bytes read out of the input once decompressed; past it <see cref="InputTooLargeException"/> is thrown.</summary>
    public long MaxDecodedBytes { get; init; } = long.MaxValue;

    /// <summary>
    /// The most decoded bytes per compressed byte once <see cref="RatioGraceBytes"/> are decoded: a small gzip body that
    /// expands without end (a "zip bomb") is stopped after its first mebibyte, not after its limit in bytes.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = int.MaxValue;

    public const int RatioGraceBytes = 1 << 20;

    /// <summary>Bytes read out of the input so far, after decompression.</summary>
    public long DecodedBytes { get; private set; }

    /// <summary>The form, as given or as detected once the first record has been read.</summary>
    public DossierFormat? Format { get; private set; }

    /// <summary>Whether the input was gzip-compressed.</summary>
    public bool IsCompressed { get; private set; }

    /// <summary>A CSV input's header line, needed to replay one of its lines on its own.</summary>
    public string? CsvHeader { get; private set; }

    /// <summary>The envelope's <c>isUpdating</c>, once read (it precedes <c>data</c> in the portal's payload).</summary>
    public bool? EnvelopeIsUpdating { get; private set; }

    public IEnumerable<DossierLine> Read()
    {
        while (true)
        {
            while (TryNext(out var line))
            {
                yield return line;
            }

            if (done)
            {
                if (TakeStreamFailure() is { } failure)
                {
                    yield return failure;
                }

                yield break;
            }

            try
            {
                AfterRead(stream.Read(FreeSpace().Span));
            }
            catch (InvalidDataException)
            {
                StreamFailed();
            }
        }
    }

    public async IAsyncEnumerable<DossierLine> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            while (TryNext(out var line))
            {
                yield return line;
            }

            if (done)
            {
                if (TakeStreamFailure() is { } failure)
                {
                    yield return failure;
                }

                yield break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                AfterRead(await stream.ReadAsync(FreeSpace(), cancellationToken));
            }
            catch (InvalidDataException)
            {
                StreamFailed();
            }
        }
    }

    /// <summary>Returns the buffer; closes the input unless <c>leaveOpen</c> (a gzip decoder of our own is always closed).</summary>
    public void Dispose()
    {
        ReturnBuffer();
        if (!leaveOpen || !ReferenceEquals(stream, original))
        {
            stream.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        ReturnBuffer();
        if (!leaveOpen || !ReferenceEquals(stream, original))
        {
            await stream.DisposeAsync();
        }
    }

    private void ReturnBuffer()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    /// <summary>Makes room for more input: compacts, and grows the buffer when it is full.</summary>
    private Memory<byte> FreeSpace()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, bigger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        return buffer.AsMemory(end);
    }

    private void AfterRead(int read)
    {
        end += read;
        eof = read == 0;
        if (!started && !IsCompressed && end >= 2 && buffer[0] == 0x1F && buffer[1] == 0x8B)
        {
            // gzip: what was read so far is the start of the compressed stream.
            IsCompressed = true;
            compressed = new PrefixedStream(buffer.AsSpan(0, end).ToArray(), stream, leaveOpen);
            stream = new GZipStream(compressed, CompressionMode.Decompress);
            end = 0;
            eof = false;
            return;
        }

        DecodedBytes += read;
        if (DecodedBytes > MaxDecodedBytes)
        {
            throw new InputTooLargeException(InputLimit.DecodedBytes, MaxDecodedBytes);
        }

        if (compressed is not null && DecodedBytes > RatioGraceBytes && DecodedBytes > (long)MaxCompressionRatio * compressed.BytesRead)
        {
            throw new InputTooLargeException(InputLimit.CompressionRatio, MaxCompressionRatio);
        }
    }

    /// <summary>Corrupt gzip data: what was read before it is still read out, then one <c>GZIP_INVALID</c> line ends the input.</summary>
    private void StreamFailed()
    {
        streamFailed = true;
        eof = true;
    }

    private DossierLine? TakeStreamFailure()
    {
        if (!streamFailed)
        {
            return null;
        }

        streamFailed = false;
        return new DossierLine(lineNumber + 1, ReadOnlyMemory<byte>.Empty, null, new DossierIssue(ReasonCode.CompressionInvalid));
    }

    private bool TryNext(out DossierLine line)
    {
        line = default;
        if (done)
        {
            return false;
        }

        if (!started && !Start())
        {
            return false;
        }

        return Format == DossierFormat.Envelope ? TryNextInEnvelope(out line) : TryNextLine(out line);
    }

    /// <summary>Skips a byte-order mark and settles the form from the first meaningful byte.</summary>
    private bool Start()
    {
        if (end - start < 3 && !eof)
        {
            return false;
        }

        if (buffer.AsSpan(start, end - start).StartsWith("\uFEFF"u8))
        {
            start += 3;
        }

        if (Format is null)
        {
            var content = buffer.AsSpan(start, end - start);
            var first = content.IndexOfAnyExcept(" \t\r\n"u8);
            if (first < 0 || (content.Length - first < 16 && !eof))
            {
                if (eof)
                {
                    done = true;
                }

                return false;
            }

            Format = content[first] != '{' ? DossierFormat.Csv
                : LooksLikeEnvelope(content[(first + 1)..]) ? DossierFormat.Envelope
                : DossierFormat.Ndjson;
        }

        if (Format != DossierFormat.Csv)
        {
            parser = new DossierParser(Format.Value);
        }

        started = true;
        return true;
    }

    private static bool LooksLikeEnvelope(ReadOnlySpan<byte> afterBrace)
    {
        var rest = afterBrace.TrimStart(" \t\r\n"u8);
        return rest.StartsWith("\"isUpdating\""u8) || rest.StartsWith("\"data\""u8);
    }

    private bool TryNextLine(out DossierLine line)
    {
        line = default;
        while (true)
        {
            var pending = buffer.AsSpan(start, end - start);
            var newline = pending.IndexOf((byte)'\n');
            if (skippingLongLine)
            {
                start = newline < 0 ? end : start + newline + 1;
                skippingLongLine = newline < 0;
                if (newline < 0)
                {
                    done = eof;
                    return false;
                }

                continue;
            }

            int length;
            int next;
            if (newline >= 0 && newline <= MaxRecordBytes)
            {
                length = newline;
                next = start + newline + 1;
            }
            else if (pending.Length > MaxRecordBytes)
            {
                lineNumber++;
                line = DossierParser.TooLong(buffer.AsMemory(start, MaxRecordBytes), lineNumber);
                start += Math.Min(pending.Length, newline < 0 ? pending.Length : newline + 1);
                skippingLongLine = newline < 0;
                return true;
            }
            else if (eof && pending.Length > 0)
            {
                length = pending.Length;
                next = end;
            }
            else
            {
                done = eof;
                return false;
            }

            lineNumber++;
            var raw = buffer.AsMemory(start, length);
            start = next;
            if (raw.Span.EndsWith("\r"u8))
            {
                raw = raw[..^1];
            }

            if (raw.Span.IndexOfAnyExcept(" \t\r"u8) < 0)
            {
                continue;
            }

            if (parser is null)
            {
                // The first non-blank CSV line is the header.
                CsvHeader = Encoding.UTF8.GetString(raw.Span);
                parser = new DossierParser(raw.Span);
                continue;
            }

            line = parser.Parse(raw, lineNumber);
            return true;
        }
    }

    /// <summary>
    /// The envelope is one JSON document, read whole; its <c>data</c> items are then walked one per call, keeping the
    /// JSON reader's state between calls, each item's bytes parsed as a record of their own.
    /// </summary>
    private bool TryNextInEnvelope(out DossierLine line)
    {
        line = default;
        if (!eof)
        {
            if (end - start > MaxEnvelopeBytes)
            {
                line = DossierParser.TooLong(buffer.AsMemory(start, Math.Min(MaxRecordBytes, end - start)), 1);
                done = true;
                return true;
            }

            return false;
        }

        var remaining = buffer.AsMemory(start, end - start);
        try
        {
            var reader = new Utf8JsonReader(remaining.Span, isFinalBlock: true, envelopeState);
            if (!inEnvelopeData && !SeekData(ref reader))
            {
                done = true;
                return false;
            }

            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                done = true;
                return false;
            }

            var itemStart = (int)reader.TokenStartIndex;
            var isObject = reader.TokenType == JsonTokenType.StartObject;
            reader.Skip();
            var itemEnd = (int)reader.BytesConsumed;
            lineNumber++;
            var raw = remaining[itemStart..itemEnd];
            line = isObject ? parser!.Parse(raw, lineNumber) : new DossierLine(lineNumber, raw, null, new DossierIssue(ReasonCode.JsonMalformed));
            start += itemEnd;
            envelopeState = reader.CurrentState;
            return true;
        }
        catch (JsonException)
        {
            // The rest cannot be split into items: kept whole as one malformed record.
            line = new DossierLine(lineNumber + 1, remaining, null, new DossierIssue(ReasonCode.JsonMalformed));
            done = true;
            return true;
        }
    }

    /// <summary>Reads <c>{"isUpdating": …,</c> up to the start of the <c>data</c> array. False when there is no data array.</summary>
    private bool SeekData(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the envelope is not an object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new JsonException("data is not an array");
                }

                inEnvelopeData = true;
                return true;
            }

            var isUpdating = reader.ValueTextEquals("isUpdating"u8);
            reader.Read();
            if (isUpdating && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
            {
                EnvelopeIsUpdating = reader.GetBoolean();
            }
            else
            {
                reader.Skip();
            }
        }

        return false;
    }

    /// <summary>Bytes already read, then the rest of the stream: lets the gzip decoder start from the magic bytes.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest, bool leaveOpen) : Stream
    {
        private int position;

        /// <summary>Compressed bytes handed to the decoder so far (for <see cref="MaxCompressionRatio"/>).</summary>
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = 0;
            if (position < prefix.Length)
            {
                n = Math.Min(buffer.Length, prefix.Length - position);
                prefix.AsSpan(position, n).CopyTo(buffer);
                position += n;
            }
            else
            {
                n = rest.Read(buffer);
            }

            BytesRead += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position < prefix.Length)
            {
                return Read(buffer.Span);
            }

            var n = await rest.ReadAsync(buffer, cancellationToken);
            BytesRead += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

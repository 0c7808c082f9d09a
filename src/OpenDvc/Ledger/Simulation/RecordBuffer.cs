using System.Buffers;
using System.Buffers.Text;

namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// A growable byte buffer from the shared pool that records are written into and that is copied to the
/// output stream in large chunks. Unlike <see cref="ArrayBufferWriter{T}"/> it can cut back what was written
/// (the simulator's broken lines) and format the contract's codes and timestamps in place.
/// </summary>
internal sealed class RecordBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 17);

    public int Length { get; private set; }

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(Length);
    }

    public void Truncate(int length) => Length = Math.Min(Length, length);

    /// <summary>Cuts back to at most <paramref name="length"/> bytes, never inside a UTF-8 character (a Vietnamese letter).</summary>
    public void TruncateText(int length)
    {
        Truncate(length);
        while (Length > 0 && (buffer[Length] & 0xC0) == 0x80)
        {
            Length--;
        }
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        buffer[Length++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void WriteNumber(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, buffer.AsSpan(Length), out var written);
        Length += written;
    }

    public void WriteDecimal(decimal value)
    {
        Ensure(32);
        Utf8Formatter.TryFormat(value, buffer.AsSpan(Length), out var written);
        Length += written;
    }

    public void WriteTimestamp(DateTime value)
    {
        Ensure(14);
        Length += FormatTimestamp(buffer.AsSpan(Length), value);
    }

    public void WriteTo(Stream stream)
    {
        stream.Write(buffer, 0, Length);
        Length = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    /// <summary>The contract's timestamp, <c>yyyyMMddHHmmss</c> in Vietnam time.</summary>
    public static int FormatTimestamp(Span<byte> destination, DateTime value)
    {
        var (year, month, day) = value;
        Digits(destination, year, 4);
        Digits(destination[4..], month, 2);
        Digits(destination[6..], day, 2);
        Digits(destination[8..], value.Hour, 2);
        Digits(destination[10..], value.Minute, 2);
        Digits(destination[12..], value.Second, 2);
        return 14;
    }

    /// <summary>A dossier code as the national portal shapes it: <c>{agency}-{yyMMdd}-{serial}</c>.</summary>
    public static int FormatDossierCode(Span<byte> destination, SimulatedAgency agency, DateOnly day, long serial)
    {
        var code = agency.Utf8Code;
        code.CopyTo(destination);
        var position = code.Length;
        destination[position++] = (byte)'-';
        Digits(destination[position..], day.Year % 100, 2);
        Digits(destination[(position + 2)..], day.Month, 2);
        Digits(destination[(position + 4)..], day.Day, 2);
        position += 6;
        destination[position++] = (byte)'-';
        Utf8Formatter.TryFormat(serial, destination[position..], out var written, new StandardFormat('D', 6));
        return position + written;
    }

    private static void Digits(Span<byte> destination, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = Length + Math.Max(sizeHint, 256);
        if (needed <= buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}

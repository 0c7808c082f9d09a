using System.Buffers;
using System.Buffers.Binary;
using System.Data.Common;
using System.IO.Hashing;
using System.Text;
using OpenDvc.Ledger.Contract;

namespace OpenDvc.Ledger.Storage;

public enum ColumnKind
{
    Text,
    SmallInteger,
    RegularInteger,
    BigInteger,
    Instant,
}

/// <summary>
/// A column of the <c>dossiers</c> table as the raw writers see it: name, type, and how to get and set it. The
/// typed accessors (one pair per kind; integers widened to 64 bits) are what the hot paths use: binding, copying,
/// hashing and reading a row through <see cref="Get"/>/<see cref="Set"/> boxed about 20 values a row.
/// </summary>
public sealed class DossierColumn
{
    private DossierColumn(string name, ColumnKind kind) => (Name, Kind) = (name, kind);

    public string Name { get; }

    public ColumnKind Kind { get; }

    /// <summary>The value of a <see cref="ColumnKind.Text"/> column.</summary>
    public Func<Dossier, string?> GetText { get; private init; } = Wrong<string?>;

    /// <summary>The value of an integer column (small, regular or big), widened.</summary>
    public Func<Dossier, long?> GetInteger { get; private init; } = Wrong<long?>;

    public Func<Dossier, DateTimeOffset?> GetInstant { get; private init; } = Wrong<DateTimeOffset?>;

    public Action<Dossier, string?> SetText { get; private init; } = (_, _) => throw new InvalidOperationException();

    /// <summary>Sets an integer column from its widened value (narrowed to the property's type).</summary>
    public Action<Dossier, long?> SetInteger { get; private init; } = (_, _) => throw new InvalidOperationException();

    public Action<Dossier, DateTimeOffset?> SetInstant { get; private init; } = (_, _) => throw new InvalidOperationException();

    /// <summary>The value boxed as the column's own type (<see cref="short"/>, <see cref="int"/>, …), for code off the hot path.</summary>
    public object? Get(Dossier dossier) => Kind switch
    {
        ColumnKind.Text => GetText(dossier),
        ColumnKind.Instant => GetInstant(dossier),
        _ => GetInteger(dossier) is not { } n ? null : Kind switch
        {
            ColumnKind.SmallInteger => (short)n,
            ColumnKind.RegularInteger => (int)n,
            _ => (object)n,
        },
    };

    public void Set(Dossier dossier, object? value)
    {
        switch (Kind)
        {
            case ColumnKind.Text: SetText(dossier, (string?)value); break;
            case ColumnKind.Instant: SetInstant(dossier, (DateTimeOffset?)value); break;
            default: SetInteger(dossier, value is null ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }

    internal static DossierColumn Text(string name, Func<Dossier, string?> get, Action<Dossier, string?> set) =>
        new(name, ColumnKind.Text) { GetText = get, SetText = set };

    internal static DossierColumn Integer(string name, ColumnKind kind, Func<Dossier, long?> get, Action<Dossier, long?> set) =>
        new(name, kind) { GetInteger = get, SetInteger = set };

    internal static DossierColumn Instant(string name, Func<Dossier, DateTimeOffset?> get, Action<Dossier, DateTimeOffset?> set) =>
        new(name, ColumnKind.Instant) { GetInstant = get, SetInstant = set };

    private static T Wrong<T>(Dossier dossier) => throw new InvalidOperationException("the accessor of another column kind");
}

/// <summary>
/// The dossiers table for raw ADO.NET: one list of columns, in one order, shared by both writers, the readers of
/// stored rows and the content hash. Column names match <see cref="DossierConfiguration"/>.
/// </summary>
public static class DossierColumns
{
    private const ColumnKind Small = ColumnKind.SmallInteger;
    private const ColumnKind Regular = ColumnKind.RegularInteger;
    private const ColumnKind Big = ColumnKind.BigInteger;

    public static IReadOnlyList<DossierColumn> All => Columns;

    /// <summary>The same list as an array, for loops that run for every row.</summary>
    internal static DossierColumn[] Columns { get; } =
    [
        DossierColumn.Text("code", d => d.Code, (d, v) => d.Code = v!),
        DossierColumn.Text("unit_code", d => d.UnitCode, (d, v) => d.UnitCode = v!),
        DossierColumn.Text("procedure_code", d => d.ProcedureCode, (d, v) => d.ProcedureCode = v!),
        DossierColumn.Text("agency_code", d => d.AgencyCode, (d, v) => d.AgencyCode = v),
        DossierColumn.Text("original_code", d => d.OriginalCode, (d, v) => d.OriginalCode = v),
        DossierColumn.Integer("received_month", Regular, d => d.ReceivedMonth, (d, v) => d.ReceivedMonth = (int)v!),
        DossierColumn.Integer("channel", Small, d => (short)d.Channel, (d, v) => d.Channel = (DossierChannel)(short)v!),
        DossierColumn.Integer("applicant_type", Small, d => (short)d.ApplicantType, (d, v) => d.ApplicantType = (ApplicantType)(byte)(short)v!),
        DossierColumn.Integer("status", Small, d => (short)d.Status, (d, v) => d.Status = (DossierStatus)(byte)(short)v!),
        DossierColumn.Instant("submitted_at", d => d.SubmittedAt, (d, v) => d.SubmittedAt = v),
        DossierColumn.Instant("received_at", d => d.ReceivedAt, (d, v) => d.ReceivedAt = v),
        DossierColumn.Instant("due_at", d => d.DueAt, (d, v) => d.DueAt = v),
        DossierColumn.Instant("finished_at", d => d.FinishedAt, (d, v) => d.FinishedAt = v),
        DossierColumn.Instant("returned_at", d => d.ReturnedAt, (d, v) => d.ReturnedAt = v),
        DossierColumn.Instant("refused_at", d => d.RefusedAt, (d, v) => d.RefusedAt = v),
        DossierColumn.Integer("clock", Small, d => (short)d.Clock, (d, v) => d.Clock = (ClockBucket)(short)v!),
        DossierColumn.Integer("due_date", Regular, d => d.DueDate, (d, v) => d.DueDate = (int)v!),
        DossierColumn.Integer("supplement_count", Regular, d => d.SupplementCount, (d, v) => d.SupplementCount = (int)v!),
        DossierColumn.Integer("supplement_minutes", Regular, d => d.SupplementMinutes, (d, v) => d.SupplementMinutes = (int)v!),
        DossierColumn.Integer("fee", Big, d => d.Fee, (d, v) => d.Fee = v!.Value),
        DossierColumn.Integer("paid_online", Small, d => (short)d.PaidOnline, (d, v) => d.PaidOnline = (OnlinePayment)(byte)(short)v!),
        DossierColumn.Integer("flags", Regular, d => (int)d.Flags, (d, v) => d.Flags = (DossierTraits)(int)v!),
        DossierColumn.Integer("rating", Small, d => (short)d.Rating, (d, v) => d.Rating = (Satisfaction)(byte)(short)v!),
        DossierColumn.Integer("processing_minutes", Regular, d => d.ProcessingMinutes, (d, v) => d.ProcessingMinutes = (int?)v),
        DossierColumn.Instant("updated_at", d => d.UpdatedAt, (d, v) => d.UpdatedAt = v),
        DossierColumn.Integer("content_hash", Big, d => d.ContentHash, (d, v) => d.ContentHash = v!.Value),
    ];

    public static string List { get; } = string.Join(", ", All.Select(c => c.Name));

    /// <summary>Reads one stored row (columns in <see cref="All"/>'s order) with the provider's instant conversion.</summary>
    public static Dossier Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readInstant)
    {
        var dossier = new Dossier { Code = "", UnitCode = "", ProcedureCode = "" };
        for (var i = 0; i < Columns.Length; i++)
        {
            var column = Columns[i];
            var isNull = reader.IsDBNull(i);
            switch (column.Kind)
            {
                case ColumnKind.Text: column.SetText(dossier, isNull ? null : reader.GetString(i)); break;
                case ColumnKind.SmallInteger: column.SetInteger(dossier, isNull ? null : reader.GetInt16(i)); break;
                case ColumnKind.RegularInteger: column.SetInteger(dossier, isNull ? null : reader.GetInt32(i)); break;
                case ColumnKind.BigInteger: column.SetInteger(dossier, isNull ? null : reader.GetInt64(i)); break;
                default: column.SetInstant(dossier, isNull ? null : readInstant(reader, i)); break;
            }
        }

        return dossier;
    }

    /// <summary>
    /// A 64-bit digest of every stored value but the hash itself: equal digests mean an identical re-send, found
    /// without comparing columns. XXH3 over a binary encoding of the columns (a presence byte, then integers as
    /// 8 little-endian bytes and text as its UTF-8 length and bytes, so no two rows encode alike): the hash only
    /// has to tell versions of one dossier apart, not resist an attacker, and SHA-256 of the columns as text cost
    /// about 9 µs a record, more than reading and validating it (docs/benchmarks.md). Changing this function
    /// changes every stored digest: the first re-send of a stored dossier after an upgrade is accepted once more
    /// (the same row rewritten, rollup deltas zero), then recognised again.
    /// </summary>
    public static long Hash(Dossier dossier)
    {
        var size = 0;
        foreach (var column in Columns)
        {
            size += column.Kind == ColumnKind.Text && column.GetText(dossier) is { } text ? 5 + Encoding.UTF8.GetMaxByteCount(text.Length) : 9;
        }

        byte[]? rented = null;
        var buffer = size <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(size));
        var length = 0;
        foreach (var column in Columns)
        {
            if (column.Name == "content_hash")
            {
                continue;
            }

            if (column.Kind == ColumnKind.Text)
            {
                length += Encode(buffer[length..], column.GetText(dossier));
                continue;
            }

            long? value = column.Kind == ColumnKind.Instant ? column.GetInstant(dossier)?.UtcTicks : column.GetInteger(dossier);
            buffer[length++] = value is null ? (byte)0 : (byte)1;
            if (value is { } n)
            {
                BinaryPrimitives.WriteInt64LittleEndian(buffer[length..], n);
                length += 8;
            }
        }

        var hash = (long)XxHash3.HashToUInt64(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }

    /// <summary>A text value as the hash encodes it: a presence byte, then its UTF-8 length and bytes.</summary>
    private static int Encode(Span<byte> buffer, string? text)
    {
        if (text is null)
        {
            buffer[0] = 0;
            return 1;
        }

        buffer[0] = 1;
        var bytes = Encoding.UTF8.GetBytes(text, buffer[5..]);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[1..], bytes);
        return 5 + bytes;
    }
}

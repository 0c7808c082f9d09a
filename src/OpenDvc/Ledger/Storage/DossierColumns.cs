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

/// <summary>A column of the <c>dossiers</c> table as the raw writers see it: name, type, and how to get and set it.</summary>
public sealed record DossierColumn(string Name, ColumnKind Kind, Func<Dossier, object?> Get, Action<Dossier, object?> Set);

/// <summary>
/// The dossiers table for raw ADO.NET: one list of columns, in one order, shared by both writers, the readers of
/// stored rows and the content hash. Column names match <see cref="DossierConfiguration"/>.
/// </summary>
public static class DossierColumns
{
    public static IReadOnlyList<DossierColumn> All { get; } =
    [
        new("code", ColumnKind.Text, d => d.Code, (d, v) => d.Code = (string)v!),
        new("unit_code", ColumnKind.Text, d => d.UnitCode, (d, v) => d.UnitCode = (string)v!),
        new("procedure_code", ColumnKind.Text, d => d.ProcedureCode, (d, v) => d.ProcedureCode = (string)v!),
        new("agency_code", ColumnKind.Text, d => d.AgencyCode, (d, v) => d.AgencyCode = (string?)v),
        new("original_code", ColumnKind.Text, d => d.OriginalCode, (d, v) => d.OriginalCode = (string?)v),
        new("received_month", ColumnKind.RegularInteger, d => d.ReceivedMonth, (d, v) => d.ReceivedMonth = (int)v!),
        new("channel", ColumnKind.SmallInteger, d => (short)d.Channel, (d, v) => d.Channel = (DossierChannel)(short)v!),
        new("applicant_type", ColumnKind.SmallInteger, d => (short)d.ApplicantType, (d, v) => d.ApplicantType = (ApplicantType)(byte)(short)v!),
        new("status", ColumnKind.SmallInteger, d => d.Status, (d, v) => d.Status = (short)v!),
        new("submitted_at", ColumnKind.Instant, d => d.SubmittedAt, (d, v) => d.SubmittedAt = (DateTimeOffset?)v),
        new("received_at", ColumnKind.Instant, d => d.ReceivedAt, (d, v) => d.ReceivedAt = (DateTimeOffset?)v),
        new("due_at", ColumnKind.Instant, d => d.DueAt, (d, v) => d.DueAt = (DateTimeOffset?)v),
        new("finished_at", ColumnKind.Instant, d => d.FinishedAt, (d, v) => d.FinishedAt = (DateTimeOffset?)v),
        new("returned_at", ColumnKind.Instant, d => d.ReturnedAt, (d, v) => d.ReturnedAt = (DateTimeOffset?)v),
        new("refused_at", ColumnKind.Instant, d => d.RefusedAt, (d, v) => d.RefusedAt = (DateTimeOffset?)v),
        new("clock", ColumnKind.SmallInteger, d => (short)d.Clock, (d, v) => d.Clock = (ClockBucket)(short)v!),
        new("due_date", ColumnKind.RegularInteger, d => d.DueDate, (d, v) => d.DueDate = (int)v!),
        new("supplement_count", ColumnKind.RegularInteger, d => d.SupplementCount, (d, v) => d.SupplementCount = (int)v!),
        new("supplement_minutes", ColumnKind.RegularInteger, d => d.SupplementMinutes, (d, v) => d.SupplementMinutes = (int)v!),
        new("fee", ColumnKind.BigInteger, d => d.Fee, (d, v) => d.Fee = (long)v!),
        new("paid_online", ColumnKind.SmallInteger, d => d.PaidOnline, (d, v) => d.PaidOnline = (short)v!),
        new("flags", ColumnKind.RegularInteger, d => (int)d.Flags, (d, v) => d.Flags = (DossierTraits)(int)v!),
        new("rating", ColumnKind.SmallInteger, d => d.Rating, (d, v) => d.Rating = (short)v!),
        new("processing_minutes", ColumnKind.RegularInteger, d => d.ProcessingMinutes, (d, v) => d.ProcessingMinutes = (int?)v),
        new("updated_at", ColumnKind.Instant, d => d.UpdatedAt, (d, v) => d.UpdatedAt = (DateTimeOffset?)v),
        new("content_hash", ColumnKind.BigInteger, d => d.ContentHash, (d, v) => d.ContentHash = (long)v!),
    ];

    public static string List { get; } = string.Join(", ", All.Select(c => c.Name));

    /// <summary>Reads one stored row (columns in <see cref="All"/>'s order) with the provider's instant conversion.</summary>
    public static Dossier Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readInstant)
    {
        var dossier = new Dossier { Code = "", UnitCode = "", ProcedureCode = "" };
        for (var i = 0; i < All.Count; i++)
        {
            var column = All[i];
            object? value = reader.IsDBNull(i) ? null : column.Kind switch
            {
                ColumnKind.Text => reader.GetString(i),
                ColumnKind.SmallInteger => reader.GetInt16(i),
                ColumnKind.RegularInteger => reader.GetInt32(i),
                ColumnKind.BigInteger => reader.GetInt64(i),
                _ => readInstant(reader, i),
            };
            column.Set(dossier, value);
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
        foreach (var column in All)
        {
            size += column.Kind == ColumnKind.Text && column.Get(dossier) is string text ? 5 + Encoding.UTF8.GetMaxByteCount(text.Length) : 9;
        }

        byte[]? rented = null;
        var buffer = size <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(size));
        var length = 0;
        foreach (var column in All)
        {
            if (column.Name == "content_hash")
            {
                continue;
            }

            var value = column.Get(dossier);
            if (value is null)
            {
                buffer[length++] = 0;
                continue;
            }

            buffer[length++] = 1;
            if (value is string text)
            {
                var bytes = Encoding.UTF8.GetBytes(text, buffer[(length + 4)..]);
                BinaryPrimitives.WriteInt32LittleEndian(buffer[length..], bytes);
                length += 4 + bytes;
                continue;
            }

            BinaryPrimitives.WriteInt64LittleEndian(buffer[length..], value switch
            {
                DateTimeOffset t => t.UtcTicks,
                short n => n,
                int n => n,
                long n => n,
                _ => throw new InvalidOperationException($"unexpected {value.GetType().Name} in column {column.Name}"),
            });
            length += 8;
        }

        var hash = (long)XxHash3.HashToUInt64(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }
}

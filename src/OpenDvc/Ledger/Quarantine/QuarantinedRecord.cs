using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDvc.Ledger.Quarantine;

/// <summary>
/// A record that failed validation (or was refused by the ledger, e.g. another unit's MaHoSo), kept whole as
/// received with every reason, so it can be listed, downloaded, corrected and sent again (docs/sync-contract.md,
/// "Bad input"). The same raw text is kept once, so re-ingesting a file adds nothing.
/// </summary>
public sealed class QuarantinedRecord
{
    /// <summary>
    /// The most characters of a record's raw text kept (docs/security.md, "Limits"): a valid record is far shorter, and a
    /// longer one is kept as its beginning with its length, and its hash over the whole text in <see cref="RawHash"/>.
    /// </summary>
    public const int MaxKeptChars = 16_384;

    public long Id { get; set; }

    /// <summary>Whose record it is: the sending API key's unit, else MaDonVi when readable; null when unknown.</summary>
    public string? UnitCode { get; set; }

    /// <summary>MaHoSo when readable.</summary>
    public string? DossierCode { get; set; }

    /// <summary>Where it came from: a file name, or <c>api:UNIT</c>.</summary>
    public required string Source { get; set; }

    /// <summary>Line (or record number) in the source.</summary>
    public long Line { get; set; }

    /// <summary>The record as received, up to <see cref="MaxKeptChars"/> (<see cref="Kept"/>).</summary>
    public required string RawText { get; set; }

    /// <summary>For a CSV line, its file's header line, without which the line cannot be read again on replay.</summary>
    public string? CsvHeader { get; set; }

    /// <summary>JSON array of <see cref="QuarantineReason"/>.</summary>
    public required string Reasons { get; set; }

    /// <summary>SHA-256 of the raw text, hex; unique, so the same bad record is quarantined once however often it is sent.</summary>
    public required string RawHash { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public QuarantineStatus Status { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>What is kept of a raw text: all of it, or its first <see cref="MaxKeptChars"/> and its length.</summary>
    public static string Kept(string rawText) => rawText.Length <= MaxKeptChars
        ? rawText
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rawText.AsSpan(0, MaxKeptChars)}…[{rawText.Length:N0} characters in all]");
}

/// <summary>
/// How many more records a unit may have kept in quarantine today through its sync keys (docs/security.md): past it,
/// a refused record is answered with <c>QUARANTINE_QUOTA_EXCEEDED</c> and not stored, so a key cannot fill the disk.
/// </summary>
public sealed class QuarantineQuota(long remaining)
{
    public long Remaining { get; private set; } = remaining;

    public bool TryTake()
    {
        if (Remaining <= 0)
        {
            return false;
        }

        Remaining--;
        return true;
    }
}

/// <summary>One reason a record was refused: a stable code and the message in both languages.</summary>
public sealed record QuarantineReason(string Code, string MessageVi, string MessageEn);

public enum QuarantineStatus : short
{
    Open = 1,

    /// <summary>Passed on replay and stored in the ledger.</summary>
    Replayed = 2,

    /// <summary>Closed by a person (e.g. the unit sent a corrected record).</summary>
    Resolved = 3,
}

internal sealed class QuarantinedRecordConfiguration : IEntityTypeConfiguration<QuarantinedRecord>
{
    public void Configure(EntityTypeBuilder<QuarantinedRecord> builder)
    {
        builder.ToTable("quarantined_records");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Id).HasColumnName("id");
        builder.Property(q => q.UnitCode).HasColumnName("unit_code").HasMaxLength(16);
        builder.Property(q => q.DossierCode).HasColumnName("dossier_code").HasMaxLength(64);
        builder.Property(q => q.Source).HasColumnName("source").HasMaxLength(512);
        builder.Property(q => q.Line).HasColumnName("line");
        builder.Property(q => q.RawText).HasColumnName("raw_text");
        builder.Property(q => q.CsvHeader).HasColumnName("csv_header");
        builder.Property(q => q.Reasons).HasColumnName("reasons");
        builder.Property(q => q.RawHash).HasColumnName("raw_hash").HasMaxLength(64);
        builder.Property(q => q.ReceivedAt).HasColumnName("received_at");
        builder.Property(q => q.Status).HasColumnName("status");
        builder.Property(q => q.ClosedAt).HasColumnName("closed_at");
        builder.HasIndex(q => q.RawHash).IsUnique().HasDatabaseName("ux_quarantined_records_raw_hash");
        builder.HasIndex(q => new { q.UnitCode, q.Status, q.Id }).HasDatabaseName("ix_quarantined_records_unit_status");
        builder.HasIndex(q => new { q.Status, q.Id }).HasDatabaseName("ix_quarantined_records_status");
        builder.HasIndex(q => new { q.UnitCode, q.ReceivedAt }).HasDatabaseName("ix_quarantined_records_unit_received");
    }
}

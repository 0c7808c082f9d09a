using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDvc.Ledger.Quality;

/// <summary>
/// The data-quality counters of one unit for one arrival day (Vietnam calendar day the records reached the ledger),
/// collected at ingest batch by batch in the batch's own transaction (issue 4, data-quality scorecard; the measures
/// are defined in docs/data-quality.md). Not recomputable from the dossier table: quarantined records and arrival
/// times are facts of the arrival, so these counters are the record. Written with raw SQL by the ledger writers.
/// </summary>
public sealed class LedgerQualityDay
{
    /// <summary>MaDonVi as sent (a quarantined record's unit may be unknown to the registry).</summary>
    public required string UnitCode { get; set; }

    /// <summary>yyyyMMdd of the arrival day in Vietnam time.</summary>
    public int Day { get; set; }

    /// <summary>Records read that name this unit: accepted + unchanged + stale + quarantined.</summary>
    public long Read { get; set; }

    public long Accepted { get; set; }
    public long Unchanged { get; set; }
    public long Stale { get; set; }
    public long Quarantined { get; set; }

    /// <summary>Quarantined for a date the contract requires for the record's status (RECEIVED_MISSING, FINISHED_MISSING, RETURNED_MISSING, DATES_MISSING).</summary>
    public long MissingDates { get; set; }

    /// <summary>Quarantined for impossible dates (DATE_ORDER: e.g. finished before received; FUTURE_TIMESTAMP), plus accepted dossiers with an absurd processing time.</summary>
    public long ImpossibleDates { get; set; }

    /// <summary>Accepted dossiers whose processing time exceeds <see cref="LedgerQuality.AbsurdProcessing"/> (part of <see cref="ImpossibleDates"/>).</summary>
    public long AbsurdDurations { get; set; }

    /// <summary>Accepted records with a sync lag (those that carry ThoiDiemCapNhat or any event date).</summary>
    public long LagCount { get; set; }

    /// <summary>Sum of the sync lags of <see cref="LagCount"/> records, in seconds (the mean is this ÷ the count).</summary>
    public long LagSeconds { get; set; }

    public long LagOver1Hour { get; set; }
    public long LagOver1Day { get; set; }
    public long LagOver7Days { get; set; }
    public long LagOver30Days { get; set; }

    /// <summary>Adds another row's counters for the same key.</summary>
    public void Add(LedgerQualityDay other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Read += other.Read;
        Accepted += other.Accepted;
        Unchanged += other.Unchanged;
        Stale += other.Stale;
        Quarantined += other.Quarantined;
        MissingDates += other.MissingDates;
        ImpossibleDates += other.ImpossibleDates;
        AbsurdDurations += other.AbsurdDurations;
        LagCount += other.LagCount;
        LagSeconds += other.LagSeconds;
        LagOver1Hour += other.LagOver1Hour;
        LagOver1Day += other.LagOver1Day;
        LagOver7Days += other.LagOver7Days;
        LagOver30Days += other.LagOver30Days;
    }
}

internal sealed class LedgerQualityDayConfiguration : IEntityTypeConfiguration<LedgerQualityDay>
{
    public void Configure(EntityTypeBuilder<LedgerQualityDay> builder)
    {
        builder.ToTable("ledger_quality");
        builder.HasKey(q => new { q.UnitCode, q.Day });
        builder.Property(q => q.UnitCode).HasColumnName("unit_code").HasMaxLength(16);
        builder.Property(q => q.Day).HasColumnName("day");
        foreach (var column in LedgerQuality.Columns)
        {
            builder.Property(column.Property).HasColumnName(column.Name);
        }

        // The admin view reads a period across all units.
        builder.HasIndex(q => q.Day).HasDatabaseName("ix_ledger_quality_day");
    }
}

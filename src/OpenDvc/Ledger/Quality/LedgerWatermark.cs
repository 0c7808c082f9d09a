using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDvc.Ledger.Quality;

/// <summary>
/// When the ledger last committed a batch: the one row of <c>ledger_watermark</c>, written in the batch's own
/// transaction, so every figure can say up to when its data runs ("Số liệu đến 14:05 07/12/2026").
/// </summary>
public sealed class LedgerWatermark
{
    public int Id { get; set; } = 1;

    /// <summary>The last commit, in Unix milliseconds (a plain number, written alike by both writers' SQL).</summary>
    public long CommittedAtMs { get; set; }

    /// <summary>Records written by commits so far (read, whatever their outcome).</summary>
    public long Records { get; set; }

    public DateTimeOffset CommittedAt => DateTimeOffset.FromUnixTimeMilliseconds(CommittedAtMs);

    /// <summary>The last commit, or null for a ledger nothing was ever written to.</summary>
    public static async Task<DateTimeOffset?> LatestAsync(DbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.Set<LedgerWatermark>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == 1, ct);
        return row?.CommittedAt;
    }
}

internal sealed class LedgerWatermarkConfiguration : IEntityTypeConfiguration<LedgerWatermark>
{
    public void Configure(EntityTypeBuilder<LedgerWatermark> builder)
    {
        builder.ToTable("ledger_watermark");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(w => w.CommittedAtMs).HasColumnName("committed_at_ms");
        builder.Property(w => w.Records).HasColumnName("records");
        builder.Ignore(w => w.CommittedAt);
    }
}

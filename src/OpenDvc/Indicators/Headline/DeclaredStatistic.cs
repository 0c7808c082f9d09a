using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDvc.Indicators.Headline;

/// <summary>
/// What only the national portal knows and the ledger cannot count (số liệu kê khai): accounts, uses of utility
/// services, calls to the call centre, sign-ins with VNeID. Declared month by month by the agency, each figure with
/// its source and the date the source gave it; always shown marked as declared, never mixed into dossier figures.
/// </summary>
public sealed class DeclaredStatistic : Platform.Audit.IAudited
{
    /// <summary>yyyyMM.</summary>
    public int Month { get; set; }

    public DeclaredMetric Metric { get; set; }

    public long Value { get; set; }

    /// <summary>Where the figure comes from, e.g. "Cổng Dịch vụ công quốc gia, báo cáo tháng".</summary>
    public required string Source { get; set; }

    /// <summary>The day the source stated it.</summary>
    public DateOnly SourceDate { get; set; }

    public string AuditKey => $"{Month}|{Metric}";
}

/// <summary>The declared series. A stock is read at a period's last month; a flow is summed over its months.</summary>
public enum DeclaredMetric : short
{
    /// <summary>Accounts on the national portal at the month's end (a stock).</summary>
    Accounts = 1,

    /// <summary>Uses of the portal's utility services in the month.</summary>
    UtilityUses = 2,

    /// <summary>Calls answered by the call centre in the month.</summary>
    CallCentreCalls = 3,

    /// <summary>Sign-ins with VNeID in the month.</summary>
    VneidSignIns = 4,
}

public static class DeclaredMetrics
{
    /// <summary>The wire names, as the import file and the API write them.</summary>
    public static readonly IReadOnlyDictionary<string, DeclaredMetric> ByName = new Dictionary<string, DeclaredMetric>(StringComparer.OrdinalIgnoreCase)
    {
        ["accounts"] = DeclaredMetric.Accounts,
        ["utility_uses"] = DeclaredMetric.UtilityUses,
        ["call_centre_calls"] = DeclaredMetric.CallCentreCalls,
        ["vneid_sign_ins"] = DeclaredMetric.VneidSignIns,
    };

    public static string Name(this DeclaredMetric metric) => ByName.First(m => m.Value == metric).Key;

    public static bool IsStock(this DeclaredMetric metric) => metric == DeclaredMetric.Accounts;
}

internal sealed class DeclaredStatisticConfiguration : IEntityTypeConfiguration<DeclaredStatistic>
{
    public void Configure(EntityTypeBuilder<DeclaredStatistic> builder)
    {
        builder.ToTable("declared_statistics");
        builder.HasKey(d => new { d.Month, d.Metric });
        builder.Property(d => d.Month).HasColumnName("month");
        builder.Property(d => d.Metric).HasColumnName("metric").HasConversion<short>();
        builder.Property(d => d.Value).HasColumnName("value");
        builder.Property(d => d.Source).HasColumnName("source").HasMaxLength(256);
        builder.Property(d => d.SourceDate).HasColumnName("source_date");
        builder.Ignore(d => d.AuditKey);
    }
}

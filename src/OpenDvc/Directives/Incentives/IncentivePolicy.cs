using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;
using OpenDvc.Registry.Units;

namespace OpenDvc.Directives.Incentives;

/// <summary>
/// An incentive policy (chính sách khuyến khích sử dụng dịch vụ công trực tuyến): what a unit gives people and
/// businesses who use its online public services, from when (and until when), under which legal document. The
/// agency's letters ask units to adopt such policies and quote the list ("8 tỉnh, thành phố và Sở Khoa học và Công
/// nghệ thành phố Đà Nẵng", 2023); docs/directives.md, "Incentive policies".
/// </summary>
public sealed class IncentivePolicy : IAudited
{
    public int Id { get; set; }
    public required string UnitCode { get; set; }
    public IncentiveKind Kind { get; set; }

    /// <summary>The reduction or gain in per cent (e.g. 50 for "giảm 50% lệ phí"), when the policy states one.</summary>
    public int? Percent { get; set; }

    /// <summary>What the policy gives, in words, when a percentage does not say it all.</summary>
    public string? Description { get; set; }

    /// <summary>First day in force (hiệu lực từ ngày).</summary>
    public DateOnly Since { get; set; }

    /// <summary>Last day in force; null while the policy has no end.</summary>
    public DateOnly? Until { get; set; }

    /// <summary>Số hiệu văn bản, e.g. <c>12/2022/NQ-HĐND</c>.</summary>
    public required string DocumentNumber { get; set; }
    public DateOnly DocumentDate { get; set; }

    /// <summary>Cơ quan ban hành, e.g. "HĐND tỉnh Quảng Ninh" or "Sở Khoa học và Công nghệ thành phố Đà Nẵng".</summary>
    public required string DocumentIssuer { get; set; }

    /// <summary>Whether the unit itself issued it, or one of its agencies (a department of a province).</summary>
    public IncentiveIssuer IssuedBy { get; set; } = IncentiveIssuer.TheUnit;

    /// <summary>Where the document can be read (an http or https address).</summary>
    public string? Link { get; set; }

    public string? Note { get; set; }

    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsInForceOn(DateOnly day) => Since <= day && (Until is null || day <= Until);

    string? IAudited.AuditUnitCode => UnitCode;
}

/// <summary>What a policy gives.</summary>
public enum IncentiveKind
{
    /// <summary>Giảm phí, lệ phí.</summary>
    FeeReduction = 1,

    /// <summary>Rút ngắn thời gian giải quyết.</summary>
    FasterProcessing = 2,

    Other = 3,
}

/// <summary>Who issued the document: the unit (its People's Council or Committee, the ministry) or one of its agencies.</summary>
public enum IncentiveIssuer
{
    TheUnit = 1,
    UnitAgency = 2,
}

internal sealed class IncentivePolicyConfiguration : IEntityTypeConfiguration<IncentivePolicy>
{
    public void Configure(EntityTypeBuilder<IncentivePolicy> builder)
    {
        builder.ToTable("incentive_policies");
        builder.Property(p => p.UnitCode).HasMaxLength(16);
        builder.Property(p => p.Description).HasMaxLength(1000);
        builder.Property(p => p.DocumentNumber).HasMaxLength(64);
        builder.Property(p => p.DocumentIssuer).HasMaxLength(256);
        builder.Property(p => p.Link).HasMaxLength(512);
        builder.Property(p => p.Note).HasMaxLength(1000);
        builder.Property(p => p.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(p => new { p.UnitCode, p.Since });
        builder.HasIndex(p => new { p.Since, p.Until });
        builder.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}

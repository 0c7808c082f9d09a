using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;

namespace OpenDvc.Registry.Units.Timeline;

/// <summary>
/// What a unit code names from one day to the next: its name, kind, region and focal point. A code's versions
/// follow each other without gaps; a new version closes the one before it the day before it starts. A code may name
/// two different units over time (15 was Yên Bái, from 1/7/2025 it is Lào Cai: Resolution 202/2025/QH15).
/// </summary>
public sealed class UnitVersion : IAudited
{
    public required string Code { get; set; }
    public DateOnly ValidFrom { get; set; }

    /// <summary>The last day of the version; null while nothing follows it.</summary>
    public DateOnly? ValidTo { get; set; }
    public UnitKind Kind { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
    public string? Region { get; set; }

    /// <summary>The focal point (đầu mối) agency of this version.</summary>
    public string? FocalPointAgency { get; set; }

    /// <summary>What else changed, in words (e.g. "was Tỉnh Yên Bái until 2025-06-30").</summary>
    public string? Note { get; set; }

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day <= ValidTo);

    string? IAudited.AuditUnitCode => Code;
}

/// <summary>
/// A unit taking over another's work from a day: all of it (a merger: the predecessor's code ends the day before and
/// this is its successor) or some functions (the predecessor may go on, or end into another unit).
/// </summary>
public sealed class UnitSuccession : IAudited
{
    public required string PredecessorCode { get; set; }
    public required string SuccessorCode { get; set; }

    /// <summary>The first day the successor does the work.</summary>
    public DateOnly Day { get; set; }
    public SuccessionKind Kind { get; set; }
    public string? Note { get; set; }

    string? IAudited.AuditUnitCode => SuccessorCode;
}

public enum SuccessionKind
{
    /// <summary>The predecessor ends and the successor takes all of it (sáp nhập, hợp nhất).</summary>
    Merger = 1,

    /// <summary>Some of the predecessor's functions move to the successor (chuyển giao chức năng).</summary>
    Functions = 2,
}

internal sealed class UnitVersionConfiguration : IEntityTypeConfiguration<UnitVersion>
{
    public void Configure(EntityTypeBuilder<UnitVersion> builder)
    {
        builder.ToTable("unit_versions");
        builder.HasKey(v => new { v.Code, v.ValidFrom });
        builder.Property(v => v.Code).HasMaxLength(16);
        builder.Property(v => v.Name).HasMaxLength(256);
        builder.Property(v => v.ShortName).HasMaxLength(128);
        builder.Property(v => v.Region).HasMaxLength(128);
        builder.Property(v => v.FocalPointAgency).HasMaxLength(256);
        builder.Property(v => v.Note).HasMaxLength(512);
        builder.HasOne<Unit>().WithMany().HasForeignKey(v => v.Code).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.ValidFrom, v.ValidTo });
    }
}

internal sealed class UnitSuccessionConfiguration : IEntityTypeConfiguration<UnitSuccession>
{
    public void Configure(EntityTypeBuilder<UnitSuccession> builder)
    {
        builder.ToTable("unit_successions");
        builder.HasKey(s => new { s.PredecessorCode, s.SuccessorCode });
        builder.Property(s => s.PredecessorCode).HasMaxLength(16);
        builder.Property(s => s.SuccessorCode).HasMaxLength(16);
        builder.Property(s => s.Note).HasMaxLength(512);
        builder.HasOne<Unit>().WithMany().HasForeignKey(s => s.PredecessorCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(s => s.SuccessorCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.SuccessorCode);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Audit;

namespace OpenDvc.Registry.Units;

/// <summary>
/// A unit (đơn vị): a ministry, ministry-level agency, Vietnam Social Security, or a province or centrally-run
/// city. Units carry validity dates and a successor so that the 2025 mergers are data, not code.
/// </summary>
public sealed class Unit : IAudited
{
    public required string Code { get; set; }
    public UnitKind Kind { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
    public string? Region { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? SuccessorCode { get; set; }

    /// <summary>The focal point (đầu mối): the unit's IT agency or Department of Information and Communications.</summary>
    public string? FocalPointAgency { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }

    public bool IsProvince => Kind is UnitKind.Province or UnitKind.City;

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day <= ValidTo);

    string? IAudited.AuditUnitCode => Code;
}

public enum UnitKind
{
    Ministry = 1,
    MinistryLevel = 2,
    GovernmentAgency = 3,
    Province = 4,
    City = 5,
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("units");
        builder.HasKey(u => u.Code);
        builder.Property(u => u.Code).HasMaxLength(16);
        builder.Property(u => u.Name).HasMaxLength(256);
        builder.Property(u => u.ShortName).HasMaxLength(128);
        builder.Property(u => u.Region).HasMaxLength(128);
        builder.Property(u => u.SuccessorCode).HasMaxLength(16);
        builder.Property(u => u.FocalPointAgency).HasMaxLength(256);
        builder.Property(u => u.ContactName).HasMaxLength(128);
        builder.Property(u => u.ContactEmail).HasMaxLength(256);
        builder.Property(u => u.ContactPhone).HasMaxLength(32);
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.SuccessorCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.Kind, u.Code });

        // A focal point's unit must exist; declared here because Accounts comes before Registry.
        builder.HasMany<User>().WithOne().HasForeignKey(u => u.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}

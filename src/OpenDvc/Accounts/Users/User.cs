using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;

namespace OpenDvc.Accounts.Users;

/// <summary>A person who signs in: agency staff, or a unit's focal point bound to exactly one unit.</summary>
public sealed class User : IdentityUser, IAudited
{
    public string DisplayName { get; set; } = "";

    /// <summary>The unit a focal point (or a reviewing expert from a ministry or province) belongs to; null for the central agency's staff.</summary>
    public string? UnitCode { get; set; }

    string? IAudited.AuditUnitCode => UnitCode;

    string? IAudited.AuditKey => UserName;
}

/// <summary>The roles of OpenDVC. A focal point must have a unit; the others see every unit.</summary>
public static class Roles
{
    /// <summary>The central agency's administrators.</summary>
    public const string Admin = "admin";

    /// <summary>The central agency's reviewers and appraisal experts; an expert may belong to a unit (conflict of interest).</summary>
    public const string Reviewer = "reviewer";

    /// <summary>A unit's focal point (đầu mối): reads and edits only its own unit's data.</summary>
    public const string FocalPoint = "focal_point";

    /// <summary>Read-only access to every unit's figures.</summary>
    public const string Viewer = "viewer";

    public static readonly string[] All = [Admin, Reviewer, FocalPoint, Viewer];
}

// The Identity tables, configured here rather than by inheriting IdentityDbContext, so the one
// DbContext in Platform does not depend on Accounts.
internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.HasKey(u => u.Id);
        b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("UserNameIndex").IsUnique();
        b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex");
        b.HasIndex(u => u.UnitCode);
        b.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        b.Property(u => u.UserName).HasMaxLength(256);
        b.Property(u => u.NormalizedUserName).HasMaxLength(256);
        b.Property(u => u.Email).HasMaxLength(256);
        b.Property(u => u.NormalizedEmail).HasMaxLength(256);
        b.Property(u => u.DisplayName).HasMaxLength(128);
        b.Property(u => u.UnitCode).HasMaxLength(16);
        b.HasMany<IdentityUserClaim<string>>().WithOne().HasForeignKey(uc => uc.UserId).IsRequired();
        b.HasMany<IdentityUserLogin<string>>().WithOne().HasForeignKey(ul => ul.UserId).IsRequired();
        b.HasMany<IdentityUserToken<string>>().WithOne().HasForeignKey(ut => ut.UserId).IsRequired();
        b.HasMany<IdentityUserRole<string>>().WithOne().HasForeignKey(ur => ur.UserId).IsRequired();
    }
}

internal sealed class IdentityTablesConfiguration :
    IEntityTypeConfiguration<IdentityRole>,
    IEntityTypeConfiguration<IdentityUserRole<string>>,
    IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityUserLogin<string>>,
    IEntityTypeConfiguration<IdentityUserToken<string>>,
    IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityRole> b)
    {
        b.ToTable("roles");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.NormalizedName).HasDatabaseName("RoleNameIndex").IsUnique();
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.Property(r => r.Name).HasMaxLength(256);
        b.Property(r => r.NormalizedName).HasMaxLength(256);
        b.HasMany<IdentityUserRole<string>>().WithOne().HasForeignKey(ur => ur.RoleId).IsRequired();
        b.HasMany<IdentityRoleClaim<string>>().WithOne().HasForeignKey(rc => rc.RoleId).IsRequired();
    }

    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> b)
    {
        b.ToTable("user_roles");
        b.HasKey(r => new { r.UserId, r.RoleId });
    }

    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> b)
    {
        b.ToTable("user_claims");
        b.HasKey(c => c.Id);
    }

    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> b)
    {
        b.ToTable("user_logins");
        b.HasKey(l => new { l.LoginProvider, l.ProviderKey });
        b.Property(l => l.LoginProvider).HasMaxLength(128);
        b.Property(l => l.ProviderKey).HasMaxLength(128);
    }

    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> b)
    {
        b.ToTable("user_tokens");
        b.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
        b.Property(t => t.LoginProvider).HasMaxLength(128);
        b.Property(t => t.Name).HasMaxLength(128);
    }

    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> b)
    {
        b.ToTable("role_claims");
        b.HasKey(rc => rc.Id);
    }
}

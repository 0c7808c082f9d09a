using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;

namespace OpenDvc.Accounts.ApiKeys;

/// <summary>
/// A sync API key issued to one unit's one-stop system. Only a SHA-256 hash of the secret is stored; the key
/// itself is shown once, when issued. The public prefix finds the row without scanning.
/// </summary>
public sealed class ApiKey : IAudited
{
    public int Id { get; set; }
    public required string UnitCode { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    string? IAudited.AuditUnitCode => UnitCode;

    /// <summary>Makes a new key: <c>odvc_PREFIX_SECRET</c>. Returns the entity and the one-time plain key.</summary>
    public static (ApiKey Key, string PlainText) Issue(string unitCode, string name, string createdBy, DateTimeOffset now)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            UnitCode = unitCode,
            Name = name,
            Prefix = prefix,
            SecretHash = Hash(secret),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        return (key, $"odvc_{prefix}_{secret}");
    }

    /// <summary>Splits a presented key into its prefix and secret; false when it is not of our shape.</summary>
    public static bool TryParse(string presented, out string prefix, out string secret)
    {
        prefix = secret = "";
        var parts = presented.Trim().Split('_', 3);
        if (parts.Length != 3 || parts[0] != "odvc" || parts[1].Length != 10 || parts[2].Length < 20)
        {
            return false;
        }

        (prefix, secret) = (parts[1], parts[2]);
        return true;
    }

    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    // The secret is 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.UnitCode).HasMaxLength(16);
        builder.Property(k => k.Name).HasMaxLength(128);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasIndex(k => k.UnitCode);
    }
}

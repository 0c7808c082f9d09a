using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Awards.Nominations;
using OpenDvc.Platform.Audit;

namespace OpenDvc.Awards.Appraisal;

/// <summary>
/// One reviewer's appraisal (đánh giá, thẩm định) of one nomination: assigned by an admin, scored on the
/// campaign's rubric with a comment. Every change of a score is audited.
/// </summary>
public sealed class Review : IAudited
{
    public int Id { get; set; }
    public int NominationId { get; set; }
    public required string ReviewerUserName { get; set; }

    /// <summary>The scores by criterion code, as JSON; null until scored.</summary>
    public string? Scores { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }

    public IReadOnlyDictionary<string, int> ScoreMap() =>
        Scores is null ? new Dictionary<string, int>() : JsonSerializer.Deserialize<Dictionary<string, int>>(Scores) ?? [];
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("award_reviews");
        builder.Property(r => r.ReviewerUserName).HasMaxLength(256);
        builder.Property(r => r.Scores).HasMaxLength(4000);
        builder.Property(r => r.Comment).HasMaxLength(4000);
        builder.HasOne<Nomination>().WithMany().HasForeignKey(r => r.NominationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.NominationId, r.ReviewerUserName }).IsUnique();
        builder.HasIndex(r => new { r.ReviewerUserName, r.NominationId });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDvc.Indicators.Editions;

/// <summary>
/// A published, dated and immutable edition of the rankings (issue 4): the rows as computed when an admin published
/// them, with the definition versions used, so the public reads figures that do not move as late dossiers arrive.
/// Nothing updates or deletes an edition; a correction is a new edition. Publishing is audited.
/// </summary>
public sealed class RankingEdition : Platform.Audit.IAudited
{
    public int Id { get; set; }

    /// <summary>The period as written by <see cref="Calculation.Period.ToString"/>.</summary>
    public required string Period { get; set; }

    public Calculation.AudienceFilter Audience { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public required string PublishedBy { get; set; }

    /// <summary>"2.1 v1, 2.2 v1, …": the definitions in force for the period when it was published.</summary>
    public required string DefinitionVersions { get; set; }

    /// <summary>The ranking rows (<see cref="Rankings.RankingRow"/>) as JSON, written once.</summary>
    public required string Rows { get; set; }
}

internal sealed class RankingEditionConfiguration : IEntityTypeConfiguration<RankingEdition>
{
    public void Configure(EntityTypeBuilder<RankingEdition> builder)
    {
        builder.ToTable("ranking_editions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Period).HasMaxLength(32);
        builder.Property(e => e.PublishedBy).HasMaxLength(256);
        builder.Property(e => e.DefinitionVersions).HasMaxLength(1024);
        builder.HasIndex(e => new { e.Period, e.PublishedAt });
    }
}

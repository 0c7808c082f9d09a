using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDvc.Indicators.Definitions;

/// <summary>
/// One version of an indicator (chỉ số): its code, names, the formula it computes (<see cref="FormulaKey"/>, one of
/// <see cref="Formulas"/>), its target T and maximum score, and the text it comes from. Definitions are data so that
/// the 2022 text of Decision 766/QĐ-TTg, later revisions and the programme's own targets stand side by side
/// (docs/domain.md, Indicators); a period uses the latest version in force on its last day.
/// </summary>
public sealed class IndicatorDefinition
{
    public int Id { get; set; }

    /// <summary>The code as the source numbers it ("2.1", "3.3") or a programme code ("FP").</summary>
    public required string Code { get; set; }

    public int Version { get; set; }

    public required string NameVi { get; set; }
    public required string NameEn { get; set; }

    /// <summary>What is computed: a key of <see cref="Formulas"/>.</summary>
    public required string FormulaKey { get; set; }

    /// <summary>Target ratio T (0–1); null when the source sets none (the score then reaches its maximum only at 100 %).</summary>
    public decimal? Target { get; set; }

    /// <summary>Points in the index of Decision 766; 0 for indicators that are shown but not scored.</summary>
    public decimal MaxScore { get; set; }

    /// <summary>Whether the indicator is one of Decision 766's index (the 100 points), as opposed to a programme figure.</summary>
    public bool InIndex { get; set; }

    /// <summary>Where the definition comes from, quoted for the methodology page.</summary>
    public required string Source { get; set; }

    /// <summary>First day this version is in force.</summary>
    public DateOnly EffectiveFrom { get; set; }

    public int DisplayOrder { get; set; }
}

internal sealed class IndicatorDefinitionConfiguration : IEntityTypeConfiguration<IndicatorDefinition>
{
    public void Configure(EntityTypeBuilder<IndicatorDefinition> builder)
    {
        builder.ToTable("indicator_definitions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Code).HasMaxLength(16);
        builder.Property(d => d.NameVi).HasMaxLength(256);
        builder.Property(d => d.NameEn).HasMaxLength(256);
        builder.Property(d => d.FormulaKey).HasMaxLength(64);
        builder.Property(d => d.Target).HasPrecision(9, 4);
        builder.Property(d => d.MaxScore).HasPrecision(9, 4);
        builder.Property(d => d.Source).HasMaxLength(1024);
        builder.HasIndex(d => new { d.Code, d.Version }).IsUnique();
    }
}

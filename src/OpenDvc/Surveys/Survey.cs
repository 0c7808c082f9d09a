using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;
using OpenDvc.Registry.Units;

namespace OpenDvc.Surveys;

/// <summary>
/// A survey (khảo sát): one quarterly round of a questionnaire, sent either to the units (each focal point answers
/// once for its unit) or to the public (through an anonymous link). Rounds of the same <see cref="Series"/> are
/// compared quarter on quarter by their questions' codes.
/// </summary>
public sealed class Survey : IAudited
{
    public int Id { get; set; }

    /// <summary>What stays the same from quarter to quarter, e.g. <c>obstacles</c>.</summary>
    public required string Series { get; set; }

    /// <summary>The quarter surveyed, <c>yyyy-Qn</c> (sorts as text).</summary>
    public required string Quarter { get; set; }
    public required string TitleVi { get; set; }
    public required string TitleEn { get; set; }
    public SurveyAudience Audience { get; set; }
    public SurveyState State { get; set; } = SurveyState.Draft;

    /// <summary>First and last day (Vietnam time) on which answers are taken, once opened.</summary>
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }

    /// <summary>For a public survey: the unguessable part of its link (<c>/surveys/answer/{key}</c>).</summary>
    public string? PublicKey { get; set; }

    public List<SurveyQuestion> Questions { get; set; } = [];

    public bool TakesAnswersOn(DateOnly day) => State == SurveyState.Open && OpensOn <= day && day <= ClosesOn;

    /// <summary>The units asked: every unit valid on the first day.</summary>
    public bool AsksUnit(Unit unit) => Audience == SurveyAudience.Units && unit.IsValidOn(OpensOn);
}

public enum SurveyAudience
{
    /// <summary>Each unit's focal point answers once for the unit.</summary>
    Units = 1,

    /// <summary>Anyone with the link, one answer per token.</summary>
    Public = 2,
}

public enum SurveyState
{
    Draft = 1,
    Open = 2,
    Closed = 3,
}

public enum QuestionKind
{
    SingleChoice = 1,
    MultipleChoice = 2,

    /// <summary>A whole number from 1 to 5.</summary>
    Scale = 3,
    Number = 4,
    Text = 5,
}

/// <summary>One question of a survey, worded in both languages.</summary>
public sealed class SurveyQuestion : IAudited
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public int Position { get; set; }

    /// <summary>Stable across rounds of a series: what quarter-on-quarter comparison matches on.</summary>
    public required string Code { get; set; }
    public QuestionKind Kind { get; set; }
    public bool Required { get; set; }
    public required string TextVi { get; set; }
    public required string TextEn { get; set; }

    /// <summary>
    /// Why the question asks for personal data (an e-mail to reply to, say), shown beside it; null when it asks for
    /// none. Nothing personal is kept about who answers unless such a question asks for it.
    /// </summary>
    public string? PersonalDataPurpose { get; set; }

    public List<SurveyOption> Options { get; set; } = [];

    public bool HasOptions => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
}

/// <summary>A choice of a single or multiple choice question.</summary>
public sealed class SurveyOption : IAudited
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public int Position { get; set; }
    public required string Code { get; set; }
    public required string TextVi { get; set; }
    public required string TextEn { get; set; }
}

/// <summary>
/// One answer sheet: a unit's (one per unit, a draft until submitted) or a member of the public's (submitted at once,
/// one per token, of which only a hash is kept). The answers are JSON, keyed by question code.
/// </summary>
public sealed class SurveyResponse : IAudited
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public string? UnitCode { get; set; }

    /// <summary>SHA-256 of a public answerer's token: only its uniqueness matters.</summary>
    public string? TokenHash { get; set; }
    public bool Submitted { get; set; }
    public required string Answers { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    string? IAudited.AuditUnitCode => UnitCode;
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("surveys");
        builder.Property(s => s.Series).HasMaxLength(64);
        builder.Property(s => s.Quarter).HasMaxLength(7);
        builder.Property(s => s.TitleVi).HasMaxLength(512);
        builder.Property(s => s.TitleEn).HasMaxLength(512);
        builder.Property(s => s.PublicKey).HasMaxLength(64);
        builder.HasIndex(s => s.PublicKey).IsUnique();
        builder.HasIndex(s => new { s.Series, s.Quarter });
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> builder)
    {
        builder.ToTable("survey_questions");
        builder.Property(q => q.Code).HasMaxLength(64);
        builder.Property(q => q.TextVi).HasMaxLength(1000);
        builder.Property(q => q.TextEn).HasMaxLength(1000);
        builder.Property(q => q.PersonalDataPurpose).HasMaxLength(1000);
        builder.HasIndex(q => new { q.SurveyId, q.Code }).IsUnique();
        builder.HasMany(q => q.Options).WithOne().HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyOptionConfiguration : IEntityTypeConfiguration<SurveyOption>
{
    public void Configure(EntityTypeBuilder<SurveyOption> builder)
    {
        builder.ToTable("survey_options");
        builder.Property(o => o.Code).HasMaxLength(64);
        builder.Property(o => o.TextVi).HasMaxLength(512);
        builder.Property(o => o.TextEn).HasMaxLength(512);
        builder.HasIndex(o => new { o.QuestionId, o.Code }).IsUnique();
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("survey_responses");
        builder.Property(r => r.UnitCode).HasMaxLength(16);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.Property(r => r.UpdatedBy).HasMaxLength(256);

        // The database, not only the code, keeps one sheet per unit and one per token (two tabs, two servers).
        builder.HasIndex(r => new { r.SurveyId, r.UnitCode }).IsUnique();
        builder.HasIndex(r => new { r.SurveyId, r.TokenHash }).IsUnique();
        builder.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}

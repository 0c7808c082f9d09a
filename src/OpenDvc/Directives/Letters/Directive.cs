using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Files;
using OpenDvc.Registry.Units;

namespace OpenDvc.Directives.Letters;

/// <summary>
/// A directive (văn bản chỉ đạo): a letter of the central agency, e.g. 2664/BTTTT-THH, asking its recipients for
/// deliverables by a date. Drafts are seen by staff only; a published directive is public.
/// </summary>
public sealed class Directive : IAudited
{
    public int Id { get; set; }

    /// <summary>Số hiệu văn bản, e.g. <c>2664/BTTTT-THH</c>.</summary>
    public required string Number { get; set; }
    public DateOnly Date { get; set; }
    public required string Subject { get; set; }
    public required string Signer { get; set; }
    public RecipientScope Recipients { get; set; }
    public bool Published { get; set; }

    /// <summary>The signed letter as a PDF (a <see cref="StoredFile"/>), when uploaded.</summary>
    public int? LetterFileId { get; set; }

    public List<DirectiveRecipient> ChosenUnits { get; set; } = [];

    public List<Deliverable> Deliverables { get; set; } = [];

    /// <summary>Recurring deliverables: each period becomes one of <see cref="Deliverables"/> by itself.</summary>
    public List<DeliverableSeries> Series { get; set; } = [];

    /// <summary>What the letter requires of the units' action plans (issue 18: plans are checked against the letter).</summary>
    public List<LetterTarget> Targets { get; set; } = [];

    /// <summary>The units the letter is addressed to: those valid on its date, by its scope.</summary>
    public bool IsAddressedTo(Unit unit) =>
        unit.IsValidOn(Date) && Recipients switch
        {
            RecipientScope.AllUnits => true,
            RecipientScope.AllMinistries => !unit.IsProvince,
            RecipientScope.AllProvinces => unit.IsProvince,
            _ => ChosenUnits.Any(c => c.UnitCode == unit.Code),
        };
}

/// <summary>Kính gửi: to whom the letter goes.</summary>
public enum RecipientScope
{
    AllUnits = 1,
    AllMinistries = 2,
    AllProvinces = 3,
    ChosenUnits = 4,
}

/// <summary>A unit a directive with <see cref="RecipientScope.ChosenUnits"/> is addressed to.</summary>
public sealed class DirectiveRecipient : IAudited
{
    public int DirectiveId { get; set; }
    public required string UnitCode { get; set; }

    string? IAudited.AuditUnitCode => UnitCode;
}

/// <summary>
/// A deliverable (nội dung yêu cầu): what a directive asks each recipient to send, of one kind, by a due date.
/// </summary>
public sealed class Deliverable : IAudited
{
    public int Id { get; set; }
    public int DirectiveId { get; set; }
    public Directive? Directive { get; set; }
    public DeliverableKind Kind { get; set; }
    public required string Title { get; set; }
    public DateOnly DueDate { get; set; }
    public string? Instructions { get; set; }

    /// <summary>For a monthly report: the first day of the month reported on; for a portal self-assessment, of the quarter's first month.</summary>
    public DateOnly? ReportMonth { get; set; }

    /// <summary>
    /// For <see cref="DeliverableKind.AwardNominations"/>: the award campaign whose nominations answer it (letter 3179 asks
    /// each unit for its nominations by the campaign's deadline), read through <see cref="Compliance.IBoundAnswers"/>.
    /// </summary>
    public int? CampaignId { get; set; }

    /// <summary>
    /// For <see cref="DeliverableKind.SurveyAnswers"/>: the survey (sent to the units) whose answers answer it, read through
    /// <see cref="Compliance.IBoundAnswers"/>; due by the deliverable's own due date and extensions.
    /// </summary>
    public int? SurveyId { get; set; }

    /// <summary>What the deliverable is answered by outside Directives, when its kind is answered there.</summary>
    public (Compliance.AnswerSource Source, int Id)? AnsweredIn => Kind switch
    {
        DeliverableKind.AwardNominations when CampaignId is { } campaign => (Compliance.AnswerSource.AwardCampaign, campaign),
        DeliverableKind.SurveyAnswers when SurveyId is { } survey => (Compliance.AnswerSource.Survey, survey),
        DeliverableKind.PortalSelfAssessment when ReportMonth is { } month => (Compliance.AnswerSource.PortalQuarter, (month.Year * 10) + ((month.Month - 1) / 3) + 1),
        _ => null,
    };

    /// <summary>Answered outside Directives (in a campaign, a survey): no draft, file or version is sent here.</summary>
    public bool IsAnsweredElsewhere => Kind is DeliverableKind.AwardNominations or DeliverableKind.SurveyAnswers or DeliverableKind.PortalSelfAssessment;

    /// <summary>
    /// The units the deliverable concerns among those that owe it, e.g. only those providing online services, as
    /// letter 2664's annex lists them: the matrix, the "not yet submitted" list and the reminders see no other.
    /// </summary>
    public DeliverableScope Scope { get; set; }

    /// <summary>With <see cref="DeliverableScope.ChosenUnits"/>: the units' codes (an ended one stands for its successor).</summary>
    public List<string>? ScopeUnits { get; set; }

    /// <summary>The recurring deliverable this one is a period of (its period in <see cref="ReportMonth"/>), if any.</summary>
    public int? SeriesId { get; set; }
}

/// <summary>Which of the letter's recipients a deliverable concerns.</summary>
public enum DeliverableScope
{
    /// <summary>Every recipient (in force on the due date): the default.</summary>
    AllRecipients = 0,
    Ministries = 1,
    Provinces = 2,

    /// <summary>Units that provide at least one online service on the due date.</summary>
    WithOnlineServices = 3,
    ChosenUnits = 4,
}

public enum DeliverableKind
{
    /// <summary>Danh mục TTHC đủ điều kiện toàn trình / một phần, with reasons for the others.</summary>
    ProcedureCatalog = 1,

    /// <summary>Kế hoạch hành động: targets per indicator by month, with the person responsible.</summary>
    ActionPlan = 2,

    /// <summary>Báo cáo tháng: the unit's own totals and narrative.</summary>
    MonthlyReport = 3,

    /// <summary>Chính sách khuyến khích: fee cuts and faster processing for online dossiers.</summary>
    IncentivePolicy = 4,

    /// <summary>Any other document: a file with a note.</summary>
    Document = 5,

    /// <summary>Đề xuất DVCTT tiêu biểu: answered by nominating in an award campaign (or declaring none), not by a file.</summary>
    AwardNominations = 6,

    /// <summary>Trả lời khảo sát: answered by sending the unit's answers to a survey, not by a file.</summary>
    SurveyAnswers = 7,

    /// <summary>
    /// Tự đánh giá cổng DVC: answered by submitting the portal checklist's self-assessment of the quarter in
    /// <see cref="Deliverable.ReportMonth"/> (its first month), not by a file.
    /// </summary>
    PortalSelfAssessment = 8,
}

/// <summary>A later due date granted to one unit for one deliverable (gia hạn).</summary>
public sealed class DeadlineExtension : IAudited
{
    public int Id { get; set; }
    public int DeliverableId { get; set; }
    public required string UnitCode { get; set; }
    public DateOnly DueDate { get; set; }
    public required string Reason { get; set; }
    public required string GrantedBy { get; set; }
    public DateTimeOffset GrantedAt { get; set; }

    string? IAudited.AuditUnitCode => UnitCode;
}

internal sealed class DirectiveConfiguration : IEntityTypeConfiguration<Directive>
{
    public void Configure(EntityTypeBuilder<Directive> builder)
    {
        builder.ToTable("directives");
        builder.Property(d => d.Number).HasMaxLength(64);
        builder.Property(d => d.Subject).HasMaxLength(512);
        builder.Property(d => d.Signer).HasMaxLength(128);
        builder.HasIndex(d => d.Number).IsUnique();
        builder.HasIndex(d => new { d.Published, d.Date });
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(d => d.LetterFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.ChosenUnits).WithOne().HasForeignKey(r => r.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Targets).WithOne().HasForeignKey(t => t.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Deliverables).WithOne(d => d.Directive).HasForeignKey(d => d.DirectiveId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DirectiveRecipientConfiguration : IEntityTypeConfiguration<DirectiveRecipient>
{
    public void Configure(EntityTypeBuilder<DirectiveRecipient> builder)
    {
        builder.ToTable("directive_recipients");
        builder.HasKey(r => new { r.DirectiveId, r.UnitCode });
        builder.Property(r => r.UnitCode).HasMaxLength(16);
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeliverableConfiguration : IEntityTypeConfiguration<Deliverable>
{
    public void Configure(EntityTypeBuilder<Deliverable> builder)
    {
        builder.ToTable("deliverables");
        builder.Property(d => d.Title).HasMaxLength(512);
        builder.Property(d => d.Instructions).HasMaxLength(4000);
        builder.HasIndex(d => new { d.DirectiveId, d.DueDate });
        builder.HasIndex(d => d.DueDate);

        // One deliverable per period of a series, even when two requests make it at once.
        builder.HasIndex(d => new { d.SeriesId, d.ReportMonth }).IsUnique();
        builder.HasOne<DeliverableSeries>().WithMany().HasForeignKey(d => d.SeriesId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeadlineExtensionConfiguration : IEntityTypeConfiguration<DeadlineExtension>
{
    public void Configure(EntityTypeBuilder<DeadlineExtension> builder)
    {
        builder.ToTable("deadline_extensions");
        builder.Property(e => e.UnitCode).HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.Property(e => e.GrantedBy).HasMaxLength(256);
        builder.HasIndex(e => new { e.DeliverableId, e.UnitCode }).IsUnique();
        builder.HasOne<Deliverable>().WithMany().HasForeignKey(e => e.DeliverableId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(e => e.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}

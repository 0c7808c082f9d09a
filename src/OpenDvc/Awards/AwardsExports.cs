using OpenDvc.Awards.Appraisal;
using OpenDvc.Awards.Nominations;
using OpenDvc.Awards.Results;
using OpenDvc.Platform.Tables;

namespace OpenDvc.Awards;

/// <summary>The layouts of the awards' CSV and Excel exports: nominations, review scores and the ranking.</summary>
public static class AwardsExports
{
    public static readonly IReadOnlyList<ExportColumn<NominationView>> Nominations =
    [
        new("id", n => n.Id),
        new("campaign", n => n.CampaignId),
        new("unit", n => n.UnitCode),
        new("procedure", n => n.ProcedureCode),
        new("procedure_name", n => n.ProcedureName),
        new("category", n => n.Category),
        new("status", n => n.Status),
        new("submitted_at", n => n.SubmittedAt),
        new("eligible", n => n.Verdict?.Eligible),
        new("online_dossiers", n => n.Evidence?.OnlineDossiers),
        new("ratings", n => n.Evidence?.Rated),
        new("satisfaction", n => n.Evidence?.Satisfaction is { } s ? Math.Round(s, 4) : null),
        new("on_time_rate", n => n.Evidence?.OnTimeRate is { } r ? Math.Round(r, 4) : null),
        new("online_payment_rate", n => n.Evidence?.OnlinePaymentRate is { } r ? Math.Round(r, 4) : null),
        new("saved_hours", n => n.Evidence?.Savings.HoursSaved),
        new("saved_dong", n => n.Evidence?.Savings.TotalDong),
        new("data_score", n => n.DataScore),
        new("shortlisted", n => n.Shortlisted),
        new("selected", n => n.Selected),
        new("narrative", n => n.Narrative),
        new("contact_name", n => n.ContactName),
        new("contact_email", n => n.ContactEmail),
        new("contact_phone", n => n.ContactPhone),
    ];

    public static readonly IReadOnlyList<ExportColumn<RankedNomination>> Ranking =
    [
        new("group", r => r.Entry.Group),
        new("category", r => r.Entry.Category),
        new("rank", r => r.Rank),
        new("nomination", r => r.Entry.NominationId),
        new("unit", r => r.Entry.UnitCode),
        new("procedure", r => r.Entry.ProcedureCode),
        new("procedure_name", r => r.Entry.ProcedureName),
        new("data_score", r => r.Entry.DataScore),
        new("panel_score", r => r.PanelScore),
        new("reviews", r => r.Reviews),
        new("final_score", r => r.FinalScore),
        new("shortlisted", r => r.Entry.Shortlisted),
        new("selected", r => r.Entry.Selected),
    ];

    public static readonly IReadOnlyList<ExportColumn<ReviewerSpread>> Spread =
    [
        new("reviewer", s => s.Reviewer), new("reviews", s => s.Reviews), new("mean", s => s.Mean), new("standard_deviation", s => s.StandardDeviation),
        new("min", s => s.Min), new("max", s => s.Max),
    ];

    public static readonly IReadOnlyList<ExportColumn<Campaigns.CampaignExtension>> Extensions =
    [
        new("campaign", e => e.CampaignId), new("unit", e => e.UnitCode), new("until", e => e.Until), new("reason", e => e.Reason),
    ];

    public static IReadOnlyList<ExportColumn<ScoreRow>> Scores(IReadOnlyList<Campaigns.RubricCriterion> criteria) =>
    [
        new("review", r => r.Review.Id),
        new("nomination", r => r.Review.NominationId),
        new("unit", r => r.Review.UnitCode),
        new("procedure", r => r.Review.ProcedureCode),
        new("reviewer", r => r.Reviewer),
        .. criteria.Select(c => new ExportColumn<ScoreRow>(c.Code, r => r.Review.Scores.TryGetValue(c.Code, out var s) ? s : null)),
        new("total", r => r.Review.Total),
        new("comment", r => r.Review.Comment),
        new("scored_at", r => r.Review.ScoredAt),
    ];
}

/// <summary>A review with its reviewer, for the admin's score export.</summary>
public sealed record ScoreRow(string Reviewer, ReviewView Review);

using System.Globalization;
using OpenDvc.Awards.Campaigns;

namespace OpenDvc.Awards.Results;

/// <summary>A nomination as the ranking sees it, with its unit's group (letter 3179 honours ministries and provinces apart).</summary>
public sealed record RankingEntry(int NominationId, NominationCategory Category, string UnitCode, string ProcedureCode, string ProcedureName,
    decimal DataScore, DateTimeOffset SubmittedAt, bool Shortlisted, bool Selected, UnitGroup Group = UnitGroup.Ministries);

/// <summary>One reviewer's total (0–100) for one nomination.</summary>
public sealed record ReviewTotal(int NominationId, string Reviewer, decimal Total);

/// <summary>A ranked nomination: its scores, and its place in its category within its group.</summary>
public sealed record RankedNomination(RankingEntry Entry, int Rank, decimal? PanelScore, decimal FinalScore, int Reviews);

/// <summary>How one reviewer scores compared with the panel: the spread the admin looks at before normalising.</summary>
public sealed record ReviewerSpread(string Reviewer, int Reviews, decimal Mean, decimal StandardDeviation, decimal Min, decimal Max);

/// <summary>The blend, the normalisation and the tie rule of a campaign: what is published with the results.</summary>
public sealed record RankingRules(decimal DataWeight, bool NormaliseReviewers)
{
    public static RankingRules Of(AwardCampaign campaign) => new(campaign.DataWeight, campaign.NormaliseReviewers);

    public string Describe(bool vietnamese)
    {
        var data = DataWeight.ToString("0.##", CultureInfo.InvariantCulture);
        var panel = (1 - DataWeight).ToString("0.##", CultureInfo.InvariantCulture);
        return vietnamese
            ? $"Điểm cuối = {data} × điểm dữ liệu + {panel} × điểm hội đồng (làm tròn 2 chữ số). Điểm mỗi phiếu = Σ(trọng số × điểm) ÷ Σ trọng số ÷ thang điểm × 100. "
              + (NormaliseReviewers
                  ? "Chuẩn hoá theo từng người chấm (z-score): điểm chuẩn hoá = trung bình chung + (điểm − trung bình của người chấm) ÷ độ lệch chuẩn của người chấm × độ lệch chuẩn chung; người chấm dưới 2 phiếu hoặc không có độ lệch chỉ được dời theo trung bình. "
                  : "Không chuẩn hoá điểm theo người chấm. ")
              + "Điểm hội đồng = trung bình các phiếu. Bằng điểm: xếp trên dịch vụ có điểm hội đồng cao hơn, rồi điểm dữ liệu cao hơn, rồi nộp sớm hơn, rồi số đề xuất nhỏ hơn."
            : $"Final score = {data} × data score + {panel} × panel score (rounded to 2 decimals). Each review's total = Σ(weight × score) ÷ Σ weights ÷ scale × 100. "
              + (NormaliseReviewers
                  ? "Normalised per reviewer (z-score): normalised = overall mean + (score − reviewer's mean) ÷ reviewer's standard deviation × overall standard deviation; a reviewer with fewer than 2 reviews or no spread is only shifted by the mean. "
                  : "Scores are not normalised per reviewer. ")
              + "Panel score = mean of the reviews. Ties: the higher panel score first, then the higher data score, then the earlier submission, then the lower nomination number.";
    }
}

/// <summary>
/// Ranking per group (ministries, provinces) and category from the data score and the panel score (a pure
/// computation, so a hand-computed table can check it): a ministry's service is never ranked against a province's.
/// Standard deviations are population ones (divide by n).
/// </summary>
public static class Ranking
{
    /// <summary>A review's total on 0–100: Σ(weight × score) ÷ Σ weights ÷ scale × 100.</summary>
    public static decimal TotalOf(IReadOnlyList<RubricCriterion> criteria, int scaleMax, IReadOnlyDictionary<string, int> scores)
    {
        var weights = criteria.Sum(c => c.Weight);
        if (weights == 0 || scaleMax == 0)
        {
            return 0;
        }

        return criteria.Sum(c => c.Weight * scores.GetValueOrDefault(c.Code)) / weights / scaleMax * 100;
    }

    public static IReadOnlyList<ReviewerSpread> Spread(IEnumerable<ReviewTotal> totals) => totals
        .GroupBy(t => t.Reviewer, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g =>
        {
            var values = g.Select(t => t.Total).ToList();
            return new ReviewerSpread(g.Key, values.Count, Math.Round(values.Average(), 2), Math.Round(StandardDeviation(values), 2), values.Min(), values.Max());
        })
        .ToList();

    /// <summary>Each review's total after per-reviewer normalisation (unchanged when the rule is off).</summary>
    public static IReadOnlyList<ReviewTotal> Normalise(IReadOnlyList<ReviewTotal> totals, bool normalise)
    {
        if (!normalise || totals.Count == 0)
        {
            return totals;
        }

        var all = totals.Select(t => t.Total).ToList();
        var mean = all.Average();
        var sd = StandardDeviation(all);
        var byReviewer = totals.GroupBy(t => t.Reviewer, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Mean: g.Average(t => t.Total), Sd: StandardDeviation(g.Select(t => t.Total).ToList()), Count: g.Count()), StringComparer.Ordinal);
        return totals.Select(t =>
        {
            var r = byReviewer[t.Reviewer];
            var value = r.Count >= 2 && r.Sd > 0 ? mean + ((t.Total - r.Mean) / r.Sd * sd) : t.Total - r.Mean + mean;
            return t with { Total = value };
        }).ToList();
    }

    public static IReadOnlyList<RankedNomination> Rank(IReadOnlyList<RankingEntry> entries, IReadOnlyList<ReviewTotal> totals, RankingRules rules)
    {
        var panel = Normalise(totals, rules.NormaliseReviewers)
            .GroupBy(t => t.NominationId)
            .ToDictionary(g => g.Key, g => (Score: Math.Round(g.Average(t => t.Total), 2), Count: g.Count()));
        return entries
            .Select(e =>
            {
                var p = panel.TryGetValue(e.NominationId, out var found) ? found : ((decimal Score, int Count)?)null;
                var final = Math.Round((rules.DataWeight * e.DataScore) + ((1 - rules.DataWeight) * (p?.Score ?? 0)), 2);
                return new RankedNomination(e, 0, p?.Score, final, p?.Count ?? 0);
            })
            .GroupBy(r => (r.Entry.Group, r.Entry.Category))
            .OrderBy(g => g.Key.Group).ThenBy(g => g.Key.Category)
            .SelectMany(g => g
                .OrderByDescending(r => r.FinalScore)
                .ThenByDescending(r => r.PanelScore ?? 0)
                .ThenByDescending(r => r.Entry.DataScore)
                .ThenBy(r => r.Entry.SubmittedAt)
                .ThenBy(r => r.Entry.NominationId)
                .Select((r, i) => r with { Rank = i + 1 }))
            .ToList();
    }

    /// <summary>
    /// The nominations honoured by the quotas: the first <see cref="AwardCampaign.AwardsOf"/> of each group and
    /// category, so each group fills its own places and never takes another's.
    /// </summary>
    public static IReadOnlyList<RankedNomination> WithinQuotas(IReadOnlyList<RankedNomination> ranked, AwardCampaign campaign) =>
        ranked.Where(r => r.Rank <= campaign.AwardsOf(r.Entry.Group)).ToList();

    private static decimal StandardDeviation(List<decimal> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return (decimal)Math.Sqrt((double)variance);
    }
}

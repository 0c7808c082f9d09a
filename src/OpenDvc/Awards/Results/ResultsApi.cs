using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Awards.Appraisal;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry;

namespace OpenDvc.Awards.Results;

public sealed record DecisionInput(bool Shortlisted, bool Selected);

/// <summary>The ranking with the spread between reviewers and the rule used.</summary>
public sealed record RankingView(string Rule, string DataRule, IReadOnlyList<RankedNomination> Ranking, IReadOnlyList<ReviewerSpread> Spread);

/// <summary>
/// Results: the ranking and reviewer spread (admin), shortlist and selection, publication, exports; and the public
/// results, which show published campaigns only.
/// </summary>
public static class ResultsApi
{
    public static void MapResultsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/awards").WithTags("Awards").RequireAuthorization(AccountsModule.AdminPolicy);
        admin.MapGet("/campaigns/{id:int}/ranking", GetRanking).WithName(nameof(GetRanking)).WithSummary("Ranking per group (ministries, provinces) and category, reviewer spread and the rule used (admin).");
        admin.MapGet("/campaigns/{id:int}/ranking/export", ExportRanking).WithName(nameof(ExportRanking)).WithSummary("The ranking as CSV or Excel (admin).");
        admin.MapGet("/campaigns/{id:int}/spread/export", ExportSpread).WithName(nameof(ExportSpread)).WithSummary("The spread between reviewers as CSV or Excel (admin).");
        admin.MapGet("/campaigns/{id:int}/scores/export", ExportScores).WithName(nameof(ExportScores)).WithSummary("Every review's scores as CSV or Excel (admin).");
        admin.MapPut("/nominations/{id:int}/decision", DecideNomination).WithName(nameof(DecideNomination)).WithSummary("Shortlist or select a nomination (admin; audited).");
        admin.MapPost("/campaigns/{id:int}/select-within-quotas", SelectWithinQuotas).WithName(nameof(SelectWithinQuotas))
            .WithSummary("Select, in each group (ministries, provinces) and category, the nominations ranked within the group's quota; unselect the rest (admin; audited).");
        admin.MapPost("/campaigns/{id:int}/publish", PublishResults).WithName(nameof(PublishResults)).WithSummary("Publish the campaign's results (admin; audited; final).");

        app.MapGet("/api/v1/awards/results", ListPublishedResults).WithTags("Awards").AllowAnonymous()
            .WithName(nameof(ListPublishedResults)).WithSummary("Published results: winners with their evidence and scores, the rubric and the rules (public).");
        app.MapGet("/api/v1/awards/results/certificates/{id:int}", GetWinnerCertificate).WithTags("Awards").AllowAnonymous()
            .WithName(nameof(GetWinnerCertificate)).WithSummary("A published winner's certificate as an A4 landscape PDF, by nomination (public; 404 for anything else).");
    }

    public static async Task<Results<Ok<RankingView>, ProblemHttpResult>> GetRanking(int id, NominationWorkflow nominations, ResultsWorkflow results, CancellationToken ct)
    {
        if (await nominations.CampaignAsync(id, ct) is not { } campaign)
        {
            return Refusal.Of(AwardCodes.CampaignNotFound, id).ToProblem();
        }

        var vi = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";
        return TypedResults.Ok(new RankingView(RankingRules.Of(campaign).Describe(vi), vi ? Evidence.DataScore.RuleVi : Evidence.DataScore.RuleEn,
            await results.RankAsync(campaign, ct), await results.SpreadAsync(campaign, ct)));
    }

    public static Task<IResult> ExportRanking(int id, string? format, NominationWorkflow nominations, ResultsWorkflow results, CancellationToken ct) =>
        ExportAsync(id, format, nominations, async c => await results.RankAsync(c, ct), _ => AwardsExports.Ranking, "ranking", ct);

    public static Task<IResult> ExportSpread(int id, string? format, NominationWorkflow nominations, ResultsWorkflow results, CancellationToken ct) =>
        ExportAsync(id, format, nominations, async c => await results.SpreadAsync(c, ct), _ => AwardsExports.Spread, "reviewer-spread", ct);

    public static Task<IResult> ExportScores(int id, string? format, NominationWorkflow nominations, AppraisalWorkflow appraisal, CancellationToken ct) =>
        ExportAsync(id, format, nominations, async c => await appraisal.ReviewsAsync(null, c.Id, null, ct), c => AwardsExports.Scores(c.Criteria()), "scores", ct);

    /// <summary>A campaign's table as CSV or Excel: 404 for an unknown campaign, 400 for another format.</summary>
    private static async Task<IResult> ExportAsync<T>(int id, string? format, NominationWorkflow nominations, Func<AwardCampaign, Task<IReadOnlyList<T>>> rows,
        Func<AwardCampaign, IReadOnlyList<ExportColumn<T>>> columns, string stem, CancellationToken ct)
    {
        if (await nominations.CampaignAsync(id, ct) is not { } campaign)
        {
            return Refusal.Of(AwardCodes.CampaignNotFound, id).ToProblem();
        }

        return TableExport.IsSupported(format ??= "csv")
            ? await TableExport.ToFileAsync((await rows(campaign)).ToAsyncEnumerable(), columns(campaign), format, $"{stem}-{id}", ct)
            : TableExport.UnsupportedFormat();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DecideNomination(int id, DecisionInput input, ResultsWorkflow results, CancellationToken ct) =>
        await results.DecideAsync(id, input.Shortlisted, input.Selected, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();

    /// <summary>How many nominations the quotas selected.</summary>
    public sealed record SelectionView(int Selected);

    public static async Task<Results<Ok<SelectionView>, ProblemHttpResult>> SelectWithinQuotas(int id, ResultsWorkflow results, CancellationToken ct)
    {
        var (selected, error) = await results.SelectWithinQuotasAsync(id, ct);
        return error is not null ? error.ToProblem() : TypedResults.Ok(new SelectionView(selected));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> PublishResults(int id, ResultsWorkflow results, TimeProvider time, CancellationToken ct) =>
        await results.PublishAsync(id, time.GetUtcNow(), ct) is { } error ? error.ToProblem() : TypedResults.NoContent();

    public static async Task<Ok<List<PublishedResults>>> ListPublishedResults(ResultsWorkflow results, CancellationToken ct) =>
        TypedResults.Ok(await results.PublishedAsync(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi", ct));

    /// <summary>The certificate of a published winner; any other nomination answers 404 with a stable code, so nothing unpublished leaks.</summary>
    public static async Task<IResult> GetWinnerCertificate(int id, ResultsWorkflow results, OpenDvc.Platform.Database.OpenDvcDbContext db, CancellationToken ct)
    {
        var published = await results.PublishedAsync(vietnamese: true, ct);
        var found = published.SelectMany(c => c.Winners.Where(w => w.Nomination.Id == id).Select(w => (Campaign: c, Winner: w))).FirstOrDefault();
        if (found.Winner is null)
        {
            return Refusal.Of(AwardCodes.CertificateUnknown, id).ToProblem();
        }

        var years = await db.Set<AwardCampaign>().Where(c => c.Id == found.Campaign.CampaignId).Select(c => new { c.FirstYear, c.LastYear }).SingleAsync(ct);
        var span = years.FirstYear == years.LastYear ? $"{years.FirstYear}" : $"{years.FirstYear}–{years.LastYear}";
        using var output = new MemoryStream();
        Certificate.Write(found.Campaign, found.Winner, found.Winner.UnitName, span, output);
        return TypedResults.File(output.ToArray(), System.Net.Mime.MediaTypeNames.Application.Pdf, $"certificate-{id}.pdf");
    }
}

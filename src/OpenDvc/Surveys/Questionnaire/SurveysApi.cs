using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;
using QRCoder;

namespace OpenDvc.Surveys.Questionnaire;

/// <summary>A survey in a list.</summary>
public sealed record SurveySummary(int Id, string Series, string Quarter, string TitleVi, string TitleEn, SurveyAudience Audience, SurveyState State, DateOnly OpensOn, DateOnly ClosesOn);

/// <summary>
/// Surveys and their questionnaires: signed-in users read the rounds sent to units (staff every round, drafts too);
/// only admins write, open and close them, and only staff see a public survey's link.
/// </summary>
public static class SurveysApi
{
    public static void MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/surveys").WithTags("Surveys").RequireAuthorization(SurveysModule.ReadPolicy);
        group.MapGet("", ListSurveys).WithName(nameof(ListSurveys)).WithSummary("Surveys, newest quarter first (staff: all; others: rounds sent to units).");
        group.MapGet("/{id:int}", GetSurvey).WithName(nameof(GetSurvey)).WithSummary("A survey's round and questionnaire.");
        group.MapGet("/{id:int}/qr.svg", GetPublicLinkQrCode).WithName(nameof(GetPublicLinkQrCode)).RequireAuthorization(AccountsModule.StaffPolicy)
            .WithSummary("A public survey's link as a QR code (SVG), to print.");

        var admin = group.MapGroup("").RequireAuthorization(AccountsModule.AdminPolicy);
        admin.MapPost("", CreateSurvey).WithName(nameof(CreateSurvey)).WithSummary("Write a new survey as a draft: round, period, questionnaire (admin).");
        admin.MapPut("/{id:int}", UpdateSurvey).WithName(nameof(UpdateSurvey)).WithSummary("Replace a draft's round and questionnaire (admin).");
        admin.MapPost("/{id:int}/open", OpenSurvey).WithName(nameof(OpenSurvey)).WithSummary("Open the survey: answers are taken within its period; the questionnaire is fixed (admin).");
        admin.MapPost("/{id:int}/close", CloseSurvey).WithName(nameof(CloseSurvey)).WithSummary("Close the survey: no more answers (admin).");
    }

    public static async Task<Ok<List<SurveySummary>>> ListSurveys(ClaimsPrincipal user, OpenDvcDbContext db, CancellationToken ct)
    {
        var staff = UnitAccess.IsStaff(user);
        return TypedResults.Ok(await db.Set<Survey>().AsNoTracking()
            .Where(s => staff || (s.Audience == SurveyAudience.Units && s.State != SurveyState.Draft))
            .OrderByDescending(s => s.Quarter).ThenByDescending(s => s.Id)
            .Select(s => new SurveySummary(s.Id, s.Series, s.Quarter, s.TitleVi, s.TitleEn, s.Audience, s.State, s.OpensOn, s.ClosesOn)).ToListAsync(ct));
    }

    public static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> GetSurvey(int id, ClaimsPrincipal user, SurveyBook book, CancellationToken ct) =>
        await book.FindAsync(id, ct) is { } survey && MaySee(user, survey)
            ? TypedResults.Ok(SurveyView.Of(survey, UnitAccess.IsStaff(user)))
            : SurveyRefusals.Unknown.ToProblem();

    /// <summary>Staff see every survey; others the rounds sent to units once opened.</summary>
    public static bool MaySee(ClaimsPrincipal user, Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return UnitAccess.IsStaff(user) || (survey.Audience == SurveyAudience.Units && survey.State != SurveyState.Draft);
    }

    public static async Task<Results<Created<SurveyView>, ProblemHttpResult>> CreateSurvey(SurveyInput input, SurveyBook book, CancellationToken ct)
    {
        var (id, violations, error) = await book.SaveAsync(null, input, ct);
        return id is { } created
            ? TypedResults.Created($"/api/v1/surveys/{created}", SurveyView.Of((await book.FindAsync(created, ct))!, withPublicLink: true))
            : Refusal(violations, error);
    }

    public static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> UpdateSurvey(int id, SurveyInput input, SurveyBook book, CancellationToken ct)
    {
        var (saved, violations, error) = await book.SaveAsync(id, input, ct);
        return saved is not null ? TypedResults.Ok(SurveyView.Of((await book.FindAsync(id, ct))!, withPublicLink: true)) : Refusal(violations, error);
    }

    public static Task<Results<NoContent, ProblemHttpResult>> OpenSurvey(int id, SurveyBook book, CancellationToken ct) => SetStateAsync(id, SurveyState.Open, book, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> CloseSurvey(int id, SurveyBook book, CancellationToken ct) => SetStateAsync(id, SurveyState.Closed, book, ct);

    public static async Task<IResult> GetPublicLinkQrCode(int id, HttpRequest request, SurveyBook book, CancellationToken ct)
    {
        if (await book.FindAsync(id, ct) is not { PublicKey: { } key })
        {
            return SurveyRefusals.Unknown.ToProblem();
        }

        return TypedResults.Text(QrCodeSvg($"{request.Scheme}://{request.Host}/surveys/answer/{key}"), "image/svg+xml");
    }

    /// <summary>The link as an SVG QR code (QRCoder, MIT), medium error correction: readable from a printed poster.</summary>
    public static string QrCodeSvg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetStateAsync(int id, SurveyState state, SurveyBook book, CancellationToken ct) =>
        await book.SetStateAsync(id, state, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();

    private static ProblemHttpResult Refusal(IReadOnlyList<RuleViolation> violations, Refusal? error) =>
        error is not null ? error.ToProblem() : SurveysProblems.Invalid(violations);
}

using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Accounts;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Awards.Appraisal;

/// <summary>A reviewer's scores on the rubric, by criterion code, with a comment.</summary>
public sealed record ScoreInput([Required] Dictionary<string, int> Scores, [StringLength(4000)] string? Comment);

/// <summary>
/// Appraisal: admins assign nominations to reviewers (balanced, never a reviewer's own unit); reviewers list their
/// assignments (to do / done) and score them.
/// </summary>
public static class AppraisalApi
{
    public static void MapAppraisalApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/awards/campaigns/{id:int}/assignments", AssignReviewers).WithTags("Awards").RequireAuthorization(AccountsModule.AdminPolicy)
            .WithName(nameof(AssignReviewers)).WithSummary("Assign the campaign's nominations to reviewers, balanced by load, never to a reviewer of the nominating unit (admin).");
        app.MapGet("/api/v1/awards/reviews", ListMyReviews).WithTags("Awards").RequireAuthorization(AwardsModule.ReviewerPolicy)
            .WithName(nameof(ListMyReviews)).WithSummary("The signed-in reviewer's assignments; done=false for to do, done=true for done.");
        app.MapPut("/api/v1/awards/nominations/{id:int}/scores", ScoreNomination).WithTags("Awards").RequireAuthorization(AwardsModule.ReviewerPolicy)
            .WithName(nameof(ScoreNomination)).WithSummary("Score an assigned nomination on every rubric criterion (reviewer; refused on the reviewer's own unit).");
    }

    public static async Task<Results<Ok<AssignmentResult>, ProblemHttpResult>> AssignReviewers(int id, AppraisalWorkflow store, CancellationToken ct)
    {
        var (added, error) = await store.AssignBalancedAsync(id, ct);
        return error is not null ? error.ToProblem() : TypedResults.Ok(new AssignmentResult(added));
    }

    public static async Task<Ok<List<ReviewView>>> ListMyReviews(bool? done, ClaimsPrincipal user, AppraisalWorkflow store, CancellationToken ct) =>
        TypedResults.Ok(await store.ReviewsOfAsync(user.Identity!.Name!, done, ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> ScoreNomination(int id, ScoreInput input, ClaimsPrincipal user, AppraisalWorkflow store, CancellationToken ct) =>
        await store.ScoreAsync(user, id, input.Scores, input.Comment, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();
}

public sealed record AssignmentResult(int Added);

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Awards.Nominations;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Awards.Campaigns;

/// <summary><c>/api/v1/awards/campaigns</c>: campaigns and their configuration; admins change them and grant extensions.</summary>
public static class CampaignsApi
{
    public static void MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/awards/campaigns").WithTags("Awards");
        group.MapGet("/", ListCampaigns).RequireAuthorization().WithName(nameof(ListCampaigns)).WithSummary("Award campaigns with their quotas, thresholds, savings assumptions and rubric.");
        var admin = group.MapGroup("").RequireAuthorization(AccountsModule.AdminPolicy);
        admin.MapPost("/", CreateCampaign).WithName(nameof(CreateCampaign)).WithSummary("Open a campaign (admin).");
        admin.MapPut("/{id:int}", UpdateCampaign).WithName(nameof(UpdateCampaign)).WithSummary("Change a campaign's configuration (admin).");
        admin.MapPut("/{id:int}/extensions/{unit}", GrantCampaignExtension).WithName(nameof(GrantCampaignExtension)).WithSummary("Let one unit submit until a later day (admin; audited).")
            .WithDescription("Body: until (yyyy-MM-dd, required) and reason; the unit is in the path. Without a day, 400 with the validation errors.");
    }

    public static async Task<Ok<List<CampaignView>>> ListCampaigns(OpenDvcDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<AwardCampaign>().AsNoTracking().OrderByDescending(c => c.LastYear).ThenBy(c => c.Id).ToListAsync(ct)).Select(CampaignView.From).ToList());

    public static async Task<Results<Created<CampaignView>, ProblemHttpResult>> CreateCampaign(CampaignInput input, OpenDvcDbContext db, CancellationToken ct)
    {
        if (input.Check() is { } error)
        {
            return error.ToProblem();
        }

        var campaign = new AwardCampaign { Name = input.Name };
        input.ApplyTo(campaign);
        db.Add(campaign);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/awards/campaigns/{campaign.Id}", CampaignView.From(campaign));
    }

    public static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> UpdateCampaign(int id, CampaignInput input, OpenDvcDbContext db, CancellationToken ct)
    {
        if (await db.Set<AwardCampaign>().SingleOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
        {
            return Refusal.Of(AwardCodes.CampaignNotFound, id).ToProblem();
        }

        if ((campaign.PublishedAt is not null ? Refusal.Of(AwardCodes.Published) : input.Check()) is { } error)
        {
            return error.ToProblem();
        }

        input.ApplyTo(campaign);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CampaignView.From(campaign));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> GrantCampaignExtension(int id, string unit, CampaignExtensionInput input, NominationWorkflow store, CancellationToken ct) =>
        await store.GrantExtensionAsync(id, unit, input.Until!.Value, input.Reason, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();
}

/// <summary>A campaign as the API shows it.</summary>
public sealed record CampaignView(int Id, CampaignInput Settings, DateTimeOffset? PublishedAt)
{
    public static CampaignView From(AwardCampaign c) => new(c.Id, CampaignInput.From(c), c.PublishedAt);
}

using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Appraisal;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Evidence;
using OpenDvc.Awards.Nominations;
using OpenDvc.Awards.Results;
using OpenDvc.Platform;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Time;
using OpenDvc.Platform.Web;
using OpenDvc.Resources;

namespace OpenDvc.Awards;

/// <summary>
/// Honouring excellent online services (issue 6, letter 3179/BTTTT-CĐSQG): campaigns, nominations with eligibility
/// computed from the ledger's rollups, appraisal by reviewers, ranking, selection and public results.
/// </summary>
public static class AwardsModule
{
    /// <summary>Reviewers (the agency's and experts): score the nominations assigned to them.</summary>
    public const string ReviewerPolicy = "awards-reviewer";

    public static WebApplicationBuilder AddAwards(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthorizationBuilder().AddPolicy(ReviewerPolicy, p => p.RequireRole(Roles.Reviewer));
        services.AddOptions<AwardsOptions>().Bind(builder.Configuration.GetSection(AwardsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ServiceEvidenceQuery>();
        services.AddScoped<NominationWorkflow>();
        services.AddScoped<NominationImport>();
        services.AddScoped<AppraisalWorkflow>();
        services.AddScoped<ResultsWorkflow>();
        services.AddScoped<Directives.Compliance.IBoundAnswers, CampaignNominations>();
        services.AddSingleton<IDatabaseSeeder, AwardsSeeder>();
        services
            .AddNavLink(new NavLink("/awards", typeof(AwardsText), "Nav.Awards", 60))
            .AddNavLink(new NavLink("/awards/winners", typeof(AwardsText), "Nav.Winners", 61));
        return builder;
    }

    public static WebApplication MapAwards(this WebApplication app)
    {
        app.MapCampaignsApi();
        app.MapNominationsApi();
        app.MapNominationAttachmentsApi();
        app.MapAppraisalApi();
        app.MapResultsApi();
        return app;
    }
}

/// <summary>A campaign under letter 3179/BTTTT-CĐSQG's rules, open on the day the demo data is loaded.</summary>
internal sealed class AwardsSeeder(IServiceScopeFactory scopes) : IDatabaseSeeder
{
    public async Task SeedAsync(AppSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.Demo)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        if (!await db.Set<AwardCampaign>().AnyAsync(cancellationToken))
        {
            db.Add(Campaign2023.OpenOn(VietnamTime.DateOf(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow())));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}

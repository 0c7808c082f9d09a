using Microsoft.Extensions.Options;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform;
using OpenDvc.Platform.Web;
using OpenDvc.Resources;
using OpenDvc.Surveys.Answers;
using OpenDvc.Surveys.Demo;
using OpenDvc.Surveys.Portal;
using OpenDvc.Surveys.Questionnaire;
using OpenDvc.Surveys.Results;

namespace OpenDvc.Surveys;

/// <summary>
/// Quarterly surveys of the programme (issue 16): questionnaires an admin builds and opens, answered by each unit's
/// focal point or by the public through a link, and their results, cross-tabs and quarter-on-quarter comparison.
/// </summary>
public static class SurveysModule
{
    /// <summary>People who take part in surveys: staff and focal points (not API keys).</summary>
    public const string ReadPolicy = "surveys";

    public static WebApplicationBuilder AddSurveys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SurveysOptions>().Bind(builder.Configuration.GetSection(SurveysOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SurveyBook>();
        services.AddScoped<ResponseBook>();
        services.AddScoped<SurveyResults>();
        services.AddScoped<NonResponders>();
        services.AddScoped<Directives.Compliance.IBoundAnswers, SurveyDeliverableAnswers>();
        services.AddSingleton<PublicTokens>();
        services.AddSingleton<PublicAnswerLimits>();
        Platform.Database.DemoSeeder.Add(services, Demo.DemoSurveys.LoadIfEmptyAsync);
        services.AddAuthorizationBuilder().AddPolicy(ReadPolicy, p => p.RequireRole(Roles.Admin, Roles.Reviewer, Roles.Viewer, Roles.FocalPoint));
        services.AddNavLink(new NavLink("/surveys", typeof(SurveysText), "Nav.Surveys", 58, ReadPolicy));
        AddPortalChecklist(builder);
        return builder;
    }

    public static WebApplication MapSurveys(this WebApplication app)
    {
        app.MapSurveysApi();
        app.MapAnswersApi();
        app.MapResultsApi();
        app.MapPortalApi();
        return app;
    }

    /// <summary>The portal checklist and probe (Surveys/Portal, docs/surveys.md).</summary>
    private static void AddPortalChecklist(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalOptions>().Bind(builder.Configuration.GetSection(PortalOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PortalCriteria>();
        services.AddScoped<AssessmentBook>();
        services.AddScoped<Directives.Compliance.IBoundAnswers, PortalDeliverableAnswers>();
        services.AddScoped<PortalCompliance>();
        services.AddScoped<ProbeHistory>();
        services.AddSingleton<PortalProber>();
        services.AddHttpClient(PortalProber.Client, c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan; // the prober's own timeout applies
                c.DefaultRequestHeaders.UserAgent.ParseAdd("OpenDVC-portal-probe/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => PortalProber.Handler(sp.GetRequiredService<IOptions<PortalOptions>>().Value.AllowPrivateAddresses));
        services.AddSingleton<IDatabaseSeeder, PortalCriteriaSeeder>();
        Platform.Database.DemoSeeder.Add(services, Portal.DemoPortal.LoadIfEmptyAsync);
        if (builder.Configuration.GetSection(PortalOptions.Section).GetValue<TimeSpan>(nameof(PortalOptions.ProbeEvery)) > TimeSpan.Zero)
        {
            services.AddHostedService<PortalProbeService>();
        }

        services.AddNavLink(new NavLink("/portal-assessments", typeof(SurveysText), "Nav.Portal", 59, ReadPolicy));
    }
}

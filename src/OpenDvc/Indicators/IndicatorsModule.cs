using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Definitions;
using OpenDvc.Accounts;
using OpenDvc.Indicators.Editions;
using OpenDvc.Indicators.Headline;
using OpenDvc.Indicators.Quality;
using OpenDvc.Indicators.Rankings;
using OpenDvc.Indicators.ReportPack;
using OpenDvc.Indicators.Savings;
using OpenDvc.Platform;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Web;
using OpenDvc.Resources;

namespace OpenDvc.Indicators;

/// <summary>
/// The programme's indicators (issue 4): definitions as data, values and Decision 766 scores for any unit, service,
/// period and audience, rankings, the public dashboard and methodology, and each unit's indicator page. Reads the
/// ledger's rollups and the registry, never the dossier table.
/// </summary>
public static class IndicatorsModule
{
    public static WebApplicationBuilder AddIndicators(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IndicatorsOptions>()
            .Bind(builder.Configuration.GetSection(IndicatorsOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => System.ComponentModel.DataAnnotations.Validator.TryValidateObject(o.Savings, new(o.Savings), null, validateAllProperties: true),
                "Indicators:Savings: an assumption is out of range")
            .Validate(o => System.ComponentModel.DataAnnotations.Validator.TryValidateObject(o.Quality, new(o.Quality), null, validateAllProperties: true) && o.Quality.HasCountedLagThreshold,
                "Indicators:Quality: a threshold is out of range (LagThresholdHours must be 1, 24, 168 or 720)")
            .ValidateOnStart();
        builder.Services.AddSingleton<IDatabaseSeeder, IndicatorSeeder>();
        builder.Services.AddSingleton<IDatabaseSeeder, DemoDeclaredStatistics>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<RegistryFacts>();
        builder.Services.AddScoped<IndicatorCalculator>();
        builder.Services.AddScoped<IndicatorExport>();
        builder.Services.AddScoped<DataDate>();
        builder.Services.AddPublicPageCache();
        builder.Services.AddScoped<RankingQuery>();
        builder.Services.AddScoped<Dashboard.DashboardFigures>();

        // Tests warm the figures themselves, when they ask for it.
        if (!builder.Environment.IsEnvironment("Testing") && (builder.Configuration.GetSection(IndicatorsOptions.Section).Get<IndicatorsOptions>() ?? new()).WarmDashboardEvery > TimeSpan.Zero)
        {
            builder.Services.AddHostedService<Dashboard.DashboardWarmer>();
        }

        builder.Services.AddScoped<EditionPublisher>();
        builder.Services.AddScoped<Checks.DeclaredVsObserved>();
        builder.Services.AddScoped<Quality.QualityQuery>();
        builder.Services.AddScoped<ReportPackComposer>();
        builder.Services.AddScoped<Headline.DeclaredStatistics>();
        builder.Services.AddScoped<Headline.HeadlineQuery>();
        builder.Services
            .AddNavLink(new NavLink("/dashboard", typeof(IndicatorsText), "Nav.Dashboard", 5))
            .AddNavLink(new NavLink("/indicators/methodology", typeof(IndicatorsText), "Nav.Methodology", 50))
            .AddNavLink(new NavLink("/indicators/quality", typeof(IndicatorsText), "Nav.Quality", 57, AccountsModule.StaffPolicy))
            .AddNavLink(new NavLink("/admin/editions", typeof(IndicatorsText), "Nav.Editions", 88, AccountsModule.AdminPolicy));
        return builder;
    }

    public static WebApplication MapIndicators(this WebApplication app)
    {
        // Every answer says up to when its data runs (Data-As-Of).
        var dated = app.MapGroup("").AddEndpointFilter<DataDateFilter>();
        dated.MapIndicatorsApi();
        dated.MapHeadlineApi();
        dated.MapRankingsApi();
        dated.MapSavingsApi();
        dated.MapEditionsApi();
        dated.MapQualityApi();
        dated.MapReportPackApi();
        return app;
    }

    public static void AddIndicatorsCommands(this CliApp cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        cli.Add(ReportCommand.Create(cli));
    }
}

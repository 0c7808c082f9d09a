using OpenDvc.Accounts;
using OpenDvc.Indicators;
using OpenDvc.Awards;
using OpenDvc.Directives;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Platform;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Registry;
using OpenDvc.Surveys;

// The table of contents: every capability is added and mapped here, in the order the arrows go.
var cli = new CliApp(Program.Compose);
cli.AddAccountsCommands();
cli.AddRegistryCommands();
cli.AddLedgerCommands();
cli.AddSimulationCommands();
cli.AddIndicatorsCommands();
cli.AddDirectivesCommands();
return await cli.InvokeAsync(args);

public static partial class Program
{
    /// <summary>The one composition of the app, shared by <c>serve</c>, every CLI command and the tests.</summary>
    public static WebApplication Compose(AppSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = settings.Args,

            // Named explicitly: under a test host the entry assembly is not ours, and pages are found by this name.
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = settings.EnvironmentName,
        });
        if (settings.Urls is not null)
        {
            builder.WebHost.UseUrls(settings.Urls);
        }

        if (settings.IsCli)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        builder.Services.AddSingleton(settings);
        builder.AddDatabase(settings.Database);
        builder.AddWeb();
        builder.AddAccounts();
        builder.AddRegistry();
        builder.AddLedger();
        builder.AddIndicators();
        builder.AddAwards();
        builder.AddDirectives();
        builder.AddSurveys();
        settings.Services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseWeb();
        app.MapWeb();
        app.MapAccounts();
        app.MapRegistry();
        app.MapLedger();
        app.MapIndicators();
        app.MapAwards();
        app.MapDirectives();
        app.MapSurveys();
        return app;
    }
}

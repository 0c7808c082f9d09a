using OpenDvc.Ledger.Demo;
using OpenDvc.Ledger.Ingest;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Sync;
using OpenDvc.Ledger.Verify;
using OpenDvc.Platform;
using OpenDvc.Platform.Cli;

namespace OpenDvc.Ledger;

/// <summary>
/// The dossier ledger: synced dossiers (API and bulk ingest), quarantine of bad records, the rollups every
/// indicator reads, and the verify command that proves them (issue 3).
/// </summary>
public static class LedgerModule
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RollupVerifier>();
        builder.Services.AddSingleton<DossierIngest>();
        builder.Services.AddScoped<QuarantineStore>();
        builder.Services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Sync.SyncOptions>().BindConfiguration(Sync.SyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Sync.SyncGate>();

        // After the registry's seeder (AddRegistry comes first): the demo ledger refers to the demo catalog.
        builder.Services.AddSingleton<IDatabaseSeeder, DemoLedger>();
        return builder;
    }

    public static WebApplication MapLedger(this WebApplication app)
    {
        app.MapSyncApi();
        app.MapQuarantineApi();
        return app;
    }

    public static void AddLedgerCommands(this CliApp cli)
    {
        cli.Add(IngestCommand.Create(cli));
        cli.Add(QuarantineCommand.Create(cli));
        cli.Add(VerifyCommand.Create(cli));
    }
}

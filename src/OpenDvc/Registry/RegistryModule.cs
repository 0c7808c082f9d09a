using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Resources;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Demo;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Transfer;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Registry;

/// <summary>The registry: units, procedures, online services and the working-day calendar.</summary>
public static class RegistryModule
{
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CalendarStore>();
        builder.Services.AddScoped<IUnitDirectory, UnitDirectory>();
        builder.Services.AddSingleton<IDatabaseSeeder, RegistrySeeder>();
        builder.Services.AddScoped<RegistryImport>();
        builder.Services.AddScoped<UnitChanges>();
        builder.Services.AddHostedService<UnitDayService>();
        builder.Services
            .AddNavLink(new NavLink("/units", typeof(Site), "Nav.Units", 10))
            .AddNavLink(new NavLink("/procedures", typeof(Site), "Nav.Procedures", 20))
            .AddNavLink(new NavLink("/services", typeof(Site), "Nav.Services", 30))
            .AddNavLink(new NavLink("/calendar", typeof(Site), "Nav.Calendar", 40));
        return builder;
    }

    public static WebApplication MapRegistry(this WebApplication app)
    {
        app.MapUnitsApi();
        app.MapProceduresApi();
        app.MapServicesApi();
        app.MapCalendarApi();
        return app;
    }

    public static void AddRegistryCommands(this CliApp cli) => cli.Add(RegistryCommand.Create(cli));
}

internal sealed class UnitDirectory(OpenDvcDbContext db) : IUnitDirectory
{
    public Task<bool> ExistsAsync(string unitCode, CancellationToken cancellationToken) =>
        db.Set<Unit>().AnyAsync(u => u.Code == unitCode, cancellationToken);
}

/// <summary>Reference data always; the demo registry when the run asks for demo data.</summary>
internal sealed class RegistrySeeder(IServiceScopeFactory scopes) : IDatabaseSeeder
{
    public async Task SeedAsync(AppSettings settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        await ReferenceData.LoadAsync(db, scope.ServiceProvider.GetRequiredService<UnitChanges>(), cancellationToken);
        if (settings.Demo)
        {
            await DemoRegistry.LoadIfEmptyAsync(db, cancellationToken);
        }
    }
}

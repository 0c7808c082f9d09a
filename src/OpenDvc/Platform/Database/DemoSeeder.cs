namespace OpenDvc.Platform.Database;

/// <summary>
/// Loads one capability's demo data, in a scope of its own, when the run asks for demo data; registered after the
/// registry's seeder, so the units and procedures it refers to are there. <paramref name="load"/> leaves a table that
/// already holds rows as it is.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, Func<IServiceProvider, CancellationToken, Task> load) : IDatabaseSeeder
{
    public static void Add(IServiceCollection services, Func<OpenDvcDbContext, CancellationToken, Task> load) =>
        Add(services, (scope, ct) => load(scope.GetRequiredService<OpenDvcDbContext>(), ct));

    /// <summary>For demo data that needs more of the scope than the database (e.g. what another capability offers).</summary>
    public static void Add(IServiceCollection services, Func<IServiceProvider, CancellationToken, Task> load) =>
        services.AddSingleton<IDatabaseSeeder>(sp => new DemoSeeder(sp.GetRequiredService<IServiceScopeFactory>(), load));

    public async Task SeedAsync(AppSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Demo)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await load(scope.ServiceProvider, cancellationToken);
    }
}

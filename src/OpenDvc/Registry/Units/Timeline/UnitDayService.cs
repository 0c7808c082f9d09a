namespace OpenDvc.Registry.Units.Timeline;

/// <summary>
/// Just after midnight in Vietnam, brings every unit row to the version in force that day, so that a change recorded
/// ahead of time shows in the rest of the program from its first day without a restart.
/// </summary>
internal sealed class UnitDayService(IServiceScopeFactory scopes, TimeProvider time, ILogger<UnitDayService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = Platform.Time.VietnamTime.StartOfDay(Platform.Time.VietnamTime.DateOf(time.GetUtcNow()).AddDays(1)).AddMinutes(1);
            await Task.Delay(next - time.GetUtcNow(), time, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<UnitChanges>().ShowTodayAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Units could not be brought to today's versions; trying again tomorrow");
            }
        }
    }
}

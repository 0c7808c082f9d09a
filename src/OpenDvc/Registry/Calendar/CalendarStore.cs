using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;

namespace OpenDvc.Registry.Calendar;

/// <summary>
/// Holds the working calendar in memory (a few hundred rows) so the dossier clock never queries for it;
/// reloaded when an admin edits a day.
/// </summary>
public sealed class CalendarStore(IServiceScopeFactory scopes)
{
    private WorkingCalendar? current;

    public async Task<WorkingCalendar> GetAsync(CancellationToken cancellationToken = default)
    {
        if (current is not null)
        {
            return current;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var days = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(cancellationToken);
        current = new WorkingCalendar(days);
        return current;
    }

    /// <summary>Forgets the cached calendar; the next read loads the edited one.</summary>
    public void Invalidate() => current = null;
}

using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;

namespace OpenDvc.Accounts.ApiKeys;

/// <summary>Issuing and revoking sync keys; shared by the CLI and the admin API.</summary>
public sealed class ApiKeyAdministration(OpenDvcDbContext db, IUnitDirectory units, ICurrentActor actor, TimeProvider time)
{
    public async Task<(ApiKey? Key, string? PlainText, AccountError? Error)> IssueAsync(string unitCode, string name, CancellationToken cancellationToken)
    {
        if (!await units.ExistsAsync(unitCode, cancellationToken))
        {
            return (null, null, new AccountError("OD-UNIT-UNKNOWN", $"Không có đơn vị mã '{unitCode}'.", $"No unit with code '{unitCode}'."));
        }

        var (key, plain) = ApiKey.Issue(unitCode, name, actor.Name, time.GetUtcNow());
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, plain, null);
    }

    public async Task<AccountError?> RevokeAsync(int id, CancellationToken cancellationToken)
    {
        var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return new AccountError("OD-KEY-NOT-FOUND", $"Không có khóa số {id}.", $"No key {id}.");
        }

        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}

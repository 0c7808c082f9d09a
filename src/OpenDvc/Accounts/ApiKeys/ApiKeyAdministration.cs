using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Accounts.ApiKeys;

/// <summary>A key just issued, with its plain text (shown once, never stored).</summary>
public sealed record IssuedKey(ApiKey Key, string PlainText);

/// <summary>Issuing and revoking sync keys; shared by the CLI and the admin API.</summary>
public sealed class ApiKeyAdministration(OpenDvcDbContext db, IUnitDirectory units, ICurrentActor actor, TimeProvider time)
{
    public async Task<Outcome<IssuedKey>> IssueAsync(string unitCode, string name, CancellationToken cancellationToken)
    {
        if (!await units.ExistsAsync(unitCode, cancellationToken))
        {
            return Refusal.Of(PlatformCodes.UnitUnknown, unitCode) with { Status = StatusCodes.Status400BadRequest };
        }

        var (key, plain) = ApiKey.Issue(unitCode, name, actor.Name, time.GetUtcNow());
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedKey(key, plain);
    }

    public async Task<Refusal?> RevokeAsync(int id, CancellationToken cancellationToken)
    {
        var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return Refusal.Of(AccountCodes.KeyNotFound, id);
        }

        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}

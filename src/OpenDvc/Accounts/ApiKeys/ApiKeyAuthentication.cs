using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Platform.Database;

namespace OpenDvc.Accounts.ApiKeys;

/// <summary>
/// Authenticates a unit's one-stop system by its API key (<c>Authorization: ApiKey …</c> or <c>X-Api-Key</c>).
/// The principal carries the unit claim and the sync role, nothing more.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OpenDvcDbContext db) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string SyncRole = "sync_client";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers["X-Api-Key"].FirstOrDefault();
        var authorization = Request.Headers.Authorization.FirstOrDefault();
        if (presented is null && authorization?.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) == true)
        {
            presented = authorization["ApiKey ".Length..];
        }

        if (string.IsNullOrWhiteSpace(presented))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKey.TryParse(presented, out var prefix, out var secret))
        {
            return AuthenticateResult.Fail("malformed API key");
        }

        var key = await db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (key is null || !key.IsActive || !key.Matches(secret))
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"key:{key.Prefix}"),
                new Claim(ClaimTypes.Role, SyncRole),
                new Claim(UnitAccess.UnitClaim, key.UnitCode),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

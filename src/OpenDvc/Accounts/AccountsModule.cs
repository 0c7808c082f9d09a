using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Accounts.ApiKeys;
using OpenDvc.Accounts.AuditLog;
using OpenDvc.Accounts.SignIn;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Resources;

namespace OpenDvc.Accounts;

/// <summary>Accounts and roles (ASP.NET Core Identity), sync API keys, and the authorization policies.</summary>
public static class AccountsModule
{
    /// <summary>Agency staff who may read every unit.</summary>
    public const string StaffPolicy = "staff";
    public const string AdminPolicy = "admin";

    /// <summary>
    /// Those who may change anything at all (admins, and focal points for their own unit): put on every write
    /// endpoint a focal point may use, so a viewer or reviewer is refused before the body is read; the handler
    /// then checks the unit with <see cref="UnitAccess.CanEdit"/>.
    /// </summary>
    public const string EditPolicy = "edit";

    /// <summary>A unit's one-stop system, by API key.</summary>
    public const string SyncPolicy = "sync";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<User, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                // Lockout stops only browsers the account never signed in from (Accounts/SignIn/KnownDevices.cs).
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<OpenDvcDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<UnitClaimsFactory>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "opendvc.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);

            // The API answers 401/403 problems; only pages redirect to the login form.
            options.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });

        // Keys in the database (Accounts/SignIn/DataProtectionKeyConfiguration.cs); one application name so
        // instances installed in different folders share them.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("OpenDvc")
            .PersistKeysToDbContext<OpenDvcDbContext>();

        // With a certificate (a PFX file, its password from the environment), the keys are encrypted at rest, so a
        // copy of the database alone cannot forge cookies; every instance needs the same certificate.
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, builder.Configuration["DataProtection:CertificatePassword"]);
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        // A changed role, unit or password renews the security stamp; older cookies stop working within minutes.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Admin, Roles.Reviewer, Roles.Viewer))
            .AddPolicy(EditPolicy, p => p.RequireRole(Roles.Admin, Roles.FocalPoint))
            .AddPolicy(SyncPolicy, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiKeyAuthenticationHandler.SyncRole)
                .RequireClaim(UnitAccess.UnitClaim));

        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInLimits>();
        services.AddSingleton<KnownDevices>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<ApiKeyAdministration>();
        services.AddSingleton<IDatabaseSeeder, RoleSeeder>();
        services.AddNavLink(new NavLink("/admin/audit", typeof(Site), "Nav.Audit", 90, AdminPolicy));
        return builder;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        app.MapUsersApi();
        app.MapApiKeysApi();
        app.MapAuditApi();
        return app;
    }

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static void AddAccountsCommands(this CliApp cli)
    {
        cli.Add(UsersCommand.Create(cli));
        cli.Add(KeysCommand.Create(cli));
    }
}

/// <summary>Adds the unit claim to a focal point's sign-in, so every check reads it from the cookie.</summary>
internal sealed class UnitClaimsFactory(UserManager<User> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.UnitCode is not null)
        {
            identity.AddClaim(new Claim(UnitAccess.UnitClaim, user.UnitCode));
        }

        identity.AddClaim(new Claim("opendvc:display_name", user.DisplayName));
        return identity;
    }
}

/// <summary>The four roles exist in every database.</summary>
internal sealed class RoleSeeder(IServiceScopeFactory scopes) : IDatabaseSeeder
{
    public async Task SeedAsync(AppSettings settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();

        // One query on every start; Identity's role manager (a query per role) only when a role is missing.
        var names = scope.ServiceProvider.GetRequiredService<ILookupNormalizer>();
        var stored = await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<IdentityRole>()
            .Select(r => r.NormalizedName).ToListAsync(cancellationToken);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All.Where(r => !stored.Contains(names.NormalizeName(r))))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace OpenDvc.Platform.Localization;

/// <summary>
/// Vietnamese first, English on request: the choice is a cookie set by the language switch (a plain link, so it
/// works without JavaScript), then the browser's Accept-Language. Texts live in Resources/*.resx.
/// The switch is a GET link, not a form: a form would need a per-visitor anti-forgery token in every page's layout,
/// which would keep public pages from being cached whole (Indicators/PublicPageCache); what a forged request
/// could do is switch someone's display language, which is no harm (docs/security.md).
/// </summary>
public static class LocalizationModule
{
    public static readonly CultureInfo[] Cultures = [new("vi-VN"), new("en-GB")];

    public static WebApplicationBuilder AddLocalizationSupport(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.RequestCultureProviders =
            [
                // ?culture=en or en-GB, vi or vi-VN: the language asked in a link, before the cookie's.
                new CustomRequestCultureProvider(context => Task.FromResult(
                    Asked(context.Request.Query["culture"].ToString()) is { } asked ? new ProviderCultureResult(asked.Name) : null)),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    /// <summary>The culture a language code names ("en", "en-GB", "vi", "vi-VN"), or null for any other.</summary>
    private static CultureInfo? Asked(string? culture) =>
        culture?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? Cultures[1]
        : culture?.StartsWith("vi", StringComparison.OrdinalIgnoreCase) == true ? Cultures[0]
        : null;

    public static void MapLanguageSwitch(this WebApplication app)
    {
        // GET /language?culture=vi|en&returnUrl=/path: sets the cookie for a year and goes back (local paths only).
        app.MapGet("/language", (HttpContext context, TimeProvider time, string? culture, string? returnUrl) =>
        {
            var chosen = Asked(culture) ?? Cultures[0];
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = time.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps });
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).WithName("SwitchLanguage").ExcludeFromDescription();
    }
}

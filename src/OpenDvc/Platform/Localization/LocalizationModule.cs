using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace OpenDvc.Platform.Localization;

/// <summary>
/// Vietnamese first, English on request: the choice is a cookie set by the language switch (a plain form, so it
/// works without JavaScript), then the browser's Accept-Language. Texts live in Resources/*.resx.
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
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    public static void MapLanguageSwitch(this WebApplication app)
    {
        // POST /language with culture=vi|en and returnUrl: sets the cookie for a year and goes back.
        app.MapPost("/language", (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var chosen = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? Cultures[1] : Cultures[0];
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
    }
}

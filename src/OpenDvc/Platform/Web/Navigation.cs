namespace OpenDvc.Platform.Web;

/// <summary>
/// A link in the site's main navigation, contributed by a capability (so the layout names none of them).
/// The text comes from the capability's resource class; a policy hides the link from those who may not follow it.
/// </summary>
public sealed record NavLink(string Href, Type TextResource, string TextKey, int Order, string? Policy = null);

public static class NavigationExtensions
{
    public static IServiceCollection AddNavLink(this IServiceCollection services, NavLink link) => services.AddSingleton(link);
}

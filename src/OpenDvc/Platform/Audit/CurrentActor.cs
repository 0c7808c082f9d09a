using System.Security.Claims;

namespace OpenDvc.Platform.Audit;

/// <summary>Who is making a change: the signed-in user, the API key's unit, or the CLI's operator.</summary>
public interface ICurrentActor
{
    string Name { get; }
}

internal sealed class HttpOrCliActor(IHttpContextAccessor accessor) : ICurrentActor
{
    /// <summary>Set by CLI commands so their changes are attributed to the operator at the terminal.</summary>
    public static string? CliOperator { get; set; }

    public string Name
    {
        get
        {
            var user = accessor.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated == true)
            {
                return user.FindFirstValue(ClaimTypes.Name) ?? user.Identity.Name ?? "unknown";
            }

            return accessor.HttpContext is null ? $"cli:{CliOperator ?? Environment.UserName}" : "anonymous";
        }
    }
}

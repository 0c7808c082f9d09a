using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Platform.Web;

/// <summary>
/// RFC 9457 problem details with a stable code and the message in both languages, so a unit's one-stop system
/// can act on the code and a person can read the message in Vietnamese or English.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string vietnamese, string english, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = code,
            ["message_vi"] = vietnamese,
            ["message_en"] = english,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            extensions[key] = value;
        }

        var vi = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";
        return TypedResults.Problem(
            statusCode: status,
            title: vi ? vietnamese : english,
            type: $"https://opendvc.gov.vn/problems/{code}",
            extensions: extensions);
    }

    public static ProblemHttpResult NotFound(string code, string vietnamese, string english) =>
        Create(StatusCodes.Status404NotFound, code, vietnamese, english);

    public static ProblemHttpResult Conflict(string code, string vietnamese, string english) =>
        Create(StatusCodes.Status409Conflict, code, vietnamese, english);

    public static ProblemHttpResult Forbidden() => Refusal.Of(PlatformCodes.Forbidden).ToProblem();
}

/// <summary>
/// The last resort: an unexpected exception becomes a 500 problem without internals. A request the server refused while
/// reading it (Kestrel's <see cref="BadHttpRequestException"/>: a body over the size limit, a malformed body) keeps
/// its own status, 413 or 400, and is the client's fault, not the server's.
/// </summary>
internal sealed class UnexpectedExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnexpectedExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var refusal = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Refusal.Of(PlatformCodes.BodyTooLarge),
            BadHttpRequestException bad => Refusal.Of(PlatformCodes.BadRequest) with { Status = bad.StatusCode },
            _ => Refusal.Of(PlatformCodes.Internal),
        };
        var (status, code, title) = (refusal.Status, refusal.Code, $"{refusal.Vietnamese} / {refusal.English}");
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Path}", httpContext.Request.Path);
        }
        else
        {
            logger.LogInformation("Request refused while read on {Path}: {Reason}", httpContext.Request.Path, exception.Message);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Type = $"https://opendvc.gov.vn/problems/{code}",
                Extensions = { ["code"] = code },
            },
        });
    }
}

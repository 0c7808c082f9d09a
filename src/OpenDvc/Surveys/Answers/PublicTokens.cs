using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OpenDvc.Accounts.SignIn;

namespace OpenDvc.Surveys.Answers;

/// <summary>
/// Tokens for public answers: the survey link gives every visitor a token (in a cookie, or in the API's answer), and
/// one token answers once. A token is 128 random bits sealed with the app's data protection keys and bound to its
/// survey, so none can be made up; nothing is stored when it is issued, and only its SHA-256 hash with the answer.
/// </summary>
public sealed class PublicTokens(IDataProtectionProvider protection)
{
    public const string CookiePrefix = "opendvc.survey.";

    private readonly IDataProtector protector = protection.CreateProtector("OpenDvc.Surveys.PublicToken");

    public string Issue(int surveyId) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{surveyId}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}"));

    /// <summary>The token's hash when it was issued for this survey; null for anything else.</summary>
    public string? HashOf(int surveyId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        try
        {
            var inner = protector.Unprotect(token);
            return inner.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{surveyId}:"), StringComparison.Ordinal)
                ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inner)))
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>
/// Public answers per client address (IPv6 /64 as one) in fixed windows, in this process's memory and bounded: a
/// visitor who clears the cookie gets a new token, but not an unlimited number of answers.
/// </summary>
public sealed class PublicAnswerLimits(IOptions<SurveysOptions> options, TimeProvider time)
{
    private readonly AttemptCounter counter = new(options.Value.PublicAnswersPerClient, options.Value.PublicAnswerWindow, options.Value.TrackedClients, time);

    public bool TryTake(HttpContext http, out TimeSpan retryAfter) =>
        counter.TryTake(SignInAttempt.ClientOf(http.Connection.RemoteIpAddress), out retryAfter);

    /// <summary>A refused answer (wrong, or a used token) does not use up the address's answers.</summary>
    public void GiveBack(HttpContext http) => counter.GiveBack(SignInAttempt.ClientOf(http.Connection.RemoteIpAddress));
}

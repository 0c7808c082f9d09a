using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using OpenDvc.Accounts;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Web;
using OpenDvc.Resources;

namespace OpenDvc.Directives.Incentives;

public static class IncentivePoliciesApi
{
    public static void MapIncentivePoliciesApi(this IEndpointRouteBuilder app)
    {
        // Public as the agency's letters quote it: anyone reads the policies in force on a day; staff read them all.
        var group = app.MapGroup("/api/v1/incentive-policies").WithTags("Incentive policies");
        group.MapGet("/", ListIncentivePolicies).WithName(nameof(ListIncentivePolicies))
            .WithSummary("Incentive policies for online services, with the letter's summary (provinces and other units); filters unit, kind, on (yyyy-MM-dd: in force that day; today for the public).");
        group.MapGet("/export", ExportIncentivePolicies).WithName(nameof(ExportIncentivePolicies))
            .WithSummary("The same list (same filters) as xlsx, csv or pdf with Vietnamese headers.");

        var edit = group.MapGroup("").RequireAuthorization(AccountsModule.EditPolicy);
        edit.MapPost("/", CreateIncentivePolicy).WithName(nameof(CreateIncentivePolicy))
            .WithSummary("Record a policy (the unit's focal point for its own unit, or an admin).");
        edit.MapPut("/{id:int}", UpdateIncentivePolicy).WithName(nameof(UpdateIncentivePolicy))
            .WithSummary("Change a policy (the unit's focal point, or an admin).");
        edit.MapPost("/{id:int}/end", EndIncentivePolicy).WithName(nameof(EndIncentivePolicy))
            .WithSummary("End a policy: its last day in force (the unit's focal point, or an admin).");
    }

    public static async Task<Results<Ok<IncentivePolicyList>, ProblemHttpResult>> ListIncentivePolicies(
        string? unit, IncentiveKind? kind, string? on, ClaimsPrincipal user, IncentiveRegister register, CancellationToken ct) =>
        TryDay(on, out var day)
            ? TypedResults.Ok(await register.ListAsync(user, new IncentiveFilter(unit, kind, day), ct))
            : DirectivesProblems.BadDate();

    public static async Task<IResult> ExportIncentivePolicies(
        string? unit, IncentiveKind? kind, string? on, string? format, ClaimsPrincipal user, IncentiveRegister register, IStringLocalizer<DirectivesText> text, CancellationToken ct)
    {
        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        if (!TryDay(on, out var day))
        {
            return DirectivesProblems.BadDate();
        }

        var list = await register.ListAsync(user, new IncentiveFilter(unit, kind, day), ct);
        var heading = new ExportHeading(text["Incentives.Title"], [SummaryLine(list.Summary, text)]);
        return await TableExport.ToFileAsync(list.Items.ToAsyncEnumerable(), Columns(text), format, "incentive-policies", ct, heading: heading);
    }

    /// <summary>"N tỉnh, thành phố và M đơn vị khác có chính sách khuyến khích (đang có hiệu lực ngày …)".</summary>
    public static string SummaryLine(IncentiveSummary summary, IStringLocalizer<DirectivesText> text) =>
        summary.On is { } on
            ? text["Incentives.SummaryOn", summary.Provinces, summary.OtherUnits, on.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)]
            : text["Incentives.Summary", summary.Provinces, summary.OtherUnits];

    public static IReadOnlyList<ExportColumn<IncentivePolicyView>> Columns(IStringLocalizer<DirectivesText> text) =>
    [
        new(text["Incentive.Unit"], p => p.Unit),
        new(text["Incentive.UnitName"], p => p.UnitName),
        new(text["Incentive.Kind"], p => text[$"IncentiveKind.{p.Kind}"].Value),
        new(text["Incentive.Percent"], p => p.Percent),
        new(text["Incentive.Description"], p => p.Description),
        new(text["Incentive.Since"], p => p.Since),
        new(text["Incentive.Until"], p => p.Until),
        new(text["Incentive.DocumentNumber"], p => p.DocumentNumber),
        new(text["Incentive.DocumentDate"], p => p.DocumentDate),
        new(text["Incentive.DocumentIssuer"], p => p.DocumentIssuer),
        new(text["Incentive.Link"], p => p.Link),
        new(text["Incentive.Note"], p => p.Note),
    ];

    public static async Task<Results<Created<IncentivePolicyView>, ProblemHttpResult>> CreateIncentivePolicy(
        IncentivePolicyInput input, ClaimsPrincipal user, IncentiveRegister register, CancellationToken ct)
    {
        if (!UnitAccess.CanEdit(user, input.Unit))
        {
            return Problems.Forbidden();
        }

        var (saved, violations) = await register.SaveAsync(null, input, ct);
        return saved is null
            ? Invalid(violations)
            : TypedResults.Created($"/api/v1/incentive-policies/{saved.Id}", await register.ViewAsync(saved, ct));
    }

    public static async Task<Results<Ok<IncentivePolicyView>, ProblemHttpResult>> UpdateIncentivePolicy(
        int id, IncentivePolicyInput input, ClaimsPrincipal user, IncentiveRegister register, CancellationToken ct)
    {
        if (await register.FindAsync(id, ct) is not { } policy)
        {
            return Unknown(id);
        }

        // Moving a policy to another unit needs the right to edit both.
        if (!UnitAccess.CanEdit(user, policy.UnitCode) || !UnitAccess.CanEdit(user, input.Unit))
        {
            return Problems.Forbidden();
        }

        var (saved, violations) = await register.SaveAsync(policy, input, ct);
        return saved is null ? Invalid(violations) : TypedResults.Ok(await register.ViewAsync(saved, ct));
    }

    public static async Task<Results<Ok<IncentivePolicyView>, ProblemHttpResult>> EndIncentivePolicy(
        int id, EndIncentivePolicyInput input, ClaimsPrincipal user, IncentiveRegister register, CancellationToken ct)
    {
        if (await register.FindAsync(id, ct) is not { } policy)
        {
            return Unknown(id);
        }

        if (!UnitAccess.CanEdit(user, policy.UnitCode))
        {
            return Problems.Forbidden();
        }

        var violations = await register.EndAsync(policy, input.Until!.Value, ct);
        return violations.Count > 0 ? Invalid(violations) : TypedResults.Ok(await register.ViewAsync(policy, ct));
    }

    private static ProblemHttpResult Invalid(IReadOnlyList<Registry.RuleViolation> violations) => DirectivesProblems.Invalid(violations, DirectiveCodes.IncentiveInvalid);

    private static ProblemHttpResult Unknown(int id) => DirectivesProblems.UnknownIncentivePolicy(id);

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }
}

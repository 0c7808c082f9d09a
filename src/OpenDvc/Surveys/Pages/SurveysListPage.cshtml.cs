using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Database;
using OpenDvc.Surveys.Answers;
using OpenDvc.Surveys.Questionnaire;

namespace OpenDvc.Surveys.Pages;

/// <summary>/surveys: staff see every survey with its results; a focal point sees the rounds sent to its unit, open and past, and its answers.</summary>
[Authorize(Policy = SurveysModule.ReadPolicy)]
public sealed class SurveysListPage(OpenDvcDbContext db, ResponseBook book) : PageModel
{
    public IReadOnlyList<SurveySummary> Surveys { get; private set; } = [];

    public IReadOnlyList<UnitSurveyView> Mine { get; private set; } = [];

    public string? Unit { get; private set; }

    public bool IsStaff { get; private set; }

    /// <summary>Admins build, open and close surveys: the list links to the builder for them.</summary>
    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsStaff = UnitAccess.IsStaff(User);
        Unit = UnitAccess.UnitOf(User);
        if (IsStaff)
        {
            Surveys = (await SurveysApi.ListSurveys(User, db, ct)).Value!;
        }

        if (Unit is not null)
        {
            Mine = await book.ListForUnitAsync(Unit, ct);
        }
    }
}

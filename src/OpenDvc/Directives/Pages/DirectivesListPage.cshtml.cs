using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDvc.Accounts;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Database;

namespace OpenDvc.Directives.Pages;

/// <summary>/directives: the published directives for everyone; drafts too for staff.</summary>
public sealed class DirectivesListPage(OpenDvcDbContext db) : PageModel
{
    public IReadOnlyList<DirectiveView> Directives { get; private set; } = [];

    public bool IsAdmin { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsAdmin = User.IsInRole(Accounts.Users.Roles.Admin);
        Directives = await DirectiveBook.ListAsync(db, UnitAccess.IsStaff(User), ct);
    }
}

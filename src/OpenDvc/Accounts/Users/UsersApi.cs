using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Web;

namespace OpenDvc.Accounts.Users;

public sealed record NewUser(
    [property: Required, StringLength(256, MinimumLength = 2)] string UserName,
    [property: StringLength(128)] string? DisplayName,
    [property: Required] string Role,
    [property: StringLength(16)] string? UnitCode,
    [property: Required] string Password);

public sealed record RoleChange([property: Required] string Role, [property: StringLength(16)] string? UnitCode);

public sealed record PasswordReset([property: Required] string Password);

/// <summary><c>/api/v1/admin/users</c>: accounts, for admins only; the same rules as the CLI and the admin page.</summary>
public static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/users").WithTags("Accounts").RequireAuthorization(AccountsModule.AdminPolicy);
        group.MapGet("/", ListUsers).WithName(nameof(ListUsers)).WithSummary("Every user with role, unit and lockout.");
        group.MapGet("/{userName}", GetUser).WithName(nameof(GetUser)).WithSummary("One user.");
        group.MapPost("/", AddUser).WithName(nameof(AddUser)).WithSummary("Add a user; a focal point needs a unit.");
        group.MapPost("/{userName}/role", SetUserRole).WithName(nameof(SetUserRole)).WithSummary("Change a user's role and unit.");
        group.MapPost("/{userName}/password", ResetUserPassword).WithName(nameof(ResetUserPassword)).WithSummary("Set a new password and lift any lockout.");
        group.MapPost("/{userName}/unlock", UnlockUser).WithName(nameof(UnlockUser)).WithSummary("Lift a lockout.");
    }

    public static async Task<Ok<List<UserView>>> ListUsers(UserAdministration admin, CancellationToken ct) =>
        TypedResults.Ok(await admin.ListAsync(ct));

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetUser(string userName, UserAdministration admin, CancellationToken ct) =>
        await admin.FindAsync(userName, ct) is { } user ? TypedResults.Ok(user) : UserAdministration.NotFound(userName).ToProblem();

    public static async Task<Results<Created<UserView>, ProblemHttpResult>> AddUser(NewUser body, UserAdministration admin, CancellationToken ct)
    {
        var error = await admin.AddAsync(body.UserName, body.DisplayName ?? body.UserName, body.Role, NullIfBlank(body.UnitCode), body.Password, ct);
        return error is not null
            ? error.ToProblem()
            : TypedResults.Created($"/api/v1/admin/users/{Uri.EscapeDataString(body.UserName)}", await admin.FindAsync(body.UserName, ct));
    }

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetUserRole(string userName, RoleChange body, UserAdministration admin, CancellationToken ct) =>
        await OkOrProblem(await admin.SetRoleAsync(userName, body.Role, NullIfBlank(body.UnitCode), ct), userName, admin, ct);

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> ResetUserPassword(string userName, PasswordReset body, UserAdministration admin, CancellationToken ct) =>
        await OkOrProblem(await admin.ResetPasswordAsync(userName, body.Password), userName, admin, ct);

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> UnlockUser(string userName, UserAdministration admin, CancellationToken ct) =>
        await OkOrProblem(await admin.UnlockAsync(userName), userName, admin, ct);

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> OkOrProblem(Refusal? error, string userName, UserAdministration admin, CancellationToken ct) =>
        error is not null ? error.ToProblem() : TypedResults.Ok((await admin.FindAsync(userName, ct))!);

    public static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}



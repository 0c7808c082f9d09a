using System.CommandLine;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Accounts.Users;

/// <summary><c>opendvc users add|list|reset-password|set-role|unlock</c>: how the first admin is made.</summary>
internal static class UsersCommand
{
    public static Command Create(CliApp cli)
    {
        var command = new Command("users", "Manage accounts: add, list, reset-password, set-role, unlock.");
        command.Subcommands.Add(Add(cli));
        command.Subcommands.Add(List(cli));
        command.Subcommands.Add(ResetPassword(cli));
        command.Subcommands.Add(SetRole(cli));
        command.Subcommands.Add(Unlock(cli));
        return command;
    }

    private static readonly Argument<string> UserName = new("username") { Description = "Login name." };

    private static Option<string> RoleOption() => new("--role")
    {
        Description = "admin, reviewer, focal_point or viewer.",
        Required = true,
    };

    private static Option<string?> UnitOption() => new("--unit") { Description = "Unit code, required for a focal point (e.g. 01, BTP); optional for a reviewer (an expert's own unit)." };

    private static Option<string?> PasswordOption() => new("--password") { Description = "The password; or set OPENDVC_PASSWORD, or pipe it with --password-stdin." };

    private static readonly Option<bool> PasswordFromStdin = new("--password-stdin") { Description = "Read the password from standard input." };

    private static Command Add(CliApp cli)
    {
        var role = RoleOption();
        var unit = UnitOption();
        var password = PasswordOption();
        var name = new Option<string?>("--name") { Description = "Display name." };
        var command = new Command("add", "Add a user with a role (the first admin is made this way).") { UserName, role, unit, password, PasswordFromStdin, name };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var secret = ReadPassword(parse, password);
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var userName = parse.GetValue(UserName)!;
            Throw(await admin.AddAsync(userName, parse.GetValue(name) ?? userName, parse.GetValue(role)!, parse.GetValue(unit), secret, ct));
            Console.WriteLine($"added {userName} ({parse.GetValue(role)})");
        }));
        return command;
    }

    private static Command List(CliApp cli)
    {
        var command = new Command("list", "List users with their role and unit.");
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var all = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync(ct);
            Console.WriteLine($"{"username",-24} {"role",-12} {"unit",-8} {"locked",-6} name");
            foreach (var user in all)
            {
                Console.WriteLine($"{user.UserName,-24} {user.Role,-12} {user.UnitCode ?? "-",-8} {(user.LockedOut ? "yes" : "no"),-6} {user.DisplayName}");
            }
        }));
        return command;
    }

    private static Command ResetPassword(CliApp cli)
    {
        var password = PasswordOption();
        var command = new Command("reset-password", "Set a new password and lift any lockout.") { UserName, password, PasswordFromStdin };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var secret = ReadPassword(parse, password);
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            Throw(await scope.ServiceProvider.GetRequiredService<UserAdministration>().ResetPasswordAsync(parse.GetValue(UserName)!, secret));
            Console.WriteLine($"password reset for {parse.GetValue(UserName)}");
        }));
        return command;
    }

    private static Command SetRole(CliApp cli)
    {
        var role = RoleOption();
        var unit = UnitOption();
        var command = new Command("set-role", "Change a user's role (and unit, for a focal point).") { UserName, role, unit };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            Throw(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetRoleAsync(parse.GetValue(UserName)!, parse.GetValue(role)!, parse.GetValue(unit), ct));
            Console.WriteLine($"{parse.GetValue(UserName)} is now {parse.GetValue(role)}");
        }));
        return command;
    }

    private static Command Unlock(CliApp cli)
    {
        var command = new Command("unlock", "Lift a lockout after too many wrong passwords.") { UserName };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            await using var app = await cli.OpenAsync(parse, ct);
            await using var scope = app.Services.CreateAsyncScope();
            Throw(await scope.ServiceProvider.GetRequiredService<UserAdministration>().UnlockAsync(parse.GetValue(UserName)!));
            Console.WriteLine($"{parse.GetValue(UserName)} unlocked");
        }));
        return command;
    }

    private static string ReadPassword(ParseResult parse, Option<string?> option)
    {
        var password = parse.GetValue(option)
            ?? (parse.GetValue(PasswordFromStdin) ? Console.In.ReadLine() : null)
            ?? Environment.GetEnvironmentVariable("OPENDVC_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            throw new CliException(Refusal.Of(AccountCodes.PasswordMissing));
        }

        return password;
    }

    private static void Throw(Refusal? error)
    {
        if (error is not null)
        {
            throw new CliException(error);
        }
    }
}

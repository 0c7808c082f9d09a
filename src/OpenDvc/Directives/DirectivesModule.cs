using OpenDvc.Accounts;
using OpenDvc.Directives.Catalog;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Demo;
using OpenDvc.Directives.Incentives;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Reminders;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Web;
using OpenDvc.Resources;

namespace OpenDvc.Directives;

/// <summary>
/// Directives (văn bản chỉ đạo), their deliverables, the units' submissions, compliance views with the
/// "not yet submitted" list, deadline reminders (issue 5), and the register of units' incentive policies (issue 18).
/// </summary>
public static class DirectivesModule
{
    public static WebApplicationBuilder AddDirectives(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DirectivesOptions>().Bind(builder.Configuration.GetSection(DirectivesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ProcedureCatalogSubmission>();
        services.AddScoped<SubmissionWorkflow>();
        services.AddScoped<MonthlyReportComparison>();
        services.AddScoped<PlanProgress>();
        services.AddScoped<RecurringDeliverables>();
        services.AddScoped<ComplianceQuery>();
        services.AddScoped<ComplianceMatrix>();
        services.AddScoped<AnswerSources>();
        services.AddScoped<ReminderSender>();
        services.AddScoped<IncentiveRegister>();
        services.AddSingleton<IReminderMailer, SmtpReminderMailer>();
        Platform.Database.DemoSeeder.Add(services, (scope, ct) => Demo.DemoDirectives.LoadIfEmptyAsync(
            scope.GetRequiredService<Platform.Database.OpenDvcDbContext>(), scope.GetRequiredService<AnswerSources>(), ct));
        Platform.Database.DemoSeeder.Add(services, DemoIncentivePolicies.LoadIfEmptyAsync);

        // Tests drive the reminders themselves, on their own clock.
        if (!builder.Environment.IsEnvironment("Testing"))
        {
            services.AddHostedService<ReminderService>();
        }

        services
            .AddNavLink(new NavLink("/directives", typeof(DirectivesText), "Nav.Directives", 50))
            .AddNavLink(new NavLink("/deliverables", typeof(DirectivesText), "Nav.MyDeliverables", 52, AccountsModule.EditPolicy))
            .AddNavLink(new NavLink("/compliance", typeof(DirectivesText), "Nav.Compliance", 55, AccountsModule.StaffPolicy))
            .AddNavLink(new NavLink("/reminders", typeof(DirectivesText), "Nav.Reminders", 56, AccountsModule.EditPolicy))
            .AddNavLink(new NavLink("/incentives", typeof(DirectivesText), "Nav.Incentives", 51));
        return builder;
    }

    public static WebApplication MapDirectives(this WebApplication app)
    {
        app.MapDirectivesApi();
        app.MapSubmissionsApi();
        app.MapComplianceApi();
        app.MapRemindersApi();
        app.MapIncentivePoliciesApi();
        return app;
    }

    public static void AddDirectivesCommands(this CliApp cli) => cli.Add(RemindersCommand.Create(cli));
}

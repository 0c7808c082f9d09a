using System.Security.Claims;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry;
using OpenDvc.Registry.Transfer;

namespace OpenDvc.Awards.Nominations;

/// <summary>
/// Nominations from an Excel (.xlsx) or CSV file, for units that prefer a spreadsheet: each row goes through
/// <see cref="NominationWorkflow.NominateServiceAsync"/> (scope, deadline, quota, eligibility, frozen evidence) inside one
/// transaction; if any row is refused nothing is written and the report lists every refused row.
/// </summary>
public sealed class NominationImport(NominationWorkflow store, OpenDvcDbContext db)
{
    public static readonly string[] Columns = ["unit", "procedure", "category", "narrative", "contact_name", "contact_email", "contact_phone"];

    public async Task<ImportReport> ImportAsync(ClaimsPrincipal user, int campaignId, Stream content, string fileName, bool dryRun, CancellationToken ct)
    {
        var (file, error) = TableFile.Read(content, fileName);
        if (file is null)
        {
            return ImportReport.Failed("nominations", 0, [error!]);
        }

        var missing = Columns.Where(c => !file.Header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            return ImportReport.Failed("nominations", file.Rows.Count, missing
                .Select(m => ImportError.Of(1, m, null, Refusal.Of(RegistryCodes.ImportHeaderMissing, m))).ToList());
        }

        var index = Columns.ToDictionary(c => c, c => file.Header.Select((h, i) => (h, i)).First(x => string.Equals(x.h, c, StringComparison.OrdinalIgnoreCase)).i);
        string? Cell(string[] cells, string column) => index[column] < cells.Length && !string.IsNullOrWhiteSpace(cells[index[column]]) ? cells[index[column]].Trim() : null;

        var errors = new List<ImportError>();
        var created = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (number, cells) in file.Rows)
        {
            if (!Enum.TryParse<NominationCategory>(Cell(cells, "category"), ignoreCase: true, out var category) || !Enum.IsDefined(category))
            {
                errors.Add(ImportError.Of(number, "category", Cell(cells, "category"), Refusal.Of(RegistryCodes.ImportEnum).Saying("NominationCategory")));
                continue;
            }

            var input = new NominationInput(Cell(cells, "unit") ?? "", Cell(cells, "procedure") ?? "", category, Cell(cells, "narrative"),
                Cell(cells, "contact_name"), Cell(cells, "contact_email"), Cell(cells, "contact_phone"));
            var (_, refused) = await store.NominateServiceAsync(user, campaignId, input, ct);
            if (refused is null)
            {
                created++;
            }
            else
            {
                errors.Add(ImportError.Of(number, "procedure", $"{input.UnitCode}/{input.ProcedureCode}", refused));
            }
        }

        if (errors.Count > 0 || dryRun)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return errors.Count > 0 ? ImportReport.Failed("nominations", file.Rows.Count, errors) : new ImportReport("nominations", file.Rows.Count, created, 0, 0, true, []);
        }

        await transaction.CommitAsync(ct);
        return new ImportReport("nominations", file.Rows.Count, created, 0, 0, false, []);
    }
}
